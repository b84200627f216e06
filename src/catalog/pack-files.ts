import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The importer's commit point. An import first writes every changed file beside the old one as
 * `<name>.new`, then renames this marker (listing those names) into place in one step, then renames
 * each `.new` over its file and removes the marker. While the marker exists the pack is the new one:
 * a listed file is read from its `.new` copy until that copy has been renamed. So a process killed at
 * any instant leaves either the old pack (no marker) or the new one, and never a mix.
 */
export const COMMIT_MARKER = '.import-commit.json';
export const NEW_SUFFIX = '.new';

/** Resolves the files of one pack folder as the last committed import left them. */
export function packFiles(dir: string): (name: string) => string {
  const marker = path.join(dir, COMMIT_MARKER);
  let pending = new Set<string>();
  if (existsSync(marker)) {
    try {
      pending = new Set((JSON.parse(readFileSync(marker, 'utf8')) as { files: string[] }).files);
    } catch {
      // The marker is renamed into place whole, so an unreadable one was never a commit.
    }
  }
  return (name) => {
    const next = path.join(dir, name + NEW_SUFFIX);
    return pending.has(name) && existsSync(next) ? next : path.join(dir, name);
  };
}
