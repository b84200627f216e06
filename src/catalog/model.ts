/** The in-memory shape of a loaded catalog. Links point both ways so a card can be drawn from any node. */
export interface Credited {
  text: string;
  credit: string;
}

export interface Pack {
  id: string;
  name: string;
  franchiseIndex?: { label: string; url: string };
  filmsIndex?: { label: string; url: string };
  links: { label: string; url: string }[];
  source: string;
  series: Series[];
  /** The pack's films in release order; a pack may have none. */
  films: Film[];
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

/** Facts from the reference that a card may show, each only when the reference has it and does not doubt it. */
export interface ReferenceFacts {
  /** As the reference writes it: "41153.7", or two values "2291.6, 58460.1". */
  stardate?: string;
  /** The stardate(s) as numbers, for /stardate. Empty when there is none or it is doubted. */
  stardates: number[];
  imdb?: string;
}

export interface Episode extends ReferenceFacts {
  kind: 'episode';
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
  productionCode?: string;
  /** When the remastered version was first shown (The Original Series). */
  remasteredDate?: string;
  series: Series;
  season: Season;
  /** Position in series.episodes, for previous/next. */
  position: number;
}

export interface Film extends ReferenceFacts {
  kind: 'film';
  /** Stable like an episode id: "the-wrath-of-khan". */
  id: string;
  title: string;
  /** Other names people use: "Star Trek 2", "TWOK". */
  aliases: string[];
  releaseDate: string;
  runtimeMinutes?: number;
  director?: string;
  /** "Kelvin" for the films set in the alternate timeline; absent for the prime timeline. */
  timeline?: string;
  page?: string;
  logline?: string;
  synopsis?: Credited;
  textsPending?: string;
  pack: Pack;
  /** Position in pack.films (release order), for previous/next. */
  position: number;
}

/** What the title and plot indexes hold: anything with a title and a story. */
export type Entry = Episode | Film;

export function episodeCode(season: number, episode: number): string {
  return `S${String(season).padStart(2, '0')}E${String(episode).padStart(2, '0')}`;
}

export function episodeId(seriesId: string, season: number, episode: number): string {
  return `${seriesId}-${episodeCode(season, episode).toLowerCase()}`;
}
