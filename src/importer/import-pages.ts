import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogError, describeIssues } from '../catalog/errors.ts';
import { loadCatalog } from '../catalog/load.ts';
import { packSchema, seriesSchema } from '../catalog/schema.ts';
import { mergePage, type Outcome, type PackFiles } from './merge.ts';
import { PageError, parsePage } from './parse-page.ts';

export const DEFAULT_CREDIT = 'user-supplied episode page';

export interface ImportOptions {
  packDir: string;
  dryRun?: boolean;
  force?: boolean;
  credit?: string;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Called after the new pack is staged and validated, before it replaces the old one (tests simulate crashes here). */
  beforeCommit?: () => void;
}

export interface ImportSummary {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  failed: { file: string; reason: string }[];
  changes: string[];
  written: string[];
}

/** Files to import: the paths given, and every .txt/.htm/.html file under the folders given, sorted. */
export function collectPages(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
    } else if (/\.(txt|html?)$/i.test(p) || paths.includes(p)) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p);
  return out;
}

function readPack(dir: string): PackFiles {
  const packPath = path.join(dir, 'pack.json');
  const raw = JSON.parse(readFileSync(packPath, 'utf8'));
  const pack = packSchema.safeParse(raw);
  if (!pack.success) throw new CatalogError(describeIssues(packPath, raw, pack.error.issues));
  const series = new Map<string, ReturnType<typeof seriesSchema.parse>>();
  for (const file of pack.data.series) {
    const seriesPath = path.join(dir, file);
    const data = JSON.parse(readFileSync(seriesPath, 'utf8'));
    const parsed = seriesSchema.safeParse(data);
    if (!parsed.success) throw new CatalogError(describeIssues(seriesPath, data, parsed.error.issues));
    // Keep the file exactly as written (no defaults added) so untouched fields round-trip.
    series.set(file, data);
  }
  return { pack: raw, series };
}

/**
 * Parses pages and merges them into a pack. The new files are written to a staging copy, the copy is
 * loaded with the catalog's own validation, and only then are the files renamed over the old ones
 * (series files first, pack.json last), so a crash at any point leaves a pack that loads.
 */
export function importPages(files: string[], options: ImportOptions): ImportSummary {
  const summary: ImportSummary = { read: 0, added: 0, updated: 0, unchanged: 0, conflicts: 0, failed: [], changes: [], written: [] };
  const pack = readPack(options.packDir);
  const changed = new Set<string>();
  const count: Record<Outcome, keyof ImportSummary> = { added: 'added', updated: 'updated', unchanged: 'unchanged', conflict: 'conflicts' };
  files.forEach((file, i) => {
    options.onProgress?.(i + 1, files.length, file);
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      summary.failed.push({ file, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    summary.read++;
    try {
      const result = mergePage(pack, parsePage(content), { force: options.force ?? false, credit: options.credit ?? DEFAULT_CREDIT });
      (summary[count[result.outcome]] as number)++;
      summary.changes.push(...result.changes);
      for (const f of result.changedFiles) changed.add(f);
    } catch (error) {
      const reason = error instanceof PageError || error instanceof Error ? error.message : String(error);
      summary.failed.push({ file, reason });
    }
  });
  if (options.dryRun || changed.size === 0) return summary;

  const dir = path.resolve(options.packDir);
  const staging = mkdtempSync(path.join(path.dirname(dir), `.${path.basename(dir)}-import-`));
  try {
    cpSync(dir, staging, { recursive: true });
    const order = [...changed].sort((a, b) => Number(a === 'pack.json') - Number(b === 'pack.json'));
    for (const file of order) {
      const data = file === 'pack.json' ? pack.pack : pack.series.get(file);
      writeFileSync(path.join(staging, file), `${JSON.stringify(data, null, 2)}\n`);
    }
    loadCatalog(staging);
    options.beforeCommit?.();
    for (const file of order) {
      renameSync(path.join(staging, file), path.join(dir, file));
      summary.written.push(path.join(options.packDir, file));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return summary;
}
