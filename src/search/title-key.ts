import { normalize } from './normalize.ts';

const LEADING_ARTICLE = /^(the|a|an) /;
const PART_SUFFIX = / (part )?(\d{1,2}|[ivx]{1,4}|one|two|three)$/;

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
  return folded.includes(' ') ? folded.replace(PART_SUFFIX, '').replace(/ part$/, '') : folded;
}
