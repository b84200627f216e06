import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, StringSelectMenuBuilder } from 'discord.js';
import type { Film } from '../catalog/model.ts';
import { FILM_IDS } from '../interactions/component-ids.ts';
import { CardCache } from './card-cache.ts';
import { linkRows, type Link, type Row } from './components.ts';
import type { RenderContext } from './context.ts';
import { formatCalendarDate } from './dates.ts';
import { clip, filmLabel } from './labels.ts';
import type { MessageData } from './reply.ts';
import { imdbLink, storyText } from './story.ts';
import { lines, plain } from './text.ts';

/** One colour for every film, apart from the series' palette. */
const FILM_COLOUR = 0x9b59b6;

export function filmLinks(film: Film): Link[] {
  const links: Link[] = [];
  if (film.page) links.push({ label: 'Memory Alpha', url: film.page });
  if (film.pack.filmsIndex) links.push(film.pack.filmsIndex);
  if (film.pack.franchiseIndex) links.push(film.pack.franchiseIndex);
  if (film.imdb) links.push(imdbLink(film.imdb));
  return links;
}

function navigation(film: Film): Row | undefined {
  const films = film.pack.films;
  const button = (target: Film | undefined, emoji: string) =>
    target &&
    new ButtonBuilder().setStyle(ButtonStyle.Secondary).setCustomId(FILM_IDS.build('show', target.id)).setEmoji(emoji).setLabel(clip(target.title, 80));
  const buttons = [button(films[film.position - 1], '◀️'), button(films[film.position + 1], '▶️')].filter((b) => b !== undefined);
  return buttons.length ? new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON() : undefined;
}

/** A menu of other films that match; the custom id holds nothing but the film family. */
function filmMenu(films: Film[], locale: string): Row {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(FILM_IDS.build('pick'))
    .setPlaceholder('Open another match')
    .addOptions(films.slice(0, 25).map((f) => ({ label: filmLabel(f), value: f.id, description: formatCalendarDate(f.releaseDate, locale) })));
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON();
}

const cards = new CardCache<Film>(200);

/** The film card, reused and frozen like the episode card (see card-cache.ts). */
export function filmCard(ctx: RenderContext, film: Film, alternatives: Film[] = []): MessageData {
  return cards.card(ctx, film, alternatives, (hidden) => renderFilmCard(ctx, film, alternatives, hidden));
}

function renderFilmCard(ctx: RenderContext, film: Film, alternatives: Film[], hidden: boolean): MessageData {
  const embed = new EmbedBuilder()
    .setColor(FILM_COLOUR)
    .setAuthor({ name: clip(`${film.pack.name} films`, 256), ...(film.pack.filmsIndex ? { url: film.pack.filmsIndex.url } : {}) })
    .setTitle(clip(film.title, 256))
    .setDescription(storyText(film, hidden))
    .addFields({ name: 'Released', value: formatCalendarDate(film.releaseDate, ctx.locale), inline: true });
  if (film.page) embed.setURL(film.page);
  if (film.runtimeMinutes) embed.addFields({ name: 'Running time', value: `${film.runtimeMinutes} min`, inline: true });
  if (film.director) embed.addFields({ name: 'Directed by', value: clip(film.director, 1024), inline: true });
  if (film.stardate) embed.addFields({ name: 'Stardate', value: film.stardate, inline: true });
  if (film.timeline) embed.addFields({ name: 'Timeline', value: clip(film.timeline, 1024), inline: true });
  embed.addFields({ name: 'Position', value: `Film ${film.position + 1} of ${film.pack.films.length}, in order of release`, inline: false });
  if (alternatives.length > 0) {
    embed.addFields({
      name: 'Also matches',
      value: lines(
        alternatives.map((f) => plain(filmLabel(f))),
        1024,
      ),
    });
  }
  const credit = film.synopsis ? ` · Synopsis: ${film.synopsis.credit}` : '';
  embed.setFooter({ text: clip(`${film.pack.name} · Film${credit}`, 2048) });
  const components: Row[] = linkRows(filmLinks(film));
  const nav = navigation(film);
  if (nav) components.push(nav);
  if (alternatives.length > 0) components.push(filmMenu(alternatives, ctx.locale));
  return { embeds: [embed.toJSON()], components };
}
