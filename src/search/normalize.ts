/**
 * Folding used by every lookup, so that "Déjà Q", "deja q" and "DEJA-Q!" meet on the same key.
 * Apostrophes vanish rather than split words ("Mudd's" -> "mudds"), every other punctuation
 * mark becomes a word break.
 */
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘`´]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/&/g, ' and ')
    .replace(NON_WORD, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const folded = normalize(text);
  return folded === '' ? [] : folded.split(' ');
}
