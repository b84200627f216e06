import { normalize } from './normalize.ts';

const LEADING_ARTICLE = /^(the|a|an) /;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
const PART_NUMBER = '(\\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six)';
/** "part 2", "pt ii", "part two" or a bare trailing number: how people name a part of a story. */
const PART_SUFFIX = new RegExp(` (?:(?:part|pt) )?${PART_NUMBER}$`);

/**
 * The key under which titles that people confuse meet: no leading article, no part number.
 * "The Emissary", "Emissary (Part 1)" and "Emissary (Part 2)" share "emissary";
 * "Unification I", "II" and "III" share "unification".
 */
export function looseTitleKey(title: string): string {
  return looseKeyOfFolded(normalize(title));
}

export function looseKeyOfFolded(folded: string): string {
  return withoutPart(folded.replace(LEADING_ARTICLE, ''));
}

/** "emissary part 1" -> "emissary"; a one-word title ("Q2", "11001001") is left alone. Expects folded text. */
export function withoutPart(folded: string): string {
  return folded.includes(' ') ? folded.replace(PART_SUFFIX, '').replace(/ (part|pt)$/, '') : folded;
}

/** The part a folded title or query names at its end ("part ii" -> 2, "pt two" -> 2, "2" -> 2), if any. */
export function partNumber(folded: string): number | undefined {
  if (!folded.includes(' ')) return undefined;
  const match = PART_SUFFIX.exec(folded);
  if (!match) return undefined;
  const token = match[1]!;
  return /^\d+$/.test(token) ? Number(token) : (NUMBER_WORDS[token] ?? ROMAN[token]);
}
