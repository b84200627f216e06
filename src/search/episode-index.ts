import Fuse from 'fuse.js';
import type { Catalog } from '../catalog/catalog.ts';
import type { Episode, Series } from '../catalog/model.ts';
import { parseEpisodeCode } from './episode-code.ts';
import { normalize } from './normalize.ts';
import { looseTitleKey, withoutPart } from './title-key.ts';
import { Vocabulary, type WordMatch } from './vocabulary.ts';

export interface SearchOptions {
  /** The server's default series: wins when a title or code exists in several series. */
  preferSeries?: string;
  limit?: number;
}

export type Resolution =
  | { kind: 'id' | 'code' | 'title' | 'fuzzy'; episode: Episode; alternatives: Episode[] }
  | { kind: 'none'; suggestions: Episode[] };

interface Candidate {
  episode: Episode;
  /** Folded title, what fuse.js ranks. */
  key: string;
  score: number;
}

/** How many index candidates fuse.js gets to rank: enough to hold every plausible match, few enough to be cheap. */
const RANK_POOL = 40;
/** Above this fuse.js score a title no longer reads as "the one they meant". */
const CONFIDENT = 0.35;
/** Words in this share of titles do not make candidates on their own ("the", "of"). */
const COMMON_SHARE = 0.05;

/**
 * Episode lookup in four stages, cheapest first: an id or episode code, an exact title, then typo-
 * tolerant and prefix matches. The last stage never hands fuse.js the whole catalog: a word index
 * (prefixes and a deletion neighbourhood) picks a few dozen candidates, fuse.js ranks those.
 */
export class EpisodeIndex {
  private readonly byTitle = new Map<string, Episode[]>();
  private readonly byLooseTitle = new Map<string, Episode[]>();
  private readonly byCode = new Map<string, Episode[]>();
  private readonly foldedTitles: string[];
  private readonly vocabulary = new Vocabulary();
  private readonly postings: number[][] = [];
  private readonly seriesNames: [string, Series][];
  private readonly commonLimit: number;

  constructor(private readonly catalog: Catalog) {
    const episodes = catalog.episodes;
    this.foldedTitles = new Array<string>(episodes.length);
    episodes.forEach((episode, i) => {
      const folded = normalize(episode.title);
      this.foldedTitles[i] = folded;
      push(this.byTitle, folded, episode);
      push(this.byLooseTitle, looseTitleKey(episode.title), episode);
      push(this.byCode, `${episode.season.number}x${episode.number}`, episode);
      const seen = new Set<number>();
      for (const word of folded.split(' ')) {
        if (!word) continue;
        const id = this.vocabulary.intern(word);
        if (seen.has(id)) continue;
        seen.add(id);
        (this.postings[id] ??= []).push(i);
        this.vocabulary.frequency[id]!++;
      }
    });
    this.vocabulary.seal();
    this.seriesNames = catalog.seriesNameEntries();
    this.commonLimit = Math.max(50, Math.floor(episodes.length * COMMON_SHARE));
  }

  /** The answer to `/episode query:<text>`: one episode and the others it could have meant, or suggestions. */
  resolve(query: string, options: SearchOptions = {}): Resolution {
    const direct = this.catalog.episode(query.trim());
    if (direct) return { kind: 'id', episode: direct, alternatives: [] };
    const folded = normalize(query);
    if (!folded) return { kind: 'none', suggestions: [] };
    const { series, rest } = this.splitSeries(folded);

    const code = parseEpisodeCode(folded);
    if (code) {
      const inSeries = code.seriesText ? this.catalog.findSeries(code.seriesText) : undefined;
      if (!code.seriesText || inSeries) {
        const found = (this.byCode.get(`${code.season}x${code.episode}`) ?? []).filter((e) => !inSeries || e.series === inSeries);
        if (found.length > 0) return pick('code', found, options.preferSeries);
      }
    }

    for (const [text, within] of series ? [[folded, undefined], [rest, series]] as const : [[folded, undefined]] as const) {
      const exact = (this.byTitle.get(text) ?? []).filter((e) => !within || e.series === within);
      const loose = (this.byLooseTitle.get(looseTitleKey(text)) ?? []).filter((e) => !within || e.series === within);
      if (exact.length > 0) {
        const best = pick('title', exact, options.preferSeries);
        best.alternatives = unique([...best.alternatives, ...loose.filter((e) => e !== best.episode)]);
        return best;
      }
      // "emissary" means "Emissary (Part 1)" before "The Emissary": the article counts when it was typed.
      const sameArticle = (e: Episode) => Number(withoutPart(normalize(e.title)) !== text);
      if (loose.length > 0) return pick('title', [...loose].sort((a, b) => sameArticle(a) - sameArticle(b)), options.preferSeries);
    }

    const ranked = this.rank(rest || folded, series, false);
    const top = ranked[0];
    if (top && top.score <= CONFIDENT) {
      const close = ranked.slice(1).filter((c) => c.score <= Math.min(CONFIDENT, top.score + 0.1)).map((c) => c.episode);
      return { kind: 'fuzzy', episode: top.episode, alternatives: close.slice(0, 5) };
    }
    return { kind: 'none', suggestions: ranked.slice(0, 3).map((c) => c.episode) };
  }

  /** Choices while typing: the last word may be unfinished. At most `limit` (25) episodes, best first. */
  autocomplete(query: string, options: SearchOptions = {}): Episode[] {
    const limit = options.limit ?? 25;
    const folded = normalize(query);
    const preferred = options.preferSeries ? this.catalog.seriesFor(options.preferSeries) : undefined;
    if (!folded) return (preferred ?? this.catalog.series[0])?.episodes.slice(0, limit) ?? [];
    const resolution = this.resolve(query, options);
    const leading = resolution.kind === 'none' || resolution.kind === 'fuzzy' ? [] : [resolution.episode, ...resolution.alternatives];
    const { series, rest } = this.splitSeries(folded);
    let ranked: Episode[];
    if (series && !rest) ranked = series.episodes.slice(0, limit);
    else ranked = this.rank(rest || folded, series, true).map((c) => c.episode);
    return unique([...leading, ...ranked]).slice(0, limit);
  }

  /** "picard penance" -> Picard, "penance". The longest series name that starts the query wins. */
  private splitSeries(folded: string): { series?: Series; rest: string } {
    for (const [name, series] of this.seriesNames) {
      if (folded === name) return { series, rest: '' };
      if (folded.startsWith(name) && folded[name.length] === ' ') return { series, rest: folded.slice(name.length + 1) };
    }
    return { rest: folded };
  }

  private rank(folded: string, series: Series | undefined, typing: boolean): Candidate[] {
    const words = folded.split(' ').filter(Boolean);
    const scores = new Map<number, number>();
    const expansions: WordMatch[][] = words.map((word, i) => {
      const matches = this.vocabulary.similar(word);
      if (typing && i === words.length - 1) {
        for (const match of this.vocabulary.withPrefix(word)) if (!matches.some((m) => m.word === match.word)) matches.push(match);
      }
      return matches;
    });
    const total = this.catalog.episodes.length;
    // Rare words first: they carry the meaning and keep the candidate set small.
    const order = expansions
      .map((matches, i) => ({ matches, i, df: matches.reduce((n, m) => n + this.vocabulary.frequency[m.word]!, 0) }))
      .sort((a, b) => a.df - b.df);
    const selective = order.filter((o, k) => k === 0 || o.df <= this.commonLimit);
    for (const { matches } of selective) {
      const best = new Map<number, number>();
      for (const { word, weight } of matches) {
        const idf = Math.log(1 + total / this.vocabulary.frequency[word]!);
        for (const doc of this.postings[word]!) {
          if (series && this.catalog.episodes[doc]!.series !== series) continue;
          const value = weight * idf;
          if ((best.get(doc) ?? 0) < value) best.set(doc, value);
        }
      }
      for (const [doc, value] of best) scores.set(doc, (scores.get(doc) ?? 0) + value);
    }
    const pool = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, RANK_POOL);
    if (pool.length === 0) return [];
    const candidates = pool.map(([doc, score]) => ({ episode: this.catalog.episodes[doc]!, key: this.foldedTitles[doc]!, score }));
    const fuse = new Fuse(candidates, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: 1, shouldSort: false });
    const indexRank = new Map(candidates.map((c, i) => [c, i]));
    return fuse
      .search(folded)
      .map((r) => ({ candidate: { ...r.item, score: r.score ?? 1 }, tier: tier(r.item.key, folded, typing), at: indexRank.get(r.item)! }))
      .sort((a, b) => a.tier - b.tier || a.candidate.score - b.candidate.score || a.at - b.at)
      .map((r) => r.candidate);
  }
}

/**
 * fuse.js scores characters and ignores word boundaries, so a title that is, or begins with, what
 * was typed goes first; among the rest fuse.js decides.
 */
function tier(key: string, folded: string, typing: boolean): number {
  if (key === folded) return 0;
  if (!typing) return 3;
  if (key.startsWith(`${folded} `) || key.startsWith(`the ${folded} `)) return 1;
  if (key.startsWith(folded) || key.startsWith(`the ${folded}`)) return 2;
  return 3;
}

function pick(kind: 'code' | 'title', found: Episode[], preferSeries: string | undefined) {
  const sorted = [...found].sort((a, b) => Number(b.series.id === preferSeries) - Number(a.series.id === preferSeries));
  return { kind, episode: sorted[0]!, alternatives: sorted.slice(1) } as { kind: 'code' | 'title'; episode: Episode; alternatives: Episode[] };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
