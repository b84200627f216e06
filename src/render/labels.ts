import type { Entry, Episode, Film } from '../catalog/model.ts';
import { yearOf } from './dates.ts';

/** "PIC S02E02 · Penance (2022)", at most `max` characters (Discord: 100 for choices and select options). */
export function episodeLabel(episode: Episode, max = 100): string {
  const head = `${episode.series.code} ${episode.code} · `;
  const tail = ` (${yearOf(episode.releaseDate)})`;
  const room = max - head.length - tail.length;
  const title = episode.title.length > room ? `${episode.title.slice(0, room - 1)}…` : episode.title;
  return head + title + tail;
}

/** "Film · Star Trek II: The Wrath of Khan (1982)", at most `max` characters. */
export function filmLabel(film: Film, max = 100): string {
  const head = 'Film · ';
  const tail = ` (${yearOf(film.releaseDate)})`;
  return head + clip(film.title, max - head.length - tail.length) + tail;
}

export function entryLabel(entry: Entry, max = 100): string {
  return entry.kind === 'film' ? filmLabel(entry, max) : episodeLabel(entry, max);
}

/** "PIC S02E02" or "Film": how lists name where an entry belongs. */
export function entryCode(entry: Entry): string {
  return entry.kind === 'film' ? 'Film' : `${entry.series.code} ${entry.code}`;
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
