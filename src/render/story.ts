import { spoiler } from 'discord.js';
import type { Entry } from '../catalog/model.ts';
import type { Settings } from '../settings.ts';
import { daysSince } from './dates.ts';
import { fit, plain } from './text.ts';

/** Room left in the description for the synopsis once the logline and spoiler bars are in. */
const SYNOPSIS_ROOM = 3800;

/** Whether the server's spoiler policy hides this entry's synopsis now. */
export function hidesSynopsis(entry: Pick<Entry, 'releaseDate'>, settings: Settings, now: Date): boolean {
  switch (settings.spoilers.mode) {
    case 'never':
      return false;
    case 'recent':
      // Still to come counts as recent: nobody has seen it yet.
      return daysSince(entry.releaseDate, now) <= settings.spoilers.days;
    default:
      return true;
  }
}

export function noTexts(entry: Entry): string {
  return `*No logline or synopsis has been written for this ${entry.kind} yet.*`;
}

export function noSynopsis(entry: Entry): string {
  return `*No synopsis has been written for this ${entry.kind} yet.*`;
}

/** The logline in plain sight (it never spoils), then the whole story behind the spoiler bars. */
export function storyText(entry: Entry, hidden: boolean): string {
  const { logline, synopsis } = entry;
  if (!logline && !synopsis) return noTexts(entry);
  const story = synopsis ? fit(plain(synopsis.text), SYNOPSIS_ROOM) : noSynopsis(entry);
  const shown = synopsis && hidden ? spoiler(story) : story;
  return logline ? `${plain(logline)}\n\n${shown}` : shown;
}

/** An IMDb title page; the id is checked at load (tt and digits). */
export function imdbLink(id: string): { label: string; url: string } {
  return { label: 'IMDb', url: `https://www.imdb.com/title/${id}/` };
}
