import { parseArgs } from 'node:util';
import { CatalogError } from '../catalog/errors.ts';
import { loadCatalog } from '../catalog/load.ts';
import { coverage, FILM_FIELDS, hasTexts, OPTIONAL_FIELDS, type Coverage } from '../catalog/coverage.ts';
import type { Entry, Pack } from '../catalog/model.ts';
import { filmRuleBreaks, ruleBreaks } from '../catalog/writing-rules.ts';

const USAGE = `Usage: npm run data:report -- [--data <folder>] [--strict] [--missing]
  Per series and in total: episodes, and how many have each optional text and fact; then every text
  that breaks the writing rules, and the episodes still without texts with the reason given.
  --strict   exit with status 1 when any text breaks a writing rule
  --missing  list every episode without texts (by default only a count per series)`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function row(name: string, c: Coverage): string[] {
  return [name, String(c.episodes), `${c.told}/${c.episodes}`, ...OPTIONAL_FIELDS.map((f) => String(c.fields[f.name]))];
}

function label(entry: Entry): string {
  return entry.kind === 'film' ? `film "${entry.title}"` : `${entry.series.code} ${entry.code} "${entry.title}"`;
}

/** One line per pack that has films: how many, and how many carry each text and fact. */
function filmTable(packs: Pack[]): string | undefined {
  const withFilms = packs.filter((p) => p.films.length > 0);
  if (withFilms.length === 0) return undefined;
  const rows = [['films', 'count', 'told', ...FILM_FIELDS.map((f) => f.name)]];
  for (const pack of withFilms) {
    const films = pack.films;
    rows.push([
      `${pack.name} films`,
      String(films.length),
      `${films.filter(hasTexts).length}/${films.length}`,
      ...FILM_FIELDS.map((f) => String(films.filter(f.has).length)),
    ]);
  }
  return table(rows);
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: process.env.DATA_DIR || 'data' },
      strict: { type: 'boolean', default: false },
      missing: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const catalog = loadCatalog(values.data);
  const rows = [['series', 'episodes', 'told', ...OPTIONAL_FIELDS.map((f) => f.name)]];
  for (const series of catalog.series) rows.push(row(`${series.title} (${series.code})`, coverage(series.episodes)));
  rows.push(row('Total', coverage(catalog.episodes)));
  console.log(table(rows));
  const films = filmTable(catalog.packs);
  if (films) console.log(`\n${films}`);
  console.log(
    '\n"told" counts episodes (and films) with both a logline and a synopsis. Stardates, production codes and IMDb ids the reference doubts are not counted.',
  );

  const breaks = [
    ...catalog.series.flatMap((series) => ruleBreaks(series).map((b) => ({ file: series.file, ...b }))),
    ...catalog.packs.flatMap((pack) => filmRuleBreaks(pack.films).map((b) => ({ file: `${pack.id} films`, ...b }))),
  ];
  console.log(`\nWriting rules: ${breaks.length === 0 ? 'every text passes.' : `${breaks.length} break${breaks.length === 1 ? '' : 's'}:`}`);
  for (const b of breaks) console.log(`  ${b.file}: ${label(b.entry)}: ${b.field}: ${b.problem}`);

  console.log('\nEpisodes without texts:');
  for (const series of catalog.series) {
    const untold = series.episodes.filter((e) => !hasTexts(e));
    if (untold.length === 0) continue;
    const explained = untold.filter((e) => e.textsPending).length;
    console.log(`  ${series.title}: ${untold.length} (${explained} with a reason)`);
    for (const episode of untold) {
      if (values.missing || episode.textsPending) console.log(`    ${label(episode)}: ${episode.textsPending ?? 'not written yet'}`);
    }
  }
  for (const film of catalog.films.filter((f) => !hasTexts(f))) console.log(`  ${label(film)}: ${film.textsPending ?? 'not written yet'}`);
  return values.strict && breaks.length > 0 ? 1 : 0;
}

// Piped into `head` and the like: stop quietly once the reader has gone.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof CatalogError || error instanceof TypeError ? error.message : error);
  process.exitCode = 2;
}
