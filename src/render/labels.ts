import type { Episode } from '../catalog/model.ts';
import { yearOf } from './dates.ts';

/** "PIC S02E02 · Penance (2022)", at most `max` characters (Discord: 100 for choices and select options). */
export function episodeLabel(episode: Episode, max = 100): string {
  const head = `${episode.series.code} ${episode.code} · `;
  const tail = ` (${yearOf(episode.releaseDate)})`;
  const room = max - head.length - tail.length;
  const title = episode.title.length > room ? `${episode.title.slice(0, room - 1)}…` : episode.title;
  return head + title + tail;
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
