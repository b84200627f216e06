/**
 * Folding used by every lookup, so that "Déjà Q", "deja q" and "DEJA-Q!" meet on the same key.
 * Apostrophes vanish rather than split words ("Mudd's" -> "mudds"), every other punctuation
 * mark becomes a word break.
 */
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘`´]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;

export function normalize(text: string): string {
  if (ASCII.test(text)) return asciiWords(text).join(' ');
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(APOSTROPHES, '').replace(/&/g, ' and ').replace(NON_WORD, ' ').trim();
}

/**
 * The words of `text`, folded as normalize() folds them. Plain ASCII (nearly every synopsis) takes a
 * hand-written scanner: Unicode normalisation and regex splitting cost ten times more, and the plot
 * index tokenises every synopsis at start-up.
 */
export function tokens(text: string): string[] {
  if (ASCII.test(text)) return asciiWords(text);
  const folded = normalize(text);
  return folded === '' ? [] : folded.split(' ');
}

function asciiWords(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes("'") || lower.includes('`')) lower = lower.replace(/['`]/g, '');
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) {
        out.push(lower.slice(start, i));
        start = -1;
      }
      if (c === 38) out.push('and');
    }
  }
  return out;
}
