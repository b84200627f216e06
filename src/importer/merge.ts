import type { EpisodeFile, PackFile, SeriesFile } from '../catalog/schema.ts';
import { episodeCode } from '../catalog/model.ts';
import { normalize } from '../search/normalize.ts';
import type { PageRecord } from './parse-page.ts';

/** A pack as files: what the importer reads and writes, keeping every field it does not touch. */
export interface PackFiles {
  pack: PackFile;
  /** File name -> series. */
  series: Map<string, SeriesFile>;
}

export type Outcome = 'added' | 'updated' | 'unchanged' | 'conflict';

export interface MergeResult {
  outcome: Outcome;
  /** Diff-like lines: "+" added, "~" changed, "!" conflict. */
  changes: string[];
  changedFiles: Set<string>;
}

const EPISODE_FIELDS = [
  'number',
  'title',
  'releaseDate',
  'runtimeMinutes',
  'memoryAlpha',
  'page',
  'country',
  'language',
  'logline',
  'synopsis',
  'textsPending',
  'stardate',
  'productionCode',
  'remasteredDate',
  'imdb',
  'factDoubts',
  'source',
  'factsSource',
] as const satisfies readonly (keyof EpisodeFile)[];

/** The pack's field order, so an import changes only the lines it means to; a field it does not know stays, last. */
function ordered(episode: EpisodeFile): EpisodeFile {
  const out: Record<string, unknown> = {};
  for (const key of EPISODE_FIELDS) if (episode[key] !== undefined) out[key] = episode[key];
  for (const [key, value] of Object.entries(episode)) if (!(key in out) && value !== undefined) out[key] = value;
  return out as EpisodeFile;
}

const short = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
};

function seriesNames(series: SeriesFile): string[] {
  return [series.id, series.code, series.title, series.title.replace(/^.*?:\s*/, ''), ...series.aliases].map(normalize);
}

function findSeries(files: PackFiles, name: string): [string, SeriesFile] | undefined {
  const key = normalize(name);
  for (const entry of files.series) if (seriesNames(entry[1]).includes(key)) return entry;
  return undefined;
}

function newSeries(files: PackFiles, record: PageRecord): [string, SeriesFile] {
  const words = normalize(record.seriesName.replace(/^.*?:\s*/, ''))
    .split(' ')
    .filter(Boolean);
  const base = (words.join('').slice(0, 14) || 'series').replace(/[^a-z0-9]/g, '');
  let id = base;
  for (let n = 2; [...files.series.values()].some((s) => s.id === id); n++) id = `${base}${n}`;
  const code =
    (words.length > 1 ? words.map((w) => w[0]).join('') : (words[0] ?? 'S'))
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 6) || 'S';
  const file = `${words.join('-') || id}.json`;
  const year = record.year ?? (record.releaseDate ? Number(record.releaseDate.slice(0, 4)) : new Date().getUTCFullYear());
  const series: SeriesFile = {
    id,
    code,
    title: record.seriesName,
    aliases: [normalize(record.seriesName.replace(/^.*?:\s*/, ''))].filter((a) => a && a !== id),
    firstYear: year,
    creators: [],
    // What the page does not say is left out, never filled with a placeholder.
    ...(record.country ? { country: record.country } : {}),
    ...(record.language ? { language: record.language } : {}),
    seasons: [],
  };
  files.series.set(file, series);
  files.pack.series.push(file);
  return [file, series];
}

/**
 * Merges one parsed page into the pack in memory. A field the pack lacks is filled in; a field that
 * differs is a conflict, left alone unless `force`.
 */
export function mergePage(files: PackFiles, record: PageRecord, options: { force: boolean; credit: string }): MergeResult {
  const changes: string[] = [];
  const changedFiles = new Set<string>();
  let conflicts = 0;
  let found = findSeries(files, record.seriesName);
  if (!found) {
    if (!record.releaseDate) throw new Error('the page has no Release Date, which a new series needs');
    found = newSeries(files, record);
    changes.push(`+ new series ${found[1].title} (${found[0]})`);
    changedFiles.add('pack.json');
  }
  const [file, series] = found;
  const label = `${series.code} ${episodeCode(record.season, record.episode)} ${record.title}`;

  const setField = <T>(what: string, current: T | undefined, next: T | undefined, apply: (value: T) => void, same = (a: T, b: T) => a === b) => {
    if (next === undefined) return;
    if (current === undefined) {
      apply(next);
      changes.push(`+ ${label}: ${what} ${short(next)}`);
      changedFiles.add(file);
    } else if (!same(current, next)) {
      if (options.force) {
        apply(next);
        changes.push(`~ ${label}: ${what} ${short(current)} -> ${short(next)}`);
        changedFiles.add(file);
      } else {
        conflicts++;
        changes.push(`! ${label}: ${what} is ${short(current)} in the pack but ${short(next)} on the page (kept; --force to overwrite)`);
      }
    }
  };

  setField('series blurb', series.blurb?.text, record.blurb, (text) => (series.blurb = { text, credit: options.credit }));

  let season = series.seasons.find((s) => s.number === record.season);
  if (!season) {
    season = { number: record.season, episodes: [] };
    series.seasons.push(season);
    series.seasons.sort((a, b) => a.number - b.number);
  }
  const index = season.episodes.findIndex((e) => e.number === record.episode);
  if (index < 0) {
    if (!record.releaseDate) throw new Error(`the page has no Release Date, which a new episode needs`);
    const episode = ordered({
      number: record.episode,
      title: record.title,
      releaseDate: record.releaseDate,
      runtimeMinutes: record.runtimeMinutes,
      // The series already says where and in what language; an episode records only a difference.
      country: record.country !== series.country ? record.country : undefined,
      language: record.language !== series.language ? record.language : undefined,
      synopsis: record.synopsis ? { text: record.synopsis, credit: options.credit } : undefined,
    });
    season.episodes.push(episode);
    season.episodes.sort((a, b) => a.number - b.number);
    changes.push(`+ new episode ${label}`);
    changedFiles.add(file);
    return { outcome: 'added', changes, changedFiles };
  }

  const episode = { ...season.episodes[index]! };
  setField(
    'title',
    episode.title,
    record.title,
    (v) => (episode.title = v),
    (a, b) => normalize(a) === normalize(b),
  );
  setField('releaseDate', episode.releaseDate, record.releaseDate, (v) => (episode.releaseDate = v));
  setField('runtimeMinutes', episode.runtimeMinutes, record.runtimeMinutes, (v) => (episode.runtimeMinutes = v));
  // An episode records a country or language only where it differs from its series'.
  setField('country', episode.country, record.country === series.country && !episode.country ? undefined : record.country, (v) => (episode.country = v));
  setField('language', episode.language, record.language === series.language && !episode.language ? undefined : record.language, (v) => (episode.language = v));
  setField('synopsis', episode.synopsis?.text, record.synopsis, (text) => (episode.synopsis = { text, credit: options.credit }));
  season.episodes[index] = ordered(episode);
  const outcome: Outcome = conflicts > 0 ? 'conflict' : changedFiles.size > 0 ? 'updated' : 'unchanged';
  return { outcome, changes, changedFiles };
}
