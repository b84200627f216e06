import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * `npm start`'s entry point (the TypeScript, through tsx) as a child process with `env` added to
 * this one's, its stdout and stderr collected. The loader and entry are absolute paths so `cwd`
 * can be any folder.
 */
export function startBot(env: Record<string, string>, options: { cwd?: string } = {}) {
  const child = spawn(process.execPath, ['--import', path.join(ROOT, 'node_modules/tsx/dist/loader.mjs'), path.join(ROOT, 'src/main.ts')], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watchers = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += String(chunk);
    for (const watcher of watchers) watcher();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  /** Resolves once the output matches `pattern`; rejects, with the output, if the process exits first. */
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        watchers.delete(check);
        resolve();
      };
      watchers.add(check);
      check();
      void exited.then((code) => {
        if (watchers.delete(check)) reject(new Error(`exited with ${code} before ${pattern}: ${output}`));
      });
    });

  return { child, exited, waitFor, output: () => output };
}
