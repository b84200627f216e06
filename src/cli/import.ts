import { parseArgs } from 'node:util';
import { CatalogError } from '../catalog/errors.ts';
import { collectPages, DEFAULT_CREDIT, importPages, type ImportSummary } from '../importer/import-pages.ts';

const USAGE = `Usage: npm run import -- <files or folders...> [--pack <dir>] [--dry-run] [--force] [--credit <text>]
  Reads saved episode pages (plain text or HTML) and merges them into a data pack.
  --pack      the pack folder to update (default: data/star-trek)
  --dry-run   print what would change, write nothing
  --force     overwrite values that differ from the pack (otherwise reported as conflicts)
  --credit    who wrote the synopses and blurbs (default: "${DEFAULT_CREDIT}")`;

/** The change lines by kind, so the counts in the summary line can be read off the headings above it. */
const GROUPS: [string, (line: string) => boolean][] = [
  ['New series', (l) => l.startsWith('+ new series ')],
  ['New episodes', (l) => l.startsWith('+ new episode ')],
  ['Filled in', (l) => l.startsWith('+ ')],
  ['Changed (--force)', (l) => l.startsWith('~ ')],
  ['Conflicts, kept as they are', (l) => l.startsWith('! ')],
];

/** "(3)" for whole records; "(1 episode, 3 fields)" for fields of episodes already in the pack. */
function counted(heading: string, lines: string[]): string {
  if (heading.startsWith('New')) return `${heading} (${lines.length})`;
  const episodes = new Set(lines.map((l) => l.slice(2, l.indexOf(': ')))).size;
  return `${heading} (${episodes} episode${episodes === 1 ? '' : 's'}, ${lines.length} field${lines.length === 1 ? '' : 's'})`;
}

function report(summary: ImportSummary, dryRun: boolean): void {
  const left = [...summary.changes];
  for (const [heading, belongs] of GROUPS) {
    const lines = left.filter(belongs);
    if (lines.length === 0) continue;
    for (const line of lines) left.splice(left.indexOf(line), 1);
    console.log(`${counted(heading, lines)}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  for (const { file, reason } of summary.failed) console.log(`  x ${file}: ${reason}`);
  console.log(
    `${dryRun ? 'Dry run, nothing written: ' : ''}${summary.read} read, ${summary.added} added, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.conflicts} with conflicts, ${summary.failed.length} failed.`,
  );
  if (!dryRun && summary.written.length) console.log(`Wrote ${summary.written.join(', ')}.`);
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pack: { type: 'string', default: 'data/star-trek' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      credit: { type: 'string', default: DEFAULT_CREDIT },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const files = collectPages(positionals);
  const interactive = process.stderr.isTTY;
  const summary = importPages(files, {
    packDir: values.pack,
    dryRun: values['dry-run'],
    force: values.force,
    credit: values.credit,
    onProgress: (done, total, file) => {
      const line = `[${done}/${total}] ${file}`;
      if (interactive) process.stderr.write(`\r\x1b[K${line}${done === total ? '\n' : ''}`);
      else if (total > 1) process.stderr.write(`${line}\n`);
    },
  });
  report(summary, values['dry-run']);
  return summary.failed.length > 0 || summary.conflicts > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CatalogError) console.error(`The pack is not valid, nothing was imported:\n${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'ENOENT') console.error(`Not found: ${(error as NodeJS.ErrnoException).path}`);
  else if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${(error as Error).message}\n\n${USAGE}`);
  else console.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
