import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  StringSelectMenuBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
} from 'discord.js';
import { entryRef } from '../catalog/catalog.ts';
import type { Entry } from '../catalog/model.ts';
import { EPISODE_IDS } from '../interactions/component-ids.ts';
import { clip, entryCode, entryLabel } from './labels.ts';
import { formatCalendarDate } from './dates.ts';

export type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface Link {
  label: string;
  url: string;
}

/** Link buttons, five to a row as Discord allows. */
export function linkRows(links: Link[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < links.length && rows.length < 5; i += 5) {
    const buttons = links.slice(i, i + 5).map((link) => new ButtonBuilder().setStyle(ButtonStyle.Link).setLabel(clip(link.label, 80)).setURL(link.url));
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON());
  }
  return rows;
}

/** "S01E01–S01E25", or just "S03E26" for a one-episode slice. */
function range(slice: readonly Entry[]): string {
  const code = (entry: Entry) => (entry.kind === 'film' ? entryCode(entry) : entry.code);
  const first = code(slice[0]!);
  const last = code(slice.at(-1)!);
  return first === last ? first : `${first}–${last}`;
}

/**
 * Select menus that open an episode or a film, 25 options each. The custom id carries no state beyond the
 * chosen value, so any process can answer the click.
 */
export function episodeMenus(episodes: readonly Entry[], placeholder: string, locale: string, maxMenus = 1): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < episodes.length && rows.length < maxMenus; i += 25) {
    const slice = episodes.slice(i, i + 25);
    const menu = new StringSelectMenuBuilder()
      .setCustomId(EPISODE_IDS.build('pick', rows.length))
      .setPlaceholder(clip(maxMenus > 1 && episodes.length > 25 ? `${placeholder} (${range(slice)})` : placeholder, 150))
      .addOptions(
        slice.map((episode) => ({
          label: entryLabel(episode),
          value: entryRef(episode),
          description: formatCalendarDate(episode.releaseDate, locale),
        })),
      );
    rows.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON());
  }
  return rows;
}
