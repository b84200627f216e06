/** "S02E02", "s2e2", "2x02", "season 2 episode 2": the ways people write an episode's position. */
export interface EpisodeCodeQuery {
  /** Whatever came before the code, folded: a series name, or "" for none. */
  seriesText: string;
  season: number;
  episode: number;
}

const CODES = ['s ?(\\d{1,3}) ?e ?(\\d{1,4})', '(\\d{1,3}) ?x ?(\\d{1,4})', 'season (\\d{1,3}) episode (\\d{1,4})'];
/** The series may come before the code ("pic 2x02") or after it ("2x02 pic"). */
const BEFORE = CODES.map((code) => new RegExp(`^(?:(.*?) )?${code}$`));
const AFTER = CODES.map((code) => new RegExp(`^${code} (.+)$`));
/** Expects text already passed through normalize(). */
export function parseEpisodeCode(folded: string): EpisodeCodeQuery | undefined {
  for (const pattern of BEFORE) {
    const match = pattern.exec(folded);
    if (match) return { seriesText: match[1] ?? '', season: Number(match[2]), episode: Number(match[3]) };
  }
  for (const pattern of AFTER) {
    const match = pattern.exec(folded);
    if (match) return { seriesText: match[3]!, season: Number(match[1]), episode: Number(match[2]) };
  }
  return undefined;
}

/**
 * "tng101", "tng 101", "ds9 0412": a series name, then one or two digits of season and two of
 * episode. Only a code when what precedes the digits names a series (`isSeries`), so the digits of
 * "the siege of ar 558" stay part of a title; the last three digits are tried before the last four,
 * so "ds9101" reads as DS9 and 101, not DS and 9101.
 */
export function parseCompactCode(folded: string, isSeries: (text: string) => boolean): EpisodeCodeQuery | undefined {
  const digits = /\d+$/.exec(folded)?.[0] ?? '';
  for (const length of [3, 4]) {
    if (digits.length < length) break;
    const head = folded.slice(0, folded.length - length).trimEnd();
    if (!head || !isSeries(head)) continue;
    const code = folded.slice(folded.length - length);
    return { seriesText: head, season: Number(code.slice(0, -2)), episode: Number(code.slice(-2)) };
  }
  return undefined;
}
