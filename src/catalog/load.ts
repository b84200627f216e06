import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { normalize } from '../search/normalize.ts';
import { CatalogError, describeIssues } from './errors.ts';
import { Catalog } from './catalog.ts';
import { episodeCode, episodeId, type Episode, type Film, type Pack, type ReferenceFacts, type Season, type Series } from './model.ts';
import { packFiles } from './pack-files.ts';
import { filmsSchema, packSchema, seriesSchema, type FilmFile, type SeriesFile } from './schema.ts';

const PACK_FILE = 'pack.json';

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function readJson(file: string, problems: string[]): unknown {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(`${displayPath(file)}: cannot be read (${code === 'ENOENT' ? 'file not found' : (code ?? 'unknown error')})`);
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    problems.push(`${displayPath(file)}: is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

/** Every folder under `dataDir` holding a pack.json is one pack (a franchise or a show family). */
export function findPackDirs(dataDir: string): string[] {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new CatalogError([`${displayPath(dataDir)}: data folder not found (set DATA_DIR to the folder holding your packs)`]);
  }
  if (existsSync(path.join(dataDir, PACK_FILE))) return [dataDir];
  const dirs = readdirSync(dataDir, { withFileTypes: true })
    // Hidden folders are the importer's staging copies, never live packs.
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(path.join(dataDir, entry.name, PACK_FILE)))
    .map((entry) => path.join(dataDir, entry.name))
    .sort();
  if (dirs.length === 0) throw new CatalogError([`${displayPath(dataDir)}: holds no data pack (a folder with a ${PACK_FILE})`]);
  return dirs;
}

/** Loads and validates every pack; throws one CatalogError listing every problem found. */
export function loadCatalog(dataDir: string): Catalog {
  const problems: string[] = [];
  const packs: Pack[] = [];
  for (const dir of findPackDirs(dataDir)) {
    const pack = loadPack(dir, problems);
    if (pack) packs.push(pack);
  }
  checkCrossPack(packs, problems);
  if (problems.length > 0) throw new CatalogError(problems);
  return new Catalog(packs);
}

function loadPack(dir: string, problems: string[]): Pack | undefined {
  const fileOf = packFiles(dir);
  const packPath = fileOf(PACK_FILE);
  const raw = readJson(packPath, problems);
  if (raw === undefined) return undefined;
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...describeIssues(displayPath(packPath), raw, parsed.error.issues));
    return undefined;
  }
  const file = parsed.data;
  const pack: Pack = {
    id: file.id,
    name: file.name,
    franchiseIndex: file.franchiseIndex,
    filmsIndex: file.filmsIndex,
    links: file.links,
    source: file.source.description,
    series: [],
    films: [],
  };
  file.series.forEach((name, i) => {
    const seriesPath = fileOf(name);
    const data = readJson(seriesPath, problems);
    if (data === undefined) {
      problems[problems.length - 1] += ` (listed in ${displayPath(packPath)} series[${i}])`;
      return;
    }
    const result = seriesSchema.safeParse(data);
    if (!result.success) {
      problems.push(...describeIssues(displayPath(seriesPath), data, result.error.issues));
      return;
    }
    const before = problems.length;
    checkDuplicates(displayPath(seriesPath), result.data, problems);
    if (problems.length === before) pack.series.push(buildSeries(result.data, displayPath(seriesPath), pack, file.episodePageBase));
  });
  if (file.films) loadFilms(fileOf(file.films), pack, file.episodePageBase, problems);
  return pack;
}

function loadFilms(filmsPath: string, pack: Pack, pageBase: string | undefined, problems: string[]): void {
  const data = readJson(filmsPath, problems);
  if (data === undefined) return;
  const result = filmsSchema.safeParse(data);
  if (!result.success) {
    problems.push(...describeIssues(displayPath(filmsPath), data, result.error.issues));
    return;
  }
  const seen = new Map<string, number>();
  result.data.films.forEach((film, i) => {
    const first = seen.get(film.id);
    if (first !== undefined) problems.push(`${displayPath(filmsPath)}: films[${i}].id: duplicate film "${film.id}" (also at films[${first}])`);
    else seen.set(film.id, i);
    if (film.textsPending && film.logline && film.synopsis) {
      problems.push(`${displayPath(filmsPath)}: films[${i}].textsPending: the film has both texts now; remove the note`);
    }
  });
  if (seen.size !== result.data.films.length) return;
  const films = [...result.data.films].sort((a, b) => a.releaseDate.localeCompare(b.releaseDate));
  for (const file of films) pack.films.push(buildFilm(file, pack, pageBase));
}

function buildFilm(file: FilmFile, pack: Pack, pageBase: string | undefined): Film {
  return {
    kind: 'film',
    id: file.id,
    title: file.title,
    aliases: file.aliases,
    releaseDate: file.releaseDate,
    runtimeMinutes: file.runtimeMinutes,
    director: file.director,
    timeline: file.timeline,
    page: file.page ?? (file.memoryAlpha && pageBase ? pageBase + file.memoryAlpha : undefined),
    logline: file.logline,
    synopsis: file.synopsis,
    textsPending: file.textsPending,
    ...referenceFacts(file),
    pack,
    position: pack.films.length,
  };
}

/** The reference facts a card may show: a doubted value stays in the data file but not on the card. */
function referenceFacts(file: { stardate?: string; imdb?: string; factDoubts?: Partial<Record<string, string>> }): ReferenceFacts {
  const doubted = file.factDoubts ?? {};
  const stardate = doubted.stardate ? undefined : file.stardate;
  return {
    stardate,
    stardates: stardate ? stardate.split(', ').map(Number) : [],
    imdb: doubted.imdb ? undefined : file.imdb,
  };
}

function checkDuplicates(file: string, series: SeriesFile, problems: string[]): void {
  const seasons = new Map<number, number>();
  series.seasons.forEach((season, s) => {
    const first = seasons.get(season.number);
    if (first !== undefined) {
      problems.push(`${file}: seasons[${s}].number: duplicate season ${season.number} (also at seasons[${first}])`);
    } else seasons.set(season.number, s);
    const episodes = new Map<number, number>();
    season.episodes.forEach((episode, e) => {
      const firstEpisode = episodes.get(episode.number);
      if (firstEpisode !== undefined) {
        problems.push(
          `${file}: seasons[${s}].episodes[${e}].number: duplicate episode ${series.code} ${episodeCode(season.number, episode.number)} ` +
            `"${episode.title}" (also at seasons[${s}].episodes[${firstEpisode}])`,
        );
      } else episodes.set(episode.number, e);
      if (episode.textsPending && episode.logline && episode.synopsis) {
        problems.push(`${file}: seasons[${s}].episodes[${e}].textsPending: the episode has both texts now; remove the note`);
      }
    });
  });
  if (series.lastYear !== undefined && series.lastYear < series.firstYear) {
    problems.push(`${file}: lastYear: ${series.lastYear} is before firstYear ${series.firstYear}`);
  }
}

function buildSeries(file: SeriesFile, fileName: string, pack: Pack, pageBase: string | undefined): Series {
  const series: Series = {
    id: file.id,
    code: file.code,
    title: file.title,
    aliases: file.aliases,
    firstYear: file.firstYear,
    lastYear: file.lastYear,
    network: file.network,
    creators: file.creators,
    country: file.country,
    language: file.language,
    blurb: file.blurb,
    index: file.index,
    file: fileName,
    pack,
    seasons: [],
    episodes: [],
  };
  const seasons = [...file.seasons].sort((a, b) => a.number - b.number);
  for (const seasonFile of seasons) {
    const season: Season = { number: seasonFile.number, index: seasonFile.index, series, episodes: [] };
    for (const ep of [...seasonFile.episodes].sort((a, b) => a.number - b.number)) {
      const page = ep.page ?? (ep.memoryAlpha && pageBase ? pageBase + ep.memoryAlpha : undefined);
      const episode: Episode = {
        kind: 'episode',
        id: episodeId(series.id, season.number, ep.number),
        code: episodeCode(season.number, ep.number),
        number: ep.number,
        title: ep.title,
        releaseDate: ep.releaseDate,
        runtimeMinutes: ep.runtimeMinutes,
        page,
        country: ep.country ?? series.country,
        language: ep.language ?? series.language,
        logline: ep.logline,
        synopsis: ep.synopsis,
        textsPending: ep.textsPending,
        ...referenceFacts(ep),
        productionCode: ep.factDoubts?.productionCode ? undefined : ep.productionCode,
        remasteredDate: ep.factDoubts?.remasteredDate ? undefined : ep.remasteredDate,
        series,
        season,
        position: series.episodes.length,
      };
      season.episodes.push(episode);
      series.episodes.push(episode);
    }
    series.seasons.push(season);
  }
  return series;
}

/** Series ids and aliases are how people name a show, so two shows may not share one. */
function checkCrossPack(packs: Pack[], problems: string[]): void {
  const ids = new Map<string, Series>();
  const names = new Map<string, Series>();
  const where = (s: Series) => `${s.pack.id}/${s.id}`;
  for (const pack of packs) {
    for (const series of pack.series) {
      const other = ids.get(series.id);
      if (other) problems.push(`${pack.id}: series "${series.id}" is defined twice (also in ${where(other)})`);
      ids.set(series.id, series);
      for (const alias of [series.id, series.code, ...series.aliases]) {
        const key = normalize(alias);
        const owner = names.get(key);
        if (owner && owner !== series) {
          problems.push(`${where(series)}: alias "${alias}" is already used by ${where(owner)}`);
        } else names.set(key, series);
      }
    }
  }
}
