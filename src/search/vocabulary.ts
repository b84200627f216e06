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

function deletions(word: string, distance: number, into: Set<string>): void {
  into.add(word);
  if (distance === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, distance - 1, into);
  }
}

/** Optimal string alignment distance, abandoned once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

export class Vocabulary {
  readonly words: string[] = [];
  /** How many records use each word: rare words are worth more. */
  readonly frequency: number[] = [];
  private readonly ids = new Map<string, number>();
  private sorted: number[] = [];
  private neighbours = new Map<string, number[]>();

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

  /** Call once every word is interned. */
  seal(): void {
    this.sorted = this.words.map((_, i) => i).sort((a, b) => (this.words[a]! < this.words[b]! ? -1 : 1));
    this.neighbours = new Map();
    const variants = new Set<string>();
    this.words.forEach((word, id) => {
      variants.clear();
      deletions(word, maxTypos(word.length, this.typoCap), variants);
      for (const variant of variants) {
        const list = this.neighbours.get(variant);
        if (list) list.push(id);
        else this.neighbours.set(variant, [id]);
      }
    });
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
    const variants = new Set<string>();
    deletions(token, limit, variants);
    const seen = new Map<number, number>();
    for (const variant of variants) {
      for (const id of this.neighbours.get(variant) ?? []) {
        if (seen.has(id)) continue;
        const word = this.words[id]!;
        const distance = editDistance(token, word, Math.min(limit, maxTypos(word.length, this.typoCap)));
        if (distance <= limit) seen.set(id, distance);
      }
    }
    return [...seen].map(([word, distance]) => ({ word, weight: TYPO_WEIGHT[distance] ?? 0 })).filter((m) => m.weight > 0);
  }
}
