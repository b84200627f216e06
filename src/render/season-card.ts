import { EmbedBuilder } from 'discord.js';
import type { Season } from '../catalog/model.ts';
import type { CommandContext } from '../interactions/types.ts';
import { seriesColour } from './colour.ts';
import { episodeMenus, linkRows, type Link } from './components.ts';
import { formatCalendarDate } from './dates.ts';
import { clip } from './labels.ts';
import type { MessageData } from './reply.ts';
import { lines, plain } from './text.ts';

/** `/season`: every episode with its code, title and date, and menus to open one. */
export function seasonCard(ctx: CommandContext, season: Season): MessageData {
  const { series } = season;
  const list = season.episodes.map((e) => `\`${e.code}\` ${plain(e.title)} · ${formatCalendarDate(e.releaseDate, ctx.locale)}`);
  const embed = new EmbedBuilder()
    .setColor(seriesColour(series.id))
    .setAuthor({ name: clip(series.title, 256), ...(series.index ? { url: series.index } : {}) })
    .setTitle(`Season ${season.number}`)
    .setDescription(lines(list, 4000))
    .setFooter({ text: clip(`${series.pack.name} · ${series.code} · ${season.episodes.length} episodes`, 2048) });
  if (season.index) embed.setURL(season.index);
  const links: Link[] = [];
  if (season.index) links.push({ label: `Season ${season.number} index`, url: season.index });
  if (series.index) links.push({ label: `${series.title} index`, url: series.index });
  const rows = linkRows(links);
  return { embeds: [embed.toJSON()], components: [...rows, ...episodeMenus(season.episodes, 'Open an episode', ctx.locale, 5 - rows.length)] };
}
