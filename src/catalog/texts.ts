/**
 * What a text shown on a card may hold, whoever wrote it. The card escapes markdown, but a spoiler
 * bar, a mention or a masked link in the data would still change what the card says or who it
 * reaches, so such text is refused when the pack loads rather than rendered.
 */
const MARKUP: [RegExp, string][] = [
  [/\|\|/, 'must not contain "||", which would open or close a spoiler'],
  [/<(?:@[!&]?|#|\/[\w -]+:|t:|a?:\w+:)/, 'must not contain Discord mention or timestamp syntax'],
  [/@(?:everyone|here)\b/i, 'must not contain @everyone or @here'],
  [/\[[^\]\n]*\]\([^)\n]*\)/, 'must not contain a masked link ([text](url))'],
  [/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060\ufeff]/, 'must not contain control or invisible characters'],
];

export function markupProblem(text: string): string | undefined {
  for (const [pattern, problem] of MARKUP) if (pattern.test(text)) return problem;
  return undefined;
}

/** A logline is one line of premise: long enough to say something, short enough for a list. */
export const LOGLINE_CHARS = { min: 40, max: 160 } as const;

export function loglineProblem(text: string): string | undefined {
  if (text.length < LOGLINE_CHARS.min || text.length > LOGLINE_CHARS.max) {
    return `is ${text.length} characters (a logline has ${LOGLINE_CHARS.min}-${LOGLINE_CHARS.max})`;
  }
  if (/[\r\n]/.test(text)) return 'must be one line (a logline is one sentence)';
  return markupProblem(text);
}
