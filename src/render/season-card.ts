import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Episode, Season } from '../catalog/model.ts';
import { SEASON_IDS, SERIES_IDS } from '../interactions/component-ids.ts';
import type { RenderContext } from './context.ts';
import { seriesColour } from './colour.ts';
import { episodeMenus, linkRows, type Link, type Row } from './components.ts';
import { formatCalendarDate } from './dates.ts';
import { clip } from './labels.ts';
import type { MessageData } from './reply.ts';
import { plain } from './text.ts';

/**
 * A page's description stays well under Discord's 4096, so the embed (title, author, footer) stays
 * under the 6000 a message may carry; 25 entries a page, so one select menu opens any of them.
 */
const PAGE_CHARS = 3900;
const PAGE_ENTRIES = 25;

function entry(episode: Episode, locale: string): string {
  const head = `\`${episode.code}\` **${plain(episode.title)}** · ${formatCalendarDate(episode.releaseDate, locale)}`;
  return episode.logline ? `${head}\n${plain(episode.logline)}` : head;
}

/** Splits a season's entries into pages without cutting an entry or dropping one. */
export function seasonPages(season: Season, locale: string): Episode[][] {
  const pages: Episode[][] = [];
  let page: Episode[] = [];
  let used = 0;
  for (const episode of season.episodes) {
    const size = entry(episode, locale).length + 2;
    if (page.length > 0 && (used + size > PAGE_CHARS || page.length === PAGE_ENTRIES)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(episode);
    used += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function pageButton(season: Season, target: number, label: string, disabled: boolean): ButtonBuilder {
  return new ButtonBuilder()
    .setStyle(ButtonStyle.Secondary)
    .setCustomId(SEASON_IDS.build('page', season.series.id, season.number, target))
    .setLabel(label)
    .setDisabled(disabled);
}

/** `/season`: every episode with its code, title, date and logline, a page at a time, and a menu to open one. */
export function seasonCard(ctx: RenderContext, season: Season, pageNumber = 0): MessageData {
  const { series } = season;
  const pages = seasonPages(season, ctx.locale);
  const index = Math.min(Math.max(0, pageNumber), pages.length - 1);
  const shown = pages[index]!;
  const paging = pages.length > 1 ? ` · page ${index + 1} of ${pages.length}` : '';
  const embed = new EmbedBuilder()
    .setColor(seriesColour(series.id))
    .setAuthor({ name: clip(series.title, 256), ...(series.index ? { url: series.index } : {}) })
    .setTitle(`Season ${season.number}`)
    .setDescription(shown.map((e) => entry(e, ctx.locale)).join('\n\n'))
    .setFooter({ text: clip(`${series.pack.name} · ${series.code} · ${season.episodes.length} episodes${paging}`, 2048) });
  if (season.index) embed.setURL(season.index);
  const links: Link[] = [];
  if (season.index) links.push({ label: `Season ${season.number} index`, url: season.index });
  if (series.index) links.push({ label: `${series.title} index`, url: series.index });
  const rows: Row[] = linkRows(links);
  const nav = new ActionRowBuilder<ButtonBuilder>();
  if (pages.length > 1) {
    nav.addComponents(
      pageButton(season, Math.max(0, index - 1), '◀ Previous page', index === 0),
      pageButton(season, Math.min(pages.length - 1, index + 1), 'Next page ▶', index === pages.length - 1),
    );
  }
  // The way back to the series card, wherever the season was opened from.
  nav.addComponents(
    new ButtonBuilder()
      .setStyle(ButtonStyle.Secondary)
      .setCustomId(SERIES_IDS.build('show', series.id))
      .setLabel(clip(`${series.code} overview`, 80)),
  );
  rows.push(nav.toJSON());
  return { embeds: [embed.toJSON()], components: [...rows, ...episodeMenus(shown, 'Open an episode', ctx.locale)] };
}
