/** "S02E02", "s2e2", "2x02", "season 2 episode 2": the ways people write an episode's position. */
export interface EpisodeCodeQuery {
  /** Whatever came before the code, folded: a series name, or "" for none. */
  seriesText: string;
  season: number;
  episode: number;
}

const PATTERNS = [/^(?:(.*?) )?s ?(\d{1,3}) ?e ?(\d{1,4})$/, /^(?:(.*?) )?(\d{1,3}) ?x ?(\d{1,4})$/, /^(?:(.*?) )?season (\d{1,3}) episode (\d{1,4})$/];

/** Expects text already passed through normalize(). */
export function parseEpisodeCode(folded: string): EpisodeCodeQuery | undefined {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(folded);
    if (match) return { seriesText: match[1] ?? '', season: Number(match[2]), episode: Number(match[3]) };
  }
  return undefined;
}
