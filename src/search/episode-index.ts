import Fuse from 'fuse.js';
import type { Catalog } from '../catalog/catalog.ts';
import type { Episode, Series } from '../catalog/model.ts';
import { parseCompactCode, parseEpisodeCode } from './episode-code.ts';
import { normalize } from './normalize.ts';
import { looseKeyOfFolded, partNumber, withoutPart } from './title-key.ts';
import { topK } from './top-k.ts';
import { editDistance, Vocabulary } from './vocabulary.ts';

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
/** Query words weighed in ranking; more is pasted text, not a title being typed. */
const MAX_WORDS = 12;
const DIGIT = /\d/;
/** How many leading words may be read as a misspelt series name ("star trk picard penance" is too far). */
const TYPO_SERIES_WORDS = 2;
/** Beyond this fuse.js score a title is no longer a plausible reading of what was typed. */
const FUSE_THRESHOLD = 0.5;

/**
 * Episode lookup in four stages, cheapest first: an id or episode code, an exact title, then typo-
 * tolerant and prefix matches. The last stage never hands fuse.js the whole catalog: sorted titles
 * answer "starts with", and a word index (prefixes and a deletion neighbourhood) picks a bounded set
 * of candidates; fuse.js ranks the few dozen best.
 */
export class EpisodeIndex {
  /** Folded title -> episodes (positions in the catalog); the same for the loose key and the episode code. */
  private readonly byTitle = new Map<string, number[]>();
  private readonly byLooseTitle = new Map<string, number[]>();
  /** "2x2" -> that episode in every series. */
  private readonly byCode = new Map<string, number[]>();
  private readonly foldedTitles: string[];
  /** Folded titles without a part number: "emissary part 1" -> "emissary". */
  private readonly partlessTitles: string[];
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
  /** How telling each title word is: rare words carry the meaning. */
  private readonly idf: Float32Array;
  /** Folded series names (ids, codes, titles, aliases) -> series, for "picard penance". */
  private readonly seriesByName: Map<string, Series>;

  constructor(private readonly catalog: Catalog) {
    const episodes = catalog.episodes;
    const n = episodes.length;
    this.foldedTitles = new Array<string>(n);
    this.bareTitles = new Array<string>(n);
    this.partlessTitles = new Array<string>(n);
    const words: number[] = [];
    this.docOffsets = new Int32Array(n + 1);
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const episode = episodes[i]!;
      const folded = normalize(episode.title);
      this.foldedTitles[i] = folded;
      this.bareTitles[i] = folded.replace(/^(the|a|an) /, '');
      this.partlessTitles[i] = withoutPart(folded);
      push(this.byTitle, folded, i);
      push(this.byLooseTitle, looseKeyOfFolded(folded), i);
      push(this.byCode, `${episode.season.number}x${episode.number}`, i);
      seen.clear();
      for (const word of folded.split(' ')) {
        if (!word) continue;
        const id = this.vocabulary.intern(word);
        if (seen.has(id)) continue;
        seen.add(id);
        words.push(id);
        this.vocabulary.frequency[id]!++;
      }
      this.docOffsets[i + 1] = words.length;
    }
    this.docWords = Int32Array.from(words);
    // Posting lists in catalog order, laid out in one array.
    const vocab = this.vocabulary.words.length;
    this.offsets = new Int32Array(vocab + 1);
    this.idf = new Float32Array(vocab);
    for (let w = 0; w < vocab; w++) {
      this.offsets[w + 1] = this.offsets[w]! + this.vocabulary.frequency[w]!;
      this.idf[w] = Math.log(1 + n / this.vocabulary.frequency[w]!);
    }
    this.postings = new Int32Array(this.offsets[vocab]!);
    const fill = this.offsets.slice(0, vocab);
    for (let doc = 0; doc < n; doc++) {
      for (let k = this.docOffsets[doc]!; k < this.docOffsets[doc + 1]!; k++) this.postings[fill[this.docWords[k]!]!++] = doc;
    }
    this.vocabulary.seal();
    const order = (keys: string[]) => Int32Array.from(keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b)));
    this.titleOrder = order(this.foldedTitles);
    this.bareOrder = order(this.bareTitles);
    this.seriesByName = new Map(catalog.seriesNameEntries());
    this.scores = new Float32Array(n);
    this.stamp = new Int32Array(n);
    this.wordStamp = new Int32Array(vocab);
    this.wordWeights = new Float32Array(vocab * MAX_WORDS);
  }

  /** Scratch space reused by every query: allocating per keystroke would dominate the cost. */
  private readonly scores: Float32Array;
  private readonly stamp: Int32Array;
  /** Per vocabulary word: the query that last weighed it, and its weight for each query word (MAX_WORDS slots). */
  private readonly wordStamp: Int32Array;
  private readonly wordWeights: Float32Array;
  private readonly best = new Float64Array(MAX_WORDS);
  private readonly candidates = new Int32Array(CANDIDATE_CAP);
  private query = 0;

  /** Builds the typo table now instead of on the first typo (start-up runs this in the background). */
  prepare(): void {
    this.vocabulary.prepare();
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
    const ranked = this.rank(rest || folded, series, true);
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
      const inScope = (docs: number[] | undefined) => (docs && within ? docs.filter((d) => this.catalog.episodes[d]!.series === within) : (docs ?? []));
      const exact = inScope(this.byTitle.get(text));
      const loose = inScope(this.byLooseTitle.get(looseKeyOfFolded(text)));
      if (exact.length > 0) {
        const best = this.pick('title', exact, preferSeries);
        for (const doc of loose) {
          if (best.alternatives.length >= MAX_ALTERNATIVES) break;
          const episode = this.catalog.episodes[doc]!;
          if (episode !== best.episode && !best.alternatives.includes(episode)) best.alternatives.push(episode);
        }
        return best;
      }
      if (loose.length > 0) return this.pick('title', this.orderLoose(loose, text), preferSeries);
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

  /**
   * Titles that share a loose key, in the order the query asks for: the part it names first
   * ("year of hell part 2", "pt ii", "part two"; a title without a part number is part 1), then,
   * since "emissary" means "Emissary (Part 1)" before "The Emissary", the article counts when typed.
   */
  private orderLoose(loose: number[], text: string): number[] {
    const wanted = partNumber(text);
    const first = (keep: (d: number) => boolean) => {
      const front = loose.filter(keep);
      return front.length === 0 || front.length === loose.length ? loose : [...front, ...loose.filter((d) => !keep(d))];
    };
    if (wanted !== undefined) {
      const ofPart = (d: number) => (partNumber(this.foldedTitles[d]!) ?? 1) === wanted;
      if (loose.some(ofPart)) return first(ofPart);
    }
    return first((d) => this.partlessTitles[d] === text);
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
    else ranked = this.rank(rest || folded, series, true).map((c) => c.episode);
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
    const words = folded.split(' ').filter(Boolean).slice(0, MAX_WORDS);
    const query = ++this.query;
    const { wordStamp, wordWeights, idf, best } = this;
    const G = MAX_WORDS;
    // Each query word's matches (the word, its typos and, for the last word while typing, its
    // completions) are written into the word slots: scoring then reads typed arrays, not maps.
    const groups = words.map((word, g) => {
      const matches = this.vocabulary.similar(word);
      if (typing && g === words.length - 1) {
        const known = new Set(matches.map((m) => m.word));
        for (const m of this.vocabulary.withPrefix(word)) if (!known.has(m.word)) matches.push(m);
      }
      let df = 0;
      for (const { word: w, weight } of matches) {
        if (wordStamp[w] !== query) {
          wordStamp[w] = query;
          wordWeights.fill(0, w * G, w * G + G);
        }
        wordWeights[w * G + g] = weight;
        df += this.vocabulary.frequency[w]!;
      }
      return { matches, df };
    });

    // Candidates come from the rarest word: it carries the meaning and has the shortest lists.
    const candidates = this.candidates;
    let count = 0;
    const seed = groups.filter((g) => g.matches.length > 0).sort((a, b) => a.df - b.df)[0];
    if (seed) {
      const frequency = this.vocabulary.frequency;
      const ordered = seed.matches.sort((a, b) => b.weight - a.weight || frequency[a.word]! - frequency[b.word]!);
      const { offsets, postings, stamp } = this;
      outer: for (const { word } of ordered) {
        for (let k = offsets[word]!, end = offsets[word + 1]!; k < end; k++) {
          const doc = postings[k]!;
          if (stamp[doc] === query) continue;
          if (series && this.catalog.episodes[doc]!.series !== series) continue;
          stamp[doc] = query;
          candidates[count++] = doc;
          if (count >= CANDIDATE_CAP) break outer;
        }
      }
    }
    // Every query word adds its best match among the title's own words.
    const groupCount = words.length;
    const { docOffsets, docWords, scores } = this;
    for (let c = 0; c < count; c++) {
      const doc = candidates[c]!;
      for (let g = 0; g < groupCount; g++) best[g] = 0;
      for (let k = docOffsets[doc]!, end = docOffsets[doc + 1]!; k < end; k++) {
        const w = docWords[k]!;
        if (wordStamp[w] !== query) continue;
        const weight = idf[w]!;
        for (let g = 0, at = w * G; g < groupCount; g++, at++) {
          const value = wordWeights[at]! * weight;
          if (value > best[g]!) best[g] = value;
        }
      }
      let score = 0;
      for (let g = 0; g < groupCount; g++) score += best[g]!;
      scores[doc] = score;
    }
    const chosen = new Set<number>();
    if (typing) this.titlesStartingWith(folded, series, chosen);
    for (const doc of topK(candidates, count, (d) => this.scores[d]!, RANK_POOL)) chosen.add(doc);
    if (chosen.size === 0) return [];
    const pool = [...chosen].map((doc) => ({ episode: this.catalog.episodes[doc]!, key: this.foldedTitles[doc]!, score: 1 }));
    // A title that holds the typed text as it is needs no fuzzy ranking: fuse.js would score it 0 and
    // order such titles by length, shorter first, which is what the sort below does. fuse.js reads
    // only the others, and stops reading a title once it cannot score under the threshold; titles it
    // gives up on keep the index's order after those it ranked.
    const inexact: Candidate[] = [];
    for (const candidate of pool) {
      if (candidate.key.includes(folded)) candidate.score = 0;
      else inexact.push(candidate);
    }
    if (inexact.length > 0) {
      const fuse = new Fuse(inexact, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: FUSE_THRESHOLD, shouldSort: false });
      for (const r of fuse.search(folded)) r.item.score = r.score ?? 1;
    }
    return pool
      .map((candidate, at) => ({ candidate, tier: tier(candidate.key, folded, typing), words: candidate.score === 0 ? wordCount(candidate.key) : 0, at }))
      .sort((a, b) => a.tier - b.tier || a.candidate.score - b.candidate.score || a.words - b.words || a.at - b.at)
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function wordCount(folded: string): number {
  let count = 1;
  for (let i = folded.indexOf(' '); i >= 0; i = folded.indexOf(' ', i + 1)) count++;
  return count;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
