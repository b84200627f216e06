import { closeSync, cpSync, existsSync, fsyncSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CatalogError, describeIssues } from '../catalog/errors.ts';
import { loadCatalog } from '../catalog/load.ts';
import { COMMIT_MARKER, NEW_SUFFIX } from '../catalog/pack-files.ts';
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

/**
 * Tests kill the importer at a named step of its commit to prove every instant is safe. Only they
 * set this variable; the steps are "staged", "new:<file>", "marked", "renamed:<file>" and "done".
 */
function crashPoint(step: string): void {
  if (process.env.TREKDEX_IMPORT_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}

/** Writes a file and waits until it is on disk, so a commit never points at data still in a cache. */
function writeDurably(file: string, text: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const stagingPrefix = (dir: string) => `.${path.basename(dir)}-import-`;

/**
 * Brings a pack folder back to one committed state after an import was killed: a commit whose
 * marker is in place is finished (its remaining `.new` files renamed), anything written before the
 * marker is discarded, and staging folders left beside the pack are removed.
 */
export function recoverPack(packDir: string): void {
  const dir = path.resolve(packDir);
  if (!existsSync(dir)) return; // reading the pack will say what is missing
  const marker = path.join(dir, COMMIT_MARKER);
  if (existsSync(marker)) {
    const { files } = JSON.parse(readFileSync(marker, 'utf8')) as { files: string[] };
    for (const file of files) {
      const next = path.join(dir, file + NEW_SUFFIX);
      if (existsSync(next)) renameSync(next, path.join(dir, file));
    }
    rmSync(marker);
  }
  for (const entry of readdirSync(dir)) {
    if (entry.endsWith(NEW_SUFFIX) || entry === `${COMMIT_MARKER}.tmp`) rmSync(path.join(dir, entry), { force: true });
  }
  for (const entry of readdirSync(path.dirname(dir))) {
    if (entry.startsWith(stagingPrefix(dir))) rmSync(path.join(path.dirname(dir), entry), { recursive: true, force: true });
  }
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
 * Parses pages and merges them into a pack. The new files are written to a staging copy and loaded
 * with the catalog's own validation; only a pack that loads is committed, all at once (see
 * catalog/pack-files.ts), so killing the import at any instant leaves the old pack or the new one.
 */
export function importPages(files: string[], options: ImportOptions): ImportSummary {
  const summary: ImportSummary = { read: 0, added: 0, updated: 0, unchanged: 0, conflicts: 0, failed: [], changes: [], written: [] };
  if (!options.dryRun) recoverPack(options.packDir);
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
  const staging = mkdtempSync(path.join(path.dirname(dir), stagingPrefix(dir)));
  const order = [...changed].sort();
  try {
    cpSync(dir, staging, { recursive: true });
    for (const file of order) {
      const data = file === 'pack.json' ? pack.pack : pack.series.get(file);
      writeDurably(path.join(staging, file), `${JSON.stringify(data, null, 2)}\n`);
    }
    loadCatalog(staging);
    options.beforeCommit?.();
    crashPoint('staged');
    for (const file of order) {
      writeDurably(path.join(dir, file + NEW_SUFFIX), readFileSync(path.join(staging, file), 'utf8'));
      crashPoint(`new:${file}`);
    }
    // The commit: one rename makes the whole set of new files the pack.
    const marker = path.join(dir, COMMIT_MARKER);
    writeDurably(`${marker}.tmp`, JSON.stringify({ files: order }));
    renameSync(`${marker}.tmp`, marker);
    crashPoint('marked');
    for (const file of order) {
      renameSync(path.join(dir, file + NEW_SUFFIX), path.join(dir, file));
      summary.written.push(path.join(options.packDir, file));
      crashPoint(`renamed:${file}`);
    }
    rmSync(marker);
    crashPoint('done');
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return summary;
}
