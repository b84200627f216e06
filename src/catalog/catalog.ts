import { normalize } from '../search/normalize.ts';
import type { Entry, Episode, Film, Pack, Series } from './model.ts';

/** Read-only view over the loaded packs with the lookups every command needs. */
export class Catalog {
  readonly series: Series[];
  readonly episodes: Episode[];
  /** Every pack's films, in pack order and then release order. */
  readonly films: Film[];
  /** Episodes, then films: what plot search and /stardate look through. */
  readonly entries: Entry[];
  private readonly filmById = new Map<string, Film>();
  private readonly episodeById = new Map<string, Episode>();
  private readonly seriesById = new Map<string, Series>();
  private readonly seriesByName = new Map<string, Series>();

  constructor(readonly packs: Pack[]) {
    this.series = packs.flatMap((pack) => pack.series);
    this.episodes = this.series.flatMap((series) => series.episodes);
    this.films = packs.flatMap((pack) => pack.films);
    this.entries = [...this.episodes, ...this.films];
    for (const film of this.films) this.filmById.set(film.id, film);
    for (const episode of this.episodes) this.episodeById.set(episode.id, episode);
    for (const series of this.series) {
      this.seriesById.set(series.id, series);
      for (const name of seriesNames(series)) {
        const key = normalize(name);
        if (key && !this.seriesByName.has(key)) this.seriesByName.set(key, series);
      }
    }
  }

  episode(id: string): Episode | undefined {
    return this.episodeById.get(id);
  }

  film(id: string): Film | undefined {
    return this.filmById.get(id);
  }

  /** An episode by id or a film by `film:<id>`, the values menus and choices carry (see entryRef). */
  entry(ref: string): Entry | undefined {
    return ref.startsWith(FILM_REF) ? this.film(ref.slice(FILM_REF.length)) : this.episode(ref);
  }

  seriesFor(id: string): Series | undefined {
    return this.seriesById.get(id);
  }

  /** A series by id, code, title or alias, folded the way people type ("Deep Space 9", "ds9"). */
  findSeries(name: string): Series | undefined {
    return this.seriesById.get(name) ?? this.seriesByName.get(normalize(name));
  }

  /** Every folded name a series answers to, longest first, for splitting "picard penance". */
  seriesNameEntries(): [string, Series][] {
    return [...this.seriesByName.entries()].sort((a, b) => b[0].length - a[0].length);
  }

  previous(episode: Episode): Episode | undefined {
    return episode.series.episodes[episode.position - 1];
  }

  next(episode: Episode): Episode | undefined {
    return episode.series.episodes[episode.position + 1];
  }
}

const FILM_REF = 'film:';

/** How a menu option or choice names an entry: an episode by its id (which never holds a colon), a film as `film:<id>`. */
export function entryRef(entry: Entry): string {
  return entry.kind === 'film' ? FILM_REF + entry.id : entry.id;
}

/** The names a series answers to besides its aliases: id, code, full title, and the title without the franchise. */
export function seriesNames(series: Series): string[] {
  const names = [series.id, series.code, series.title, ...series.aliases];
  const colon = series.title.indexOf(':');
  if (colon > 0) names.push(series.title.slice(colon + 1));
  return names;
}
