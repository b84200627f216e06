import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The `node` flags of package.json's start script, so the benchmark measures what users run. */
export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  return start.split(/\s+/).filter((part) => part.startsWith('--'));
}

/** Runs a TypeScript entry point of this project as its own process; resolves once a line matches (at once without one). */
export function startProcess(script: string, env: Record<string, string>, ready?: RegExp): Promise<ChildProcess> {
  // Compiled entry points run with the same Node flags as `npm start`; TypeScript ones go through tsx.
  const loader = script.endsWith('.js') ? startFlags() : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const check = (chunk: Buffer) => {
      // Keep only the tail: a long run must not grow this process's memory.
      output = (output + String(chunk)).slice(-4096);
      if (!ready || ready.test(output)) resolve(child);
    };
    if (!ready) resolve(child);
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident set size of a process in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
