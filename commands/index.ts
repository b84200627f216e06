import type { Command } from '../src/interactions/types.ts';
import { episode } from './episode.ts';
import { film } from './film.ts';
import { helpCommand } from './help.ts';
import { onthisday } from './onthisday.ts';
import { random } from './random.ts';
import { rewatch } from './rewatch.ts';
import { search } from './search.ts';
import { season } from './season.ts';
import { series } from './series.ts';
import { stardate } from './stardate.ts';
import { settings } from './settings.ts';

/** Every command TrekDex registers and answers, in the order /help lists them. */
export const commands: readonly Command[] = [
  episode,
  film,
  series,
  season,
  search,
  stardate,
  random,
  onthisday,
  rewatch,
  settings,
  helpCommand(() => commands),
];
