/** The in-memory shape of a loaded catalog. Links point both ways so a card can be drawn from any node. */
export interface Credited {
  text: string;
  credit: string;
}

export interface Pack {
  id: string;
  name: string;
  franchiseIndex?: { label: string; url: string };
  links: { label: string; url: string }[];
  source: string;
  series: Series[];
}

export interface Series {
  id: string;
  code: string;
  title: string;
  aliases: string[];
  firstYear: number;
  lastYear?: number;
  network?: string;
  creators: string[];
  country?: string;
  language?: string;
  blurb?: Credited;
  index?: string;
  /** The file it was loaded from, for reports that point at what to edit. */
  file: string;
  pack: Pack;
  seasons: Season[];
  episodes: Episode[];
}

export interface Season {
  number: number;
  index?: string;
  series: Series;
  episodes: Episode[];
}

export interface Episode {
  /** Stable across restarts and data reloads: it travels in custom ids and autocomplete values. */
  id: string;
  /** S02E02 */
  code: string;
  number: number;
  title: string;
  /** YYYY-MM-DD, a calendar day with no time zone. */
  releaseDate: string;
  runtimeMinutes?: number;
  page?: string;
  country?: string;
  language?: string;
  /** One spoiler-free sentence of premise. */
  logline?: string;
  /** The whole story, ending included: shown behind spoiler bars. */
  synopsis?: Credited;
  /** Why the logline or synopsis is still missing. */
  textsPending?: string;
  series: Series;
  season: Season;
  /** Position in series.episodes, for previous/next. */
  position: number;
}

export function episodeCode(season: number, episode: number): string {
  return `S${String(season).padStart(2, '0')}E${String(episode).padStart(2, '0')}`;
}

export function episodeId(seriesId: string, season: number, episode: number): string {
  return `${seriesId}-${episodeCode(season, episode).toLowerCase()}`;
}
