import type { Catalog } from '../catalog/catalog.ts';
import type { Episode, Series } from '../catalog/model.ts';
import { parseCompactCode, parseEpisodeCode } from './episode-code.ts';
import { normalize } from './normalize.ts';
import { TitleIndex } from './title-index.ts';
import { editDistance } from './vocabulary.ts';

export interface SearchOptions {
  /** The server's default series: wins when a title or code exists in several series. */
  preferSeries?: string;
  limit?: number;
}

export type Resolution = { kind: 'id' | 'code' | 'title' | 'fuzzy'; episode: Episode; alternatives: Episode[] } | { kind: 'none'; suggestions: Episode[] };

/** A query cut into the series it starts with, if any, and the rest. */
interface SeriesSplit {
  series?: Series;
  rest: string;
}

/** Longer input is cut: the slash command allows 200 characters, the HTTP endpoint could be sent anything. */
const MAX_QUERY = 200;
/** Above this fuse.js score a title no longer reads as "the one they meant". */
const CONFIDENT = 0.35;
const DIGIT = /\d/;
/** How many leading words may be read as a misspelt series name ("star trk picard penance" is too far). */
const TYPO_SERIES_WORDS = 2;

/**
 * Episode lookup in four stages, cheapest first: an id or episode code, an exact title, then typo-
 * tolerant and prefix matches. Titles are held by a TitleIndex (shared with films); this class adds
 * what only episodes have: codes, series names in front of a title, and the server's default series.
 */
export class EpisodeIndex {
  private readonly titles: TitleIndex<Episode>;
  /** "2x2" -> that episode in every series (positions in the catalog). */
  private readonly byCode = new Map<string, number[]>();
  /** Folded series names (ids, codes, titles, aliases) -> series, for "picard penance". */
  private readonly seriesByName: Map<string, Series>;

  constructor(private readonly catalog: Catalog) {
    this.titles = new TitleIndex({ entries: catalog.episodes, names: (e) => [e.title], group: (e) => e.series });
    catalog.episodes.forEach((episode, i) => push(this.byCode, `${episode.season.number}x${episode.number}`, i));
    this.seriesByName = new Map(catalog.seriesNameEntries());
  }

  /** Builds the typo table now instead of on the first typo (start-up runs this in the background). */
  prepare(): void {
    this.titles.prepare();
  }

  /** The answer to `/episode query:<text>`: one episode and the others it could have meant, or suggestions. */
  resolve(text: string, options: SearchOptions = {}): Resolution {
    const query = text.slice(0, MAX_QUERY);
    const folded = normalize(query);
    const split = this.splitSeries(folded);
    const found = this.lookup(query, folded, split, options.preferSeries);
    if (found || !folded) return found ?? { kind: 'none', suggestions: [] };
    const misspelt = split.series ? undefined : this.splitMisspeltSeries(folded);
    const inMisspelt = misspelt && this.lookup(query, folded, misspelt, options.preferSeries);
    if (inMisspelt) return inMisspelt;
    const { series, rest } = misspelt ?? split;
    // Ranked as autocomplete ranks (the last word may be unfinished), so /episode with what was typed
    // opens the episode that autocomplete offered first.
    const ranked = this.titles.rank(rest || folded, series, true);
    const top = ranked[0];
    if (top && top.score <= CONFIDENT) {
      const close = ranked
        .slice(1)
        .filter((c) => c.score <= Math.min(CONFIDENT, top.score + 0.1))
        .map((c) => c.entry);
      return { kind: 'fuzzy', episode: top.entry, alternatives: close.slice(0, 5) };
    }
    return { kind: 'none', suggestions: ranked.slice(0, 3).map((c) => c.entry) };
  }

  /** The exact stages: an id, an episode code, a title (exact, then without article or part number). Map lookups only. */
  private lookup(query: string, folded: string, { series, rest }: SeriesSplit, preferSeries: string | undefined): Resolution | undefined {
    const direct = this.catalog.episode(query.trim());
    if (direct) return { kind: 'id', episode: direct, alternatives: [] };
    if (!folded) return undefined;

    const code = DIGIT.test(folded) ? (parseEpisodeCode(folded) ?? parseCompactCode(folded, (text) => this.seriesNamed(text) !== undefined)) : undefined;
    if (code) {
      // "pic 2x02" and "2x02 pic" name their series; "2x02" alone could be any (the server's default
      // series first). Other text beside the code ("the 4x4 ...") makes it a title after all.
      const inSeries = code.seriesText ? this.seriesNamed(code.seriesText) : undefined;
      if (inSeries) {
        const episode = inSeries.seasons.find((s) => s.number === code.season)?.episodes.find((e) => e.number === code.episode);
        if (episode) return { kind: 'code', episode, alternatives: [] };
      } else if (!code.seriesText) {
        const found = this.byCode.get(`${code.season}x${code.episode}`);
        if (found) return this.pick('code', found, preferSeries);
      }
    }

    const attempts: [string, Series | undefined][] = series
      ? [
          [folded, undefined],
          [rest, series],
        ]
      : [[folded, undefined]];
    for (const [text, within] of attempts) {
      const exact = this.titles.exact(text, within);
      if (exact.length > 0) {
        const best = this.pick('title', exact, preferSeries);
        for (const doc of this.titles.loose(text, within, false)) {
          if (best.alternatives.length >= MAX_ALTERNATIVES) break;
          const episode = this.catalog.episodes[doc]!;
          if (episode !== best.episode && !best.alternatives.includes(episode)) best.alternatives.push(episode);
        }
        return best;
      }
      const loose = this.titles.loose(text, within);
      if (loose.length > 0) return this.pick('title', loose, preferSeries);
    }
    return undefined;
  }

  /**
   * The series a name beside an episode code means, forgiving one typo in a short name or code and
   * two in a long one ("sns" is SNW), but only when a single series is that close.
   */
  private seriesNamed(text: string): Series | undefined {
    const exact = this.catalog.findSeries(text);
    if (exact) return exact;
    const folded = normalize(text);
    if (folded.length < 3) return undefined;
    const limit = folded.length < 8 ? 1 : 2;
    let best: Series | undefined;
    let bestDistance = limit + 1;
    let tied = false;
    for (const [name, series] of this.seriesByName) {
      const distance = editDistance(folded, name, limit);
      if (distance < bestDistance) [best, bestDistance, tied] = [series, distance, false];
      else if (distance === bestDistance && series !== best) tied = true;
    }
    return best && !tied ? best : undefined;
  }

  /** The first of `found` (the first in the preferred series, if any) and up to MAX_ALTERNATIVES others, in order. */
  private pick(kind: 'code' | 'title', found: readonly number[], preferSeries: string | undefined): Resolution & { kind: 'code' | 'title' } {
    const episodes = this.catalog.episodes;
    const preferred = preferSeries ? found.filter((d) => episodes[d]!.series.id === preferSeries) : [];
    const ordered = preferred.length === 0 ? found : [...preferred, ...found.filter((d) => episodes[d]!.series.id !== preferSeries)];
    const alternatives: Episode[] = [];
    for (let i = 1; i < ordered.length && i <= MAX_ALTERNATIVES; i++) alternatives.push(episodes[ordered[i]!]!);
    return { kind, episode: episodes[ordered[0]!]!, alternatives };
  }

  /** Choices while typing: the last word may be unfinished. At most `limit` (25) episodes, best first. */
  autocomplete(text: string, options: SearchOptions = {}): Episode[] {
    const query = text.slice(0, MAX_QUERY);
    const limit = options.limit ?? 25;
    const folded = normalize(query);
    const preferred = options.preferSeries ? this.catalog.seriesFor(options.preferSeries) : undefined;
    if (!folded) return (preferred ?? this.catalog.series[0])?.episodes.slice(0, limit) ?? [];
    const split = this.splitSeries(folded);
    const found = this.lookup(query, folded, split, options.preferSeries);
    const leading = found && found.kind !== 'none' ? [found.episode, ...found.alternatives] : [];
    const { series, rest } = split;
    let ranked: Episode[];
    if (series && !rest) ranked = series.episodes.slice(0, limit);
    else ranked = this.titles.rank(rest || folded, series, true).map((c) => c.entry);
    return unique([...leading, ...ranked]).slice(0, limit);
  }

  /** "picard penance" -> Picard, "penance". The longest series name that starts the query wins. */
  private splitSeries(folded: string): SeriesSplit {
    const whole = this.seriesByName.get(folded);
    if (whole) return { series: whole, rest: '' };
    for (let space = folded.lastIndexOf(' '); space > 0; space = folded.lastIndexOf(' ', space - 1)) {
      const series = this.seriesByName.get(folded.slice(0, space));
      if (series) return { series, rest: folded.slice(space + 1) };
    }
    return { rest: folded };
  }

  /**
   * A first word or two that is a series name with a typo ("pikard penance", "voyger year of hell"),
   * as long as a title follows it. Only tried once the exact stages found nothing: it compares the
   * words with every series name, which an exact lookup must not pay for.
   */
  private splitMisspeltSeries(folded: string): SeriesSplit | undefined {
    for (let space = folded.indexOf(' '), words = 1; space > 0 && words <= TYPO_SERIES_WORDS; space = folded.indexOf(' ', space + 1), words++) {
      const head = folded.slice(0, space);
      const series = head.length >= 4 ? this.seriesNamed(head) : undefined;
      if (series) return { series, rest: folded.slice(space + 1) };
    }
    return undefined;
  }
}

/** The card can name and offer at most this many other matches (a select menu holds 25 options). */
const MAX_ALTERNATIVES = 24;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
