import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fuse from 'fuse.js';
import type { Catalog } from '../catalog/catalog.ts';
import { loadCatalog } from '../catalog/load.ts';
import type { Entry } from '../catalog/model.ts';
import { entryCode } from '../render/labels.ts';
import { EpisodeIndex } from '../search/episode-index.ts';
import { looseTitleKey } from '../search/title-key.ts';
import { PlotIndex } from '../search/plot-index.ts';
import { timeEach, type Summary } from './stats.ts';
import { seededRandom, writeSyntheticPack } from './synthetic.ts';

export interface SearchFigures {
  episodes: number;
  loadMs: number;
  buildMs: { episodes: number; plots: number; total: number };
  heapMb: number;
  autocomplete: Summary;
  exact: Summary;
  plot: Summary;
  baselineTitles: Summary;
  baselinePlot: Summary;
  quality: { query: string; expected: string; got: string }[];
}

/** The foundation's search examples and their expected top answers (test/search.test.ts). */
export const QUALITY: [string, string][] = [
  ['picard s02e02', 'PIC S02E02'],
  ['tng 1x01', 'TNG S01E01'],
  ['penance', 'PIC S02E02'],
  ['picard penance', 'PIC S02E02'],
  ['the best of both worlds', 'TNG S03E26'],
  ['deja q', 'TNG S03E13'],
  ['pennance', 'PIC S02E02'],
  ['best of both wolds', 'TNG S03E26'],
  ['enconter at farpoint', 'TNG S01E01'],
  ['the trouble with tribles', 'TOS S02E15'],
  ['emissary', 'DS9 S01E01'],
  ['unification', 'TNG S05E07'],
];
export const AUTOCOMPLETE_QUALITY: [string, string][] = [
  ['pen', 'PIC S02E02'],
  ['pena', 'PIC S02E02'],
  ['picard pen', 'PIC S02E02'],
  ['the next gen', 'PIC S03E01'],
];

const label = (e: Entry | undefined) => (e ? entryCode(e) : 'nothing');

function typo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/** What people type into autocomplete: beginnings of real titles, some with a typo. */
function autocompleteQueries(catalog: Catalog, count: number, random: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = catalog.episodes[Math.floor(random() * catalog.episodes.length)]!.title.toLowerCase();
    const cut = title.slice(0, 2 + Math.floor(random() * Math.max(1, title.length - 2)));
    out.push(
      random() < 0.3
        ? cut
            .split(' ')
            .map((w) => typo(w, random))
            .join(' ')
        : cut,
    );
  }
  return out;
}

/** Whole titles and series-qualified episode codes, half each. */
function exactQueries(catalog: Catalog, count: number, random: () => number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const e = catalog.episodes[Math.floor(random() * catalog.episodes.length)]!;
    return i % 2 ? e.title : `${e.series.code} ${e.code}`;
  });
}

function plotQueries(catalog: Catalog, count: number, random: () => number): string[] {
  const withText = catalog.episodes.filter((e) => e.synopsis);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = withText[Math.floor(random() * withText.length)]!.synopsis!.text.toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3);
    const n = 2 + Math.floor(random() * 2);
    out.push(Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' '));
  }
  return out;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * Builds the Star Trek pack plus enough generated episodes to reach `total`, then measures index
 * build time, heap, and query latencies against fuse.js with default options over the same records.
 */
export function benchSearch(total: number, options: { queries: number; baselineQueries: number; baselinePlotQueries: number }): SearchFigures {
  const dir = mkdtempSync(path.join(tmpdir(), 'trekdex-bench-'));
  try {
    cpSync('data/star-trek', path.join(dir, 'star-trek'), { recursive: true });
    const real = loadCatalog('data');
    const reserved = new Set(real.episodes.map((e) => looseTitleKey(e.title)));
    if (total > real.episodes.length) writeSyntheticPack(path.join(dir, 'synthetic'), total - real.episodes.length, 42, reserved);
    const before = heapMb();
    let start = performance.now();
    const catalog = loadCatalog(dir);
    const loadMs = performance.now() - start;
    start = performance.now();
    const episodes = new EpisodeIndex(catalog);
    const episodesMs = performance.now() - start;
    // What npm start then builds in the background: the title typo table, the plot index and its typo table.
    start = performance.now();
    episodes.prepare();
    const plots = PlotIndex.build(catalog);
    plots.prepare();
    const plotsMs = performance.now() - start;
    const heap = heapMb() - before;

    const random = seededRandom(7);
    const typed = [...autocompleteQueries(catalog, options.queries, random), ...QUALITY.map(([q]) => q), ...AUTOCOMPLETE_QUALITY.map(([q]) => q)];
    const exactInputs = exactQueries(catalog, options.queries, random);
    const plotInputs = plotQueries(catalog, options.queries, random);
    // Warmed up on other queries of the same kinds, so the JIT is measured as a running bot has it.
    const warm = seededRandom(8);
    const autocomplete = timeEach(typed, (q) => episodes.autocomplete(q), autocompleteQueries(catalog, options.queries, warm));
    const exact = timeEach(exactInputs, (q) => episodes.resolve(q), exactQueries(catalog, options.queries, warm));
    const plot = timeEach(plotInputs, (q) => plots.search(q, 5), plotQueries(catalog, options.queries, warm));

    const fuseTitles = new Fuse(catalog.episodes, { keys: ['title'] });
    const baselineTitles = timeEach(typed.slice(0, options.baselineQueries), (q) => fuseTitles.search(q, { limit: 25 }), 2);
    const fusePlot = new Fuse(catalog.episodes, { keys: ['title', 'synopsis.text'] });
    const baselinePlot = timeEach(plotInputs.slice(0, options.baselinePlotQueries), (q) => fusePlot.search(q, { limit: 5 }), 1);

    const quality = [
      ...QUALITY.map(([query, expected]) => {
        const found = episodes.resolve(query);
        return { query, expected, got: label(found.kind === 'none' ? undefined : found.episode) };
      }),
      ...AUTOCOMPLETE_QUALITY.map(([query, expected]) => {
        const top = episodes.autocomplete(query).slice(0, 3).map(label);
        return { query: `${query} (autocomplete top 3)`, expected, got: top.includes(expected) ? expected : top.join(', ') };
      }),
      { query: 'borg queen execution (plot)', expected: 'PIC S02E02', got: label(plots.search('borg queen execution', 1)[0]?.entry) },
    ];
    return {
      episodes: catalog.episodes.length,
      loadMs,
      buildMs: { episodes: episodesMs, plots: plotsMs, total: episodesMs + plotsMs },
      heapMb: heap,
      autocomplete,
      exact,
      plot,
      baselineTitles,
      baselinePlot,
      quality,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
