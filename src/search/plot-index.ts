import type { Catalog } from '../catalog/catalog.ts';
import type { Entry } from '../catalog/model.ts';
import { tokens } from './normalize.ts';
import { TopBuffer } from './top-k.ts';
import { IntList } from './int-list.ts';
import { Vocabulary } from './vocabulary.ts';

/** Words that say nothing about a story; dropping them keeps posting lists short. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have he her his in into is it its of on or she that the their them they this to was were which who with'.split(' '),
);
const K1 = 1.2;
const B = 0.75;
/** A title word counts as much as several synopsis words: people remember titles. */
const TITLE_BOOST = 3;
const NOT_A_TERM = -1;

export interface PlotHit {
  /** An episode or a film. */
  entry: Entry;
  score: number;
}

/** Crude English stemming: enough for "executing" to meet "execution" without a dependency. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * BM25 over titles, loglines and synopses. Postings sit in flat typed arrays (term -> episodes and term
 * frequencies), and a query touches only the postings of its own words, accumulating scores in a
 * reusable array, so the cost follows the rarity of the words, not the catalog size.
 */
/**
 * Builds a PlotIndex a slice of episodes at a time, so a large catalog can be indexed in the
 * background while the bot already answers everything else. `step` until it returns true, then `finish`.
 */
export class PlotIndexBuilder {
  private readonly vocabulary = new Vocabulary(1);
  /** Raw word -> term id (or NOT_A_TERM for stop words): each distinct word is stemmed once. */
  private readonly termOf = new Map<string, number>();
  private readonly lengths: Float32Array;
  private readonly forwardTerms = new IntList(1024);
  private readonly forwardCounts = new IntList(1024);
  private readonly docStart: Int32Array;
  private tf = new Int32Array(4096);
  private readonly present: number[] = [];
  private next = 0;

  constructor(private readonly catalog: Catalog) {
    this.lengths = new Float32Array(catalog.entries.length);
    this.docStart = new Int32Array(catalog.entries.length + 1);
  }

  /** Indexes up to `count` more entries (episodes, then films); true once every one is in. */
  step(count: number): boolean {
    const episodes = this.catalog.entries;
    const end = Math.min(episodes.length, this.next + count);
    for (let doc = this.next; doc < end; doc++) this.add(doc, episodes[doc]!);
    this.next = end;
    return end === episodes.length;
  }

  private add(doc: number, episode: Entry): void {
    const { termOf, present, forwardTerms, forwardCounts } = this;
    let length = 0;
    for (let part = 0; part < 3; part++) {
      const text = part === 0 ? episode.title : part === 1 ? episode.logline : episode.synopsis?.text;
      if (!text) continue;
      const weight = part === 0 ? TITLE_BOOST : 1;
      const words = tokens(text);
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        let id = termOf.get(word);
        if (id === undefined) {
          id = STOP_WORDS.has(word) ? NOT_A_TERM : this.vocabulary.intern(stem(word));
          termOf.set(word, id);
        }
        if (id === NOT_A_TERM) continue;
        if (id >= this.tf.length) {
          const bigger = new Int32Array(this.tf.length * 2);
          bigger.set(this.tf);
          this.tf = bigger;
        }
        if (this.tf[id] === 0) present.push(id);
        this.tf[id]! += weight;
        length++;
      }
    }
    this.lengths[doc] = length;
    for (let i = 0; i < present.length; i++) {
      const term = present[i]!;
      forwardTerms.push(term);
      forwardCounts.push(this.tf[term]!);
      this.vocabulary.frequency[term]!++;
      this.tf[term] = 0;
    }
    present.length = 0;
    this.docStart[doc + 1] = forwardTerms.length;
  }

  /** Lays the postings out by term (CSR) with their BM25 weights. */
  finish(): PlotIndex {
    this.step(Number.POSITIVE_INFINITY);
    const n = this.catalog.entries.length;
    const { lengths, docStart, forwardTerms, forwardCounts, vocabulary } = this;
    const terms = vocabulary.words.length;
    const offsets = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = offsets[t]! + vocabulary.frequency[t]!;
    const docs = new Int32Array(forwardTerms.length);
    const weights = new Float32Array(forwardTerms.length);
    let sum = 0;
    for (let d = 0; d < n; d++) sum += lengths[d]!;
    const averageLength = n ? sum / n || 1 : 1;
    const fill = offsets.slice(0, terms);
    for (let d = 0; d < n; d++) {
      const norm = K1 * (1 - B + (B * lengths[d]!) / averageLength);
      for (let k = docStart[d]!; k < docStart[d + 1]!; k++) {
        const at = fill[forwardTerms.data[k]!]!++;
        const count = forwardCounts.data[k]!;
        docs[at] = d;
        weights[at] = (count * (K1 + 1)) / (count + norm);
      }
    }
    vocabulary.seal();
    return new PlotIndex(this.catalog, vocabulary, offsets, docs, weights);
  }
}

/**
 * BM25 over titles, loglines and synopses. Postings sit in flat typed arrays (term -> episodes and weights);
 * a query touches only the postings of its own words, so the cost follows the rarity of the words,
 * not the catalog size.
 */
export class PlotIndex {
  /** Scratch for intersections, grown on demand and reused: no per-query garbage proportional to the lists. */
  private matchDocs = new Int32Array(1024);
  private matchScores = new Float32Array(1024);

  constructor(
    private readonly catalog: Catalog,
    /** Stemmed terms, with typo lookup (one typo: the vocabulary of many synopses is large). */
    private readonly vocabulary: Vocabulary,
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    /** BM25's term-frequency part, computed once per posting; a query only multiplies by idf. */
    private readonly weights: Float32Array,
  ) {}

  /** Builds the typo table now instead of on the first misspelt word. */
  prepare(): void {
    this.vocabulary.prepare();
  }

  static build(catalog: Catalog): PlotIndex {
    return new PlotIndexBuilder(catalog).finish();
  }

  /** One query word's postings: a slice of the flat arrays, or a merged copy when a typo matched several terms. */
  private postingsFor(word: string, total: number): Postings | undefined {
    // A word the synopses use is taken as spelled; only an unknown word is read as a typo or a prefix.
    const known = this.vocabulary.id(word);
    let matches = known !== undefined ? [{ word: known, weight: 1 }] : this.vocabulary.similar(word);
    if (matches.length === 0 && word.length >= 4) matches = this.vocabulary.withPrefix(word).slice(0, 8);
    if (matches.length === 0) return undefined;
    const factor = (term: number, weight: number) => {
      const df = this.vocabulary.frequency[term]!;
      return weight * Math.log(1 + (total - df + 0.5) / (df + 0.5));
    };
    if (matches.length === 1) {
      const { word: term, weight } = matches[0]!;
      return { docs: this.docs, weights: this.weights, start: this.offsets[term]!, end: this.offsets[term + 1]!, factor: factor(term, weight) };
    }
    // Several spellings: merge their lists, keeping each episode's best contribution.
    const best = new Map<number, number>();
    for (const { word: term, weight } of matches) {
      const f = factor(term, weight);
      for (let k = this.offsets[term]!; k < this.offsets[term + 1]!; k++) {
        const value = f * this.weights[k]!;
        const doc = this.docs[k]!;
        if ((best.get(doc) ?? 0) < value) best.set(doc, value);
      }
    }
    const docs = Int32Array.from([...best.keys()].sort((a, b) => a - b));
    const weights = Float32Array.from(docs, (doc) => best.get(doc)!);
    return { docs, weights, start: 0, end: docs.length, factor: 1 };
  }

  /**
   * Episodes ranked first by how many of the question's words they contain, then by BM25. Those with
   * every word come from intersecting the posting lists (a walk along the shortest); if fewer than
   * `limit` have them all, those missing one word come from the intersections that leave one list
   * out, and then the best single-word matches. No step visits more than the lists themselves.
   */
  search(query: string, limit = 5): PlotHit[] {
    const total = this.catalog.entries.length;
    // A question, not an essay: the first dozen meaningful words of the first 200 characters.
    const words = [
      ...new Set(
        tokens(query.slice(0, 200))
          .filter((w) => !STOP_WORDS.has(w))
          .map(stem),
      ),
    ].slice(0, 12);
    const lists = words.map((w) => this.postingsFor(w, total)).filter((p): p is Postings => p !== undefined);
    if (lists.length === 0) return [];
    lists.sort((a, b) => a.end - a.start - (b.end - b.start));
    const hits: PlotHit[] = [];
    const seen = new Set<number>();
    const add = (found: Matches, matched: number) => {
      const order = Array.from({ length: found.length }, (_, i) => i).sort((a, b) => found.scores[b]! - found.scores[a]! || found.docs[a]! - found.docs[b]!);
      for (const i of order) {
        if (hits.length >= limit) break;
        const doc = found.docs[i]!;
        if (seen.has(doc)) continue;
        seen.add(doc);
        hits.push({ entry: this.catalog.entries[doc]!, score: (found.scores[i]! * matched) / lists.length });
      }
    };
    add(this.topOf(this.intersect(lists), limit), lists.length);
    // Then episodes missing one word (one intersection per word left out), then single-word matches;
    // each level is ranked as a whole before the next is consulted.
    if (hits.length < limit && lists.length > 2)
      add(merge(lists.map((_, skip) => this.topOf(this.intersect(lists.filter((__, i) => i !== skip)), limit))), lists.length - 1);
    if (hits.length < limit) add(merge(lists.map((list) => this.best(list, limit + seen.size))), 1);
    return hits;
  }

  /** The `k` best of a match set (a few more, so episodes already listed can be skipped), copied out of the scratch arrays. */
  private topOf(found: Matches, k: number): Matches {
    const top = new TopBuffer(k + 8);
    for (let i = 0; i < found.length; i++) top.offer(found.docs[i]!, found.scores[i]!);
    return asMatches(top);
  }

  /** Episodes that have every listed word, with their summed BM25 scores, in reusable typed arrays. */
  private intersect(lists: Postings[]): Matches {
    const [first, ...rest] = lists as [Postings, ...Postings[]];
    const cursors = rest.map((p) => p.start);
    const size = first.end - first.start;
    if (this.matchDocs.length < size) {
      this.matchDocs = new Int32Array(size);
      this.matchScores = new Float32Array(size);
    }
    const docs = this.matchDocs;
    const scores = this.matchScores;
    let length = 0;
    outer: for (let k = first.start; k < first.end; k++) {
      const doc = first.docs[k]!;
      let sum = first.factor * first.weights[k]!;
      for (let j = 0; j < rest.length; j++) {
        const list = rest[j]!;
        let at = cursors[j]!;
        while (at < list.end && list.docs[at]! < doc) at++;
        cursors[j] = at;
        if (at === list.end) break outer;
        if (list.docs[at] !== doc) continue outer;
        sum += list.factor * list.weights[at]!;
      }
      docs[length] = doc;
      scores[length++] = sum;
    }
    return { docs, scores, length };
  }

  /** The `k` best-scoring episodes of one word's list, in one pass. */
  private best(list: Postings, k: number): Matches {
    const top = new TopBuffer(k);
    for (let i = list.start; i < list.end; i++) top.offer(list.docs[i]!, list.factor * list.weights[i]!);
    return asMatches(top);
  }
}

function asMatches(top: TopBuffer): Matches {
  return { docs: Int32Array.from(top.ids), scores: Float32Array.from(top.scores), length: top.ids.length };
}

/** Several small match sets as one, keeping each episode's best score. */
function merge(sets: Matches[]): Matches {
  const best = new Map<number, number>();
  for (const set of sets) {
    for (let i = 0; i < set.length; i++) best.set(set.docs[i]!, Math.max(best.get(set.docs[i]!) ?? 0, set.scores[i]!));
  }
  return { docs: Int32Array.from(best.keys()), scores: Float32Array.from(best.values()), length: best.size };
}

/** Episodes and their scores, the first `length` entries of the arrays. */
interface Matches {
  docs: Int32Array;
  scores: Float32Array;
  length: number;
}

interface Postings {
  docs: Int32Array;
  weights: Float32Array;
  start: number;
  end: number;
  factor: number;
}
