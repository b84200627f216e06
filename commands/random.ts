import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Entry } from '../src/catalog/model.ts';
import { RANDOM_IDS } from '../src/interactions/component-ids.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import type { Choice, Command, CommandContext } from '../src/interactions/types.ts';
import { normalize } from '../src/search/normalize.ts';
import { seriesChoices } from '../src/render/choices.ts';
import { entryCard } from '../src/render/entry-card.ts';
import { message, notice, update, type MessageData } from '../src/render/reply.ts';
import { quoteUserText } from '../src/render/text.ts';

const definition = slashCommand(RANDOM_IDS.command, 'A random episode or film, from everything, one series or season, or the films')
  .addStringOption((o) => o.setName('series').setDescription('Only this series, or "films"').setAutocomplete(true).setMaxLength(100))
  .addIntegerOption((o) => o.setName('season').setDescription('Only this season (needs a series)').setMinValue(0).setMaxValue(999))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

type Pool = { episodes: readonly Entry[]; seriesId: string; season: string } | { problem: string };

/** What the series option takes to mean the films; also the value of its "Films" choice. */
const FILMS = 'films';
const FILM_WORDS = new Set(['films', 'film', 'movies', 'movie']);

/** The filter travels in the "Another one" button's custom id, so any process can answer the click. */
function pool(ctx: CommandContext, seriesText: string | undefined, season: number | undefined): Pool {
  if (seriesText && FILM_WORDS.has(normalize(seriesText)) && ctx.catalog.films.length > 0) {
    if (season !== undefined) return { problem: 'Films have no seasons: leave `season` out to get a random film.' };
    return { episodes: ctx.catalog.films, seriesId: FILMS, season: '*' };
  }
  const series = seriesText ? ctx.dex.series.find(seriesText) : undefined;
  if (seriesText && !series) return { problem: `No series matched “${quoteUserText(seriesText)}”. Start typing to see the series I know.` };
  if (season !== undefined && !series) return { problem: 'Pick a series too when you ask for a season, for example `series:tng season:3`.' };
  if (!series) return { episodes: ctx.catalog.entries, seriesId: '*', season: '*' };
  if (season === undefined) return { episodes: series.episodes, seriesId: series.id, season: '*' };
  const found = series.seasons.find((s) => s.number === season);
  if (!found) return { problem: `${series.title} has no season ${season}.` };
  return { episodes: found.episodes, seriesId: series.id, season: String(season) };
}

function randomCard(ctx: CommandContext, chosen: Exclude<Pool, { problem: string }>): MessageData {
  const episode = chosen.episodes[Math.floor(ctx.random() * chosen.episodes.length)]!;
  const card = entryCard(ctx, episode);
  const again = new ButtonBuilder()
    .setStyle(ButtonStyle.Primary)
    .setCustomId(RANDOM_IDS.build('again', chosen.seriesId, chosen.season))
    .setEmoji('🎲')
    .setLabel('Another one');
  return { ...card, components: [...(card.components ?? []), new ActionRowBuilder<ButtonBuilder>().addComponents(again).toJSON()] };
}

export const random: Command = {
  definition,
  cooldown: 3,
  buttonCooldown: 1,
  run(ctx, options) {
    const chosen = pool(ctx, options.string('series'), options.integer('season'));
    if ('problem' in chosen) return notice(chosen.problem);
    return message(randomCard(ctx, chosen), { ephemeral: options.boolean('private') ?? ctx.settings.private });
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (focused?.name !== 'series') return [];
    const choices: Choice[] = seriesChoices(ctx.dex.series.suggest(focused.value));
    const typed = normalize(focused.value);
    const offerFilms = ctx.catalog.films.length > 0 && (!typed || [...FILM_WORDS].some((w) => w.startsWith(typed)));
    return offerFilms ? [...choices.slice(0, 24), { name: `Films (${ctx.catalog.films.length})`, value: FILMS }] : choices;
  },
  component(ctx, action, args) {
    const [seriesId, season] = args;
    const valid = action === 'again' && seriesId !== undefined && season !== undefined && (season === '*' || /^\d{1,3}$/.test(season));
    if (!valid || (seriesId !== '*' && seriesId !== FILMS && !ctx.catalog.seriesFor(seriesId)))
      return notice('This button no longer works. Run `/random` again.');
    const chosen = pool(ctx, seriesId === '*' ? undefined : seriesId, season === '*' ? undefined : Number(season));
    return 'problem' in chosen ? notice(chosen.problem) : update(randomCard(ctx, chosen));
  },
};
