import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import { CardCache } from './card-cache.ts';
import type { Episode } from '../catalog/model.ts';
import { EPISODE_IDS } from '../interactions/component-ids.ts';
import type { RenderContext } from './context.ts';
import { episodeMenus, linkRows, type Link, type Row } from './components.ts';
import { formatCalendarDate } from './dates.ts';
import { imdbLink, storyText } from './story.ts';
import { clip, episodeLabel } from './labels.ts';
import type { MessageData } from './reply.ts';
import { lines, plain } from './text.ts';
import { seriesColour } from './colour.ts';

/**
 * "Season 2, episode 2 of 10". An episode 0 (The Cage, a pilot before the numbered run) is named as
 * what it is, and the count is of the numbered episodes only.
 */
export function positionInSeason(episode: Episode): string {
  const numbered = episode.season.episodes.filter((e) => e.number > 0).length;
  const where = `Season ${episode.season.number}`;
  return episode.number === 0 ? `${where}, pilot before episode 1 (episode 0)` : `${where}, episode ${episode.number} of ${numbered}`;
}

export function episodeLinks(episode: Episode): Link[] {
  const links: Link[] = [];
  const { season, series } = episode;
  if (season.index) links.push({ label: `Season ${season.number} index`, url: season.index });
  if (series.index) links.push({ label: `${series.title} index`, url: series.index });
  if (series.pack.franchiseIndex) links.push(series.pack.franchiseIndex);
  if (episode.imdb) links.push(imdbLink(episode.imdb));
  return links;
}

function navigationButton(target: Episode, emoji: string): ButtonBuilder {
  return new ButtonBuilder()
    .setStyle(ButtonStyle.Secondary)
    .setCustomId(EPISODE_IDS.build('show', target.id))
    .setEmoji(emoji)
    .setLabel(clip(`${target.code} · ${target.title}`, 80));
}

function navigationRow(ctx: RenderContext, episode: Episode): Row | undefined {
  const previous = ctx.catalog.previous(episode);
  const next = ctx.catalog.next(episode);
  const buttons = [previous && navigationButton(previous, '◀️'), next && navigationButton(next, '▶️')].filter((b) => b !== undefined);
  return buttons.length ? new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON() : undefined;
}

const cards = new CardCache<Episode>(2_000);

/** The episode card: what `/episode`, `/random`, a rewatch post and every Previous/Next click show (reused, frozen). */
export function episodeCard(ctx: RenderContext, episode: Episode, alternatives: Episode[] = []): MessageData {
  return cards.card(ctx, episode, alternatives, (hidden) => renderEpisodeCard(ctx, episode, alternatives, hidden));
}

function renderEpisodeCard(ctx: RenderContext, episode: Episode, alternatives: Episode[], hidden: boolean): MessageData {
  const { series } = episode;
  const embed = new EmbedBuilder()
    .setColor(seriesColour(series.id))
    .setAuthor({ name: clip(series.title, 256), ...(series.index ? { url: series.index } : {}) })
    .setTitle(clip(`${episode.code} · ${episode.title}`, 256))
    .setDescription(storyText(episode, hidden))
    .addFields({ name: 'Released', value: formatCalendarDate(episode.releaseDate, ctx.locale), inline: true });
  if (episode.page) embed.setURL(episode.page);
  if (episode.runtimeMinutes) embed.addFields({ name: 'Running time', value: `${episode.runtimeMinutes} min`, inline: true });
  if (episode.stardate) embed.addFields({ name: 'Stardate', value: episode.stardate, inline: true });
  if (episode.productionCode) embed.addFields({ name: 'Production code', value: clip(episode.productionCode, 1024), inline: true });
  if (episode.remasteredDate) embed.addFields({ name: 'Remastered', value: formatCalendarDate(episode.remasteredDate, ctx.locale), inline: true });
  // Facts the data does not have are left off the card rather than shown as "Unknown".
  if (episode.country) embed.addFields({ name: 'Country', value: clip(episode.country, 1024), inline: true });
  if (episode.language) embed.addFields({ name: 'Language', value: clip(episode.language, 1024), inline: true });
  embed.addFields({
    name: 'Position',
    value: `${positionInSeason(episode)} · ${episode.position + 1} of ${series.episodes.length} in the series`,
    inline: false,
  });
  if (alternatives.length > 0) {
    embed.addFields({
      name: 'Also matches',
      value: lines(
        alternatives.map((e) => plain(episodeLabel(e))),
        1024,
      ),
    });
  }
  const credit = episode.synopsis ? ` · Synopsis: ${episode.synopsis.credit}` : '';
  embed.setFooter({ text: clip(`${series.pack.name} · ${series.code} ${episode.code}${credit}`, 2048) });

  const components: Row[] = linkRows(episodeLinks(episode));
  const navigation = navigationRow(ctx, episode);
  if (navigation) components.push(navigation);
  if (alternatives.length > 0) components.push(...episodeMenus(alternatives, 'Open another match', ctx.locale));
  return { embeds: [embed.toJSON()], components };
}
