import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { CatalogError } from '../src/catalog/errors.ts';
import { loadCatalog } from '../src/catalog/load.ts';

const made: string[] = [];

/**
 * A copy of the shipped data with one file of the Star Trek pack changed by `change`, in a folder laid
 * out like the real one (so messages name `data/star-trek/<file>`). `load` loads it from there.
 */
export function brokenPack(file: string, change: (json: any) => void): { root: string; load: () => unknown } {
  const root = mkdtempSync(path.join(tmpdir(), 'trekdex-'));
  made.push(root);
  cpSync('data', path.join(root, 'data'), { recursive: true });
  const target = path.join(root, 'data', 'star-trek', file);
  const json = JSON.parse(readFileSync(target, 'utf8'));
  change(json);
  writeFileSync(target, JSON.stringify(json));
  const load = () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      return loadCatalog('data');
    } finally {
      process.chdir(cwd);
    }
  };
  return { root, load };
}

/** The problems a load reports; fails the test when the pack loads without complaint. */
export function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).problems;
  }
  throw new Error('the broken pack loaded without complaint');
}

/** Removes the copies made so far (call from afterEach). */
export function removeBrokenPacks(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}
