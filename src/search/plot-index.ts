import type { Catalog } from '../catalog/catalog.ts';
import type { Episode } from '../catalog/model.ts';
import { tokens } from './normalize.ts';
import { Vocabulary } from './vocabulary.ts';

/** Words that say nothing about a story; dropping them keeps posting lists short. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have he her his in into is it its of on or she that the their them they this to was were which who with'.split(' '),
);
const K1 = 1.2;
const B = 0.75;
/** A title word counts as much as several synopsis words: people remember titles. */
const TITLE_BOOST = 3;

export interface PlotHit {
  episode: Episode;
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

function terms(text: string): string[] {
  return tokens(text).filter((w) => !STOP_WORDS.has(w)).map(stem);
}

/**
 * BM25 over synopses and titles. Each query word reaches its postings directly (or, if it is a typo,
 * its nearest indexed words), so the cost follows the rarity of the words, not the catalog size.
 */
export class PlotIndex {
  private readonly vocabulary = new Vocabulary();
  private readonly docs: Int32Array[] = [];
  private readonly weights: Float32Array[] = [];
  private readonly lengths: Float32Array;
  private readonly averageLength: number;

  constructor(private readonly catalog: Catalog) {
    const episodes = catalog.episodes;
    this.lengths = new Float32Array(episodes.length);
    const building: { docs: number[]; tf: number[] }[] = [];
    episodes.forEach((episode, doc) => {
      const counts = new Map<number, number>();
      const add = (text: string, weight: number) => {
        for (const term of terms(text)) {
          const id = this.vocabulary.intern(term);
          counts.set(id, (counts.get(id) ?? 0) + weight);
          this.lengths[doc]! += 1;
        }
      };
      add(episode.title, TITLE_BOOST);
      if (episode.synopsis) add(episode.synopsis.text, 1);
      for (const [id, tf] of counts) {
        const entry = (building[id] ??= { docs: [], tf: [] });
        entry.docs.push(doc);
        entry.tf.push(tf);
        this.vocabulary.frequency[id]!++;
      }
    });
    this.averageLength = episodes.length ? this.lengths.reduce((a, b) => a + b, 0) / episodes.length : 1;
    building.forEach((entry, id) => {
      this.docs[id] = Int32Array.from(entry.docs);
      this.weights[id] = Float32Array.from(entry.tf);
    });
    this.vocabulary.seal();
  }

  search(query: string, limit = 5): PlotHit[] {
    const scores = new Map<number, number>();
    const matched = new Map<number, number>();
    const total = this.catalog.episodes.length;
    const queryTerms = [...new Set(terms(query))];
    for (const term of queryTerms) {
      const hitBy = new Set<number>();
      let matches = this.vocabulary.similar(term);
      if (matches.length === 0 && term.length >= 4) matches = this.vocabulary.withPrefix(term).slice(0, 8);
      for (const { word, weight } of matches) {
        const df = this.vocabulary.frequency[word]!;
        const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        const docs = this.docs[word]!;
        const tfs = this.weights[word]!;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          const tf = tfs[i]!;
          const norm = tf + K1 * (1 - B + (B * this.lengths[doc]!) / this.averageLength);
          scores.set(doc, (scores.get(doc) ?? 0) + weight * idf * ((tf * (K1 + 1)) / norm));
          hitBy.add(doc);
        }
      }
      for (const doc of hitBy) matched.set(doc, (matched.get(doc) ?? 0) + 1);
    }
    // An episode that matches every word of the question beats one that repeats a single word.
    for (const [doc, score] of scores) scores.set(doc, score * ((matched.get(doc) ?? 0) / queryTerms.length) ** 2);
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([doc, score]) => ({ episode: this.catalog.episodes[doc]!, score }));
  }
}
