import { IntList } from './int-list.ts';

/**
 * The distinct words of an index, with the two ways a typed word reaches them without scanning
 * every record: a sorted list for prefixes (autocomplete) and a deletion neighbourhood
 * (SymSpell) for typos. Both cost microseconds however many episodes share the words.
 */
export interface WordMatch {
  word: number;
  /** 1 for the word itself, less for a prefix or a typo. */
  weight: number;
}

const PREFIX_WEIGHT = 0.85;
const TYPO_WEIGHT = [1, 0.7, 0.5];
/** A prefix like "t" reaches thousands of words; the most frequent ones are the likely intent. */
const MAX_PREFIX_WORDS = 48;

/** No indexed word is longer; a longer "word" (pasted junk) gets no typo search, whose cost grows with length squared. */
const MAX_WORD = 40;

export function maxTypos(length: number, cap = 2): number {
  if (length < 4 || length > MAX_WORD) return 0;
  return Math.min(cap, length < 8 ? 1 : 2);
}

/**
 * Hashes of `word` with up to `distance` characters deleted (the word itself included), computed
 * without building the shorter strings: a catalog's vocabulary has tens of thousands of them, and
 * only their hashes are ever compared. Duplicates are possible and harmless.
 */
function deletionHashes(word: string, distance: number, into: IntList): void {
  const length = word.length;
  into.push(hashSkipping(word, -1, -1));
  if (distance === 0 || length <= 1) return;
  for (let i = 0; i < length; i++) {
    into.push(hashSkipping(word, i, -1));
    if (distance < 2 || length <= 2) continue;
    for (let j = i + 1; j < length; j++) into.push(hashSkipping(word, i, j));
  }
}

/** FNV-1a over the word's characters but those at `skipA` and `skipB`. */
function hashSkipping(word: string, skipA: number, skipB: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skipA || i === skipB) continue;
    hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** Rows of the edit-distance table, reused: typo lookups run on every keystroke. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance, abandoned once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
    rowC = new Int32Array(b.length + 1);
  }
  // Three rows: the one before last (for transpositions), the last, and the current.
  let older = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        value = Math.min(value, older[j - 2]! + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    const spare = older;
    older = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}

export class Vocabulary {
  readonly words: string[] = [];
  /** How many records use each word: rare words are worth more. */
  readonly frequency: number[] = [];
  private readonly ids = new Map<string, number>();
  private sorted: number[] = [];
  /**
   * The deletion neighbourhood as a hash table in typed arrays: bucket (hash & mask) ->
   * entries[starts[b] .. starts[b + 1]], each a (hash, word) pair. Colliding hashes only add
   * candidates, which the edit distance then turns away.
   */
  private mask = 0;
  private starts = new Int32Array(1);
  private entryHashes = new Int32Array(0);
  private entryWords = new Int32Array(0);
  /** Per word: the lookup that last reached it, so each is measured once. */
  private seen = new Int32Array(0);
  private prepared = false;
  private lookups = 0;

  /** `typoCap` bounds the typos looked for: 1 keeps the neighbourhood small for large vocabularies. */
  constructor(private readonly typoCap = 2) {}

  intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.frequency.push(0);
    }
    return id;
  }

  id(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Call once every word is interned. The typo table is built on first use, or by prepare(). */
  seal(): void {
    const { words } = this;
    this.sorted = words.map((_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
  }

  /** Builds the typo table now rather than on the first typo lookup (start-up does it in the background). */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const { words } = this;
    const hashes = new IntList(words.length * 16);
    const owners = new IntList(words.length * 16);
    for (let id = 0; id < words.length; id++) {
      const before = hashes.length;
      deletionHashes(words[id]!, maxTypos(words[id]!.length, this.typoCap), hashes);
      for (let k = before; k < hashes.length; k++) owners.push(id);
    }
    let buckets = 1;
    while (buckets < hashes.length) buckets <<= 1;
    this.mask = buckets - 1;
    const starts = new Int32Array(buckets + 1);
    for (let k = 0; k < hashes.length; k++) starts[(hashes.data[k]! & this.mask) + 1]!++;
    for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
    const fill = starts.slice(0, buckets);
    this.entryHashes = new Int32Array(hashes.length);
    this.entryWords = new Int32Array(hashes.length);
    for (let k = 0; k < hashes.length; k++) {
      const at = fill[hashes.data[k]! & this.mask]!++;
      this.entryHashes[at] = hashes.data[k]!;
      this.entryWords[at] = owners.data[k]!;
    }
    this.starts = starts;
    this.seen = new Int32Array(words.length);
  }

  /** Words starting with `prefix` (the word itself included), the most used first. */
  withPrefix(prefix: string): WordMatch[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[this.sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < this.sorted.length; i++) {
      const id = this.sorted[i]!;
      if (!this.words[id]!.startsWith(prefix)) break;
      found.push(id);
    }
    if (found.length > MAX_PREFIX_WORDS) {
      found.sort((a, b) => this.frequency[b]! - this.frequency[a]! || this.words[a]!.length - this.words[b]!.length);
      found.length = MAX_PREFIX_WORDS;
    }
    return found.map((word) => ({ word, weight: this.words[word] === prefix ? 1 : PREFIX_WEIGHT }));
  }

  /** Words within a typo or two of `token` (two only for long words). */
  similar(token: string): WordMatch[] {
    const limit = maxTypos(token.length, this.typoCap);
    const exact = this.ids.get(token);
    if (limit === 0) return exact === undefined ? [] : [{ word: exact, weight: 1 }];
    this.prepare();
    const variants = new IntList(token.length * token.length);
    deletionHashes(token, limit, variants);
    const lookup = ++this.lookups;
    const found: WordMatch[] = [];
    const { starts, entryHashes, entryWords, seen, mask, words } = this;
    for (let v = 0; v < variants.length; v++) {
      const hash = variants.data[v]!;
      for (let k = starts[hash & mask]!, end = starts[(hash & mask) + 1]!; k < end; k++) {
        if (entryHashes[k] !== hash) continue;
        const id = entryWords[k]!;
        if (seen[id] === lookup) continue;
        seen[id] = lookup;
        const word = words[id]!;
        const distance = editDistance(token, word, Math.min(limit, maxTypos(word.length, this.typoCap)));
        if (distance <= limit && distance < TYPO_WEIGHT.length) found.push({ word: id, weight: TYPO_WEIGHT[distance]! });
      }
    }
    return found;
  }
}
