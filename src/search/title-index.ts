import Fuse from 'fuse.js';
import { normalize } from './normalize.ts';
import { looseKeyOfFolded, partNumber, withoutPart } from './title-key.ts';
import { topK } from './top-k.ts';
import { Vocabulary } from './vocabulary.ts';

/** How a TitleIndex sees its entries: the names each answers to, and the group (a series) it belongs to. */
export interface TitleSource<T> {
  entries: readonly T[];
  /** The first is the entry's title; the rest are other names it answers to (aliases). */
  names(entry: T): readonly string[];
  /** Lets a query be limited to one group (episodes of one series); absent when entries have none. */
  group?(entry: T): unknown;
}

export interface Ranked<T> {
  entry: T;
  /** Position of the entry in `entries`. */
  at: number;
  /** Folded name that matched, what fuse.js ranked. */
  key: string;
  score: number;
}

/** How many index candidates fuse.js gets to rank: enough to hold every plausible match, few enough to be cheap. */
const RANK_POOL = 40;
/** Names that begin with what was typed, offered before any word-level match. */
const PREFIX_POOL = 25;
/** Most names one keystroke may look at: a word in a third of all titles must not cost a full scan. */
const CANDIDATE_CAP = 600;
/** Query words weighed in ranking; more is pasted text, not a title being typed. */
const MAX_WORDS = 12;
/** Beyond this fuse.js score a title is no longer a plausible reading of what was typed. */
const FUSE_THRESHOLD = 0.5;

/**
 * Titles (and other names) of any kind of entry, episodes or films, with the lookups every title
 * command needs: exact and loose keys, "starts with" over sorted names, and typo-tolerant ranking.
 * Ranking never hands fuse.js the whole list: a word index (prefixes and a deletion neighbourhood)
 * picks a bounded set of candidates; fuse.js orders the few dozen best.
 *
 * Internally every name is a document; `owner` maps a document to its entry.
 */
export class TitleIndex<T> {
  private readonly entries: readonly T[];
  private readonly groupOf: (entry: T) => unknown;
  /** Folded name -> documents; the same for the loose key. */
  private readonly byName = new Map<string, number[]>();
  private readonly byLooseName = new Map<string, number[]>();
  private readonly owner: Int32Array;
  private readonly folded: string[];
  /** Folded names without a part number: "emissary part 1" -> "emissary". */
  private readonly partless: string[];
  /** Documents sorted by folded name, and by folded name without a leading article. */
  private readonly nameOrder: Int32Array;
  private readonly bare: string[];
  private readonly bareOrder: Int32Array;
  private readonly vocabulary = new Vocabulary();
  /** word -> documents whose name has it (CSR: postings[offsets[w] .. offsets[w+1]]). */
  private readonly postings: Int32Array;
  private readonly offsets: Int32Array;
  /** document -> its words, for scoring candidates without walking long posting lists. */
  private readonly docWords: Int32Array;
  private readonly docOffsets: Int32Array;
  /** How telling each word is: rare words carry the meaning. */
  private readonly idf: Float32Array;

  constructor(source: TitleSource<T>) {
    this.entries = source.entries;
    this.groupOf = source.group ?? (() => undefined);
    const owners: number[] = [];
    this.folded = [];
    source.entries.forEach((entry, at) => {
      const seen = new Set<string>();
      for (const name of source.names(entry)) {
        const key = normalize(name);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        owners.push(at);
        this.folded.push(key);
      }
    });
    this.owner = Int32Array.from(owners);
    const n = this.folded.length;
    this.bare = this.folded.map((key) => key.replace(/^(the|a|an) /, ''));
    this.partless = this.folded.map(withoutPart);
    const words: number[] = [];
    this.docOffsets = new Int32Array(n + 1);
    const seen = new Set<number>();
    for (let doc = 0; doc < n; doc++) {
      const key = this.folded[doc]!;
      push(this.byName, key, doc);
      push(this.byLooseName, looseKeyOfFolded(key), doc);
      seen.clear();
      for (const word of key.split(' ')) {
        if (!word) continue;
        const id = this.vocabulary.intern(word);
        if (seen.has(id)) continue;
        seen.add(id);
        words.push(id);
        this.vocabulary.frequency[id]!++;
      }
      this.docOffsets[doc + 1] = words.length;
    }
    this.docWords = Int32Array.from(words);
    // Posting lists in document order, laid out in one array.
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
    this.nameOrder = order(this.folded);
    this.bareOrder = order(this.bare);
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

  /** Entries (positions) with a name exactly `folded`, in entry order, within `group` if given. */
  exact(folded: string, group?: unknown): number[] {
    return this.entriesOf(this.byName.get(folded), group);
  }

  /**
   * Entries whose name shares `folded`'s loose key (no article, no part number), in the order the
   * query asks for: the part it names first ("year of hell part 2", "pt ii", "part two"; a name
   * without a part number is part 1), then, since "emissary" means "Emissary (Part 1)" before
   * "The Emissary", the article counts when typed. `ordered` false skips that ordering (callers that
   * only list the others).
   */
  loose(folded: string, group?: unknown, ordered = true): number[] {
    const docs = this.inGroup(this.byLooseName.get(looseKeyOfFolded(folded)), group);
    if (!ordered || docs.length < 2) return this.entriesOf(docs);
    const wanted = partNumber(folded);
    const first = (keep: (d: number) => boolean) => {
      const front = docs.filter(keep);
      return front.length === 0 || front.length === docs.length ? docs : [...front, ...docs.filter((d) => !keep(d))];
    };
    const ofPart = (d: number) => (partNumber(this.folded[d]!) ?? 1) === wanted;
    return this.entriesOf(wanted !== undefined && docs.some(ofPart) ? first(ofPart) : first((d) => this.partless[d] === folded));
  }

  /**
   * Entries ranked for `folded`: every query word scores its best match among a name's words
   * (typos and, while typing, completions of the last word count for less), then fuse.js orders
   * the best few dozen. Each entry appears once, under its best-ranked name.
   */
  rank(folded: string, group: unknown, typing: boolean): Ranked<T>[] {
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
          if (group !== undefined && this.groupOf(this.entries[this.owner[doc]!]!) !== group) continue;
          stamp[doc] = query;
          candidates[count++] = doc;
          if (count >= CANDIDATE_CAP) break outer;
        }
      }
    }
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
    if (typing) this.namesStartingWith(folded, group, chosen);
    for (const doc of topK(candidates, count, (d) => this.scores[d]!, RANK_POOL)) chosen.add(doc);
    if (chosen.size === 0) return [];
    const pool = [...chosen].map((doc) => ({ entry: this.entries[this.owner[doc]!]!, at: this.owner[doc]!, key: this.folded[doc]!, score: 1 }));
    // A name that holds the typed text as it is needs no fuzzy ranking: fuse.js would score it 0 and
    // order such names by length, shorter first, which is what the sort below does. fuse.js reads
    // only the others, and stops reading a name once it cannot score under the threshold; names it
    // gives up on keep the index's order after those it ranked.
    const inexact: Ranked<T>[] = [];
    for (const candidate of pool) {
      if (candidate.key.includes(folded)) candidate.score = 0;
      else inexact.push(candidate);
    }
    if (inexact.length > 0) {
      const fuse = new Fuse(inexact, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: FUSE_THRESHOLD, shouldSort: false });
      for (const r of fuse.search(folded)) r.item.score = r.score ?? 1;
    }
    const sorted = pool
      .map((candidate, at) => ({ candidate, tier: tier(candidate.key, folded, typing), words: candidate.score === 0 ? wordCount(candidate.key) : 0, at }))
      .sort((a, b) => a.tier - b.tier || a.candidate.score - b.candidate.score || a.words - b.words || a.at - b.at)
      .map((r) => r.candidate);
    if (this.owner.length === this.entries.length) return sorted;
    // Several names of one entry may have matched: keep the best-ranked.
    const seen = new Set<number>();
    return sorted.filter((r) => !seen.has(r.at) && seen.add(r.at));
  }

  /** Names (with or without their article) that start with `folded`, in name order. */
  private namesStartingWith(folded: string, group: unknown, into: Set<number>): void {
    for (const [keys, order] of [
      [this.folded, this.nameOrder],
      [this.bare, this.bareOrder],
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
        if (group === undefined || this.groupOf(this.entries[this.owner[doc]!]!) === group) into.add(doc);
      }
    }
  }

  private inGroup(docs: number[] | undefined, group: unknown): number[] {
    if (!docs) return [];
    return group === undefined ? docs : docs.filter((d) => this.groupOf(this.entries[this.owner[d]!]!) === group);
  }

  /** Documents to entry positions, each entry once, in the documents' order. */
  private entriesOf(docs: number[] | undefined, group?: unknown): number[] {
    const inScope = this.inGroup(docs, group);
    const out: number[] = [];
    for (const doc of inScope) {
      const at = this.owner[doc]!;
      if (!out.includes(at)) out.push(at);
    }
    return out;
  }
}

/**
 * fuse.js scores characters and ignores word boundaries, so a name that is, or begins with, what
 * was typed goes first; among the rest fuse.js decides.
 */
function tier(key: string, folded: string, typing: boolean): number {
  if (key === folded) return 0;
  if (!typing) return 3;
  if (key.startsWith(`${folded} `) || key.startsWith(`the ${folded} `)) return 1;
  if (key.startsWith(folded) || key.startsWith(`the ${folded}`)) return 2;
  return 3;
}

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
