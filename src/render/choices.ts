import type { Episode, Film, Series } from '../catalog/model.ts';
import type { Choice } from '../interactions/types.ts';
import { clip, episodeLabel, filmLabel } from './labels.ts';

export function episodeChoices(episodes: Episode[]): Choice[] {
  return episodes.slice(0, 25).map((episode) => ({ name: episodeLabel(episode), value: episode.id }));
}

export function filmChoices(films: Film[]): Choice[] {
  return films.slice(0, 25).map((film) => ({ name: filmLabel(film), value: film.id }));
}

export function seriesChoices(series: Series[]): Choice[] {
  return series.slice(0, 25).map((s) => ({ name: clip(`${s.code} · ${s.title} (${years(s)})`, 100), value: s.id }));
}

export function years(series: Series): string {
  if (series.lastYear === series.firstYear) return String(series.firstYear);
  return `${series.firstYear}–${series.lastYear ?? ''}`;
}
