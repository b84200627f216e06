import Fuse from 'fuse.js';
import type { Catalog } from '../catalog/catalog.ts';
import type { Episode, Series } from '../catalog/model.ts';
import { parseEpisodeCode } from './episode-code.ts';
import { normalize } from './normalize.ts';
import { looseKeyOfFolded, looseTitleKey, withoutPart } from './title-key.ts';
import { topK } from './top-k.ts';
import { Vocabulary } from './vocabulary.ts';

export interface SearchOptions {
  /** The server's default series: wins when a title or code exists in several series. */
  preferSeries?: string;
  limit?: number;
}

export type Resolution = { kind: 'id' | 'code' | 'title' | 'fuzzy'; episode: Episode; alternatives: Episode[] } | { kind: 'none'; suggestions: Episode[] };

interface Candidate {
  episode: Episode;
  /** Folded title, what fuse.js ranks. */
  key: string;
  score: number;
}

/** How many index candidates fuse.js gets to rank: enough to hold every plausible match, few enough to be cheap. */
const RANK_POOL = 40;
/** Titles that begin with what was typed, offered before any word-level match. */
const PREFIX_POOL = 25;
/** Most episodes one keystroke may look at: a word in a third of all titles must not cost a full scan. */
const CANDIDATE_CAP = 600;
/** Longer input is cut: the slash command allows 200 characters, the HTTP endpoint could be sent anything. */
const MAX_QUERY = 200;
/** Above this fuse.js score a title no longer reads as "the one they meant". */
const CONFIDENT = 0.35;

/**
 * Episode lookup in four stages, cheapest first: an id or episode code, an exact title, then typo-
 * tolerant and prefix matches. The last stage never hands fuse.js the whole catalog: sorted titles
 * answer "starts with", and a word index (prefixes and a deletion neighbourhood) picks a bounded set
 * of candidates; fuse.js ranks the few dozen best.
 */
export class EpisodeIndex {
  private readonly byTitle = new Map<string, Episode[]>();
  private readonly byLooseTitle = new Map<string, Episode[]>();
  private readonly byCode = new Map<string, Episode[]>();
  private readonly foldedTitles: string[];
  /** Episode positions sorted by folded title, and by folded title without a leading article. */
  private readonly titleOrder: Int32Array;
  private readonly bareTitles: string[];
  private readonly bareOrder: Int32Array;
  private readonly vocabulary = new Vocabulary();
  /** word -> episodes whose title has it (CSR: postings[offsets[w] .. offsets[w+1]]). */
  private readonly postings: Int32Array;
  private readonly offsets: Int32Array;
  /** episode -> its title's words, for scoring candidates without walking long posting lists. */
  private readonly docWords: Int32Array;
  private readonly docOffsets: Int32Array;
  private readonly seriesNames: [string, Series][];

  constructor(private readonly catalog: Catalog) {
    const episodes = catalog.episodes;
    const n = episodes.length;
    this.foldedTitles = new Array<string>(n);
    this.bareTitles = new Array<string>(n);
    const words: number[] = [];
    this.docOffsets = new Int32Array(n + 1);
    episodes.forEach((episode, i) => {
      const folded = normalize(episode.title);
      this.foldedTitles[i] = folded;
      this.bareTitles[i] = folded.replace(/^(the|a|an) /, '');
      push(this.byTitle, folded, episode);
      push(this.byLooseTitle, looseKeyOfFolded(folded), episode);
      push(this.byCode, `${episode.season.number}x${episode.number}`, episode);
      const seen = new Set<number>();
      for (const word of folded.split(' ')) {
        if (!word) continue;
        const id = this.vocabulary.intern(word);
        if (seen.has(id)) continue;
        seen.add(id);
        words.push(id);
        this.vocabulary.frequency[id]!++;
      }
      this.docOffsets[i + 1] = words.length;
    });
    this.docWords = Int32Array.from(words);
    // Posting lists in catalog order, laid out in one array.
    const vocab = this.vocabulary.words.length;
    this.offsets = new Int32Array(vocab + 1);
    for (let w = 0; w < vocab; w++) this.offsets[w + 1] = this.offsets[w]! + this.vocabulary.frequency[w]!;
    this.postings = new Int32Array(this.offsets[vocab]!);
    const fill = this.offsets.slice(0, vocab);
    for (let doc = 0; doc < n; doc++) {
      for (let k = this.docOffsets[doc]!; k < this.docOffsets[doc + 1]!; k++) this.postings[fill[this.docWords[k]!]!++] = doc;
    }
    this.vocabulary.seal();
    const order = (keys: string[]) => Int32Array.from(keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b)));
    this.titleOrder = order(this.foldedTitles);
    this.bareOrder = order(this.bareTitles);
    this.seriesNames = catalog.seriesNameEntries();
    this.scores = new Float32Array(n);
    this.stamp = new Int32Array(n);
  }

  /** Scratch space reused by every query: allocating per keystroke would dominate the cost. */
  private readonly scores: Float32Array;
  private readonly stamp: Int32Array;
  private query = 0;

  /** The answer to `/episode query:<text>`: one episode and the others it could have meant, or suggestions. */
  resolve(text: string, options: SearchOptions = {}): Resolution {
    const query = text.slice(0, MAX_QUERY);
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

    for (const [text, within] of series
      ? ([
          [folded, undefined],
          [rest, series],
        ] as const)
      : ([[folded, undefined]] as const)) {
      const exact = (this.byTitle.get(text) ?? []).filter((e) => !within || e.series === within);
      const loose = (this.byLooseTitle.get(looseTitleKey(text)) ?? []).filter((e) => !within || e.series === within);
      if (exact.length > 0) {
        const best = pick('title', exact, options.preferSeries);
        best.alternatives = unique([...best.alternatives, ...loose.filter((e) => e !== best.episode)]).slice(0, MAX_ALTERNATIVES);
        return best;
      }
      // "emissary" means "Emissary (Part 1)" before "The Emissary": the article counts when it was typed.
      if (loose.length > 0) {
        const ranked = loose.map((e) => ({ e, other: Number(withoutPart(normalize(e.title)) !== text) })).sort((a, b) => a.other - b.other);
        return pick(
          'title',
          ranked.map((r) => r.e),
          options.preferSeries,
        );
      }
    }

    const ranked = this.rank(rest || folded, series, false);
    const top = ranked[0];
    if (top && top.score <= CONFIDENT) {
      const close = ranked
        .slice(1)
        .filter((c) => c.score <= Math.min(CONFIDENT, top.score + 0.1))
        .map((c) => c.episode);
      return { kind: 'fuzzy', episode: top.episode, alternatives: close.slice(0, 5) };
    }
    return { kind: 'none', suggestions: ranked.slice(0, 3).map((c) => c.episode) };
  }

  /** Choices while typing: the last word may be unfinished. At most `limit` (25) episodes, best first. */
  autocomplete(text: string, options: SearchOptions = {}): Episode[] {
    const query = text.slice(0, MAX_QUERY);
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

  /** Titles (with or without their article) that start with `folded`, in title order. */
  private titlesStartingWith(folded: string, series: Series | undefined, into: Set<number>): void {
    for (const [keys, order] of [
      [this.foldedTitles, this.titleOrder],
      [this.bareTitles, this.bareOrder],
    ] as const) {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[order[mid]!]! < folded) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < order.length && into.size < PREFIX_POOL; i++) {
        const doc = order[i]!;
        if (!keys[doc]!.startsWith(folded)) break;
        if (!series || this.catalog.episodes[doc]!.series === series) into.add(doc);
      }
    }
  }

  private rank(folded: string, series: Series | undefined, typing: boolean): Candidate[] {
    const words = folded.split(' ').filter(Boolean);
    const groups = words.map((word, i) => {
      const matches = new Map<number, number>();
      for (const m of this.vocabulary.similar(word)) matches.set(m.word, m.weight);
      if (typing && i === words.length - 1) for (const m of this.vocabulary.withPrefix(word)) if (!matches.has(m.word)) matches.set(m.word, m.weight);
      let df = 0;
      for (const w of matches.keys()) df += this.vocabulary.frequency[w]!;
      return { matches, df };
    });
    const total = this.catalog.episodes.length;
    const idf = (word: number) => Math.log(1 + total / this.vocabulary.frequency[word]!);

    // Candidates come from the rarest word: it carries the meaning and has the shortest lists.
    const query = ++this.query;
    const candidates: number[] = [];
    const seed = [...groups].filter((g) => g.matches.size > 0).sort((a, b) => a.df - b.df)[0];
    if (seed) {
      outer: for (const word of [...seed.matches.keys()].sort(
        (a, b) => seed.matches.get(b)! - seed.matches.get(a)! || this.vocabulary.frequency[a]! - this.vocabulary.frequency[b]!,
      )) {
        for (let k = this.offsets[word]!; k < this.offsets[word + 1]!; k++) {
          const doc = this.postings[k]!;
          if (this.stamp[doc] === query) continue;
          if (series && this.catalog.episodes[doc]!.series !== series) continue;
          this.stamp[doc] = query;
          candidates.push(doc);
          if (candidates.length >= CANDIDATE_CAP) break outer;
        }
      }
    }
    // Every query word adds its best match in the title's own words.
    for (const doc of candidates) {
      let score = 0;
      for (const group of groups) {
        let best = 0;
        for (let k = this.docOffsets[doc]!; k < this.docOffsets[doc + 1]!; k++) {
          const weight = group.matches.get(this.docWords[k]!);
          if (weight !== undefined) best = Math.max(best, weight * idf(this.docWords[k]!));
        }
        score += best;
      }
      this.scores[doc] = score;
    }
    const chosen = new Set<number>();
    if (typing) this.titlesStartingWith(folded, series, chosen);
    for (const doc of topK(candidates, candidates.length, (d) => this.scores[d]!, RANK_POOL)) chosen.add(doc);
    if (chosen.size === 0) return [];
    const pool = [...chosen].map((doc) => ({ episode: this.catalog.episodes[doc]!, key: this.foldedTitles[doc]!, score: 0 }));
    const fuse = new Fuse(pool, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: 1, shouldSort: false });
    const indexRank = new Map(pool.map((c, i) => [c, i]));
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

/** The card can name and offer at most this many other matches (a select menu holds 25 options). */
const MAX_ALTERNATIVES = 24;

function pick(kind: 'code' | 'title', found: Episode[], preferSeries: string | undefined) {
  const sorted = [...found].sort((a, b) => Number(b.series.id === preferSeries) - Number(a.series.id === preferSeries));
  return { kind, episode: sorted[0]!, alternatives: sorted.slice(1, 1 + MAX_ALTERNATIVES) } as {
    kind: 'code' | 'title';
    episode: Episode;
    alternatives: Episode[];
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
