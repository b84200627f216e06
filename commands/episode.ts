import { entryCard } from '../src/render/entry-card.ts';
import { episodeCard } from '../src/render/episode-card.ts';
import { filmCard } from '../src/render/film-card.ts';
import { seriesCard } from '../src/render/series-card.ts';
import { episodeChoices } from '../src/render/choices.ts';
import { episodeLabel } from '../src/render/labels.ts';
import { message, notice, update } from '../src/render/reply.ts';
import { plain, quoteUserText } from '../src/render/text.ts';
import { EPISODE_IDS } from '../src/interactions/component-ids.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Command, CommandContext } from '../src/interactions/types.ts';

const definition = slashCommand(EPISODE_IDS.command, 'Show an episode: synopsis (as a spoiler), release date, running time and links')
  .addStringOption((o) =>
    o
      .setName('query')
      .setDescription('A title, an episode code (S02E02, pic 2x02) or part of a title')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(200),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

/**
 * Opens one episode in place of the message a button or menu belongs to (Previous/Next, pick lists).
 * Lists that mix episodes and films (search, on this day, stardate) carry entry refs, so a film opens too.
 */
export function openEpisode(ctx: CommandContext, ref: string | undefined) {
  const entry = ref ? ctx.catalog.entry(ref) : undefined;
  if (!entry) return notice('That episode is no longer in the index. Try `/episode` to look it up again.');
  return update(entryCard(ctx, entry));
}

export const episode: Command = {
  definition,
  run(ctx, options) {
    const query = options.string('query');
    if (!query?.trim()) throw new OptionError('Tell me which episode: a title like `penance`, or a code like `pic s02e02`.');
    const ephemeral = options.boolean('private') ?? ctx.settings.private;
    const found = ctx.dex.episodes.resolve(query, { preferSeries: ctx.settings.defaultSeries });
    // A series' name, when no title is exactly that: point at the series rather than guess an episode.
    const named = found.kind === 'none' || found.kind === 'fuzzy' ? ctx.dex.catalog.findSeries(query) : undefined;
    if (named) {
      const hint = `“${quoteUserText(query)}” is a series, so here is its overview. Pick a season below, or ask for an episode by title or code, for example \`${named.code.toLowerCase()} 1x01\`.`;
      return message({ ...seriesCard(ctx, named), content: hint }, { ephemeral });
    }
    // A film's exact title: its card, rather than a guess at an episode.
    const film = found.kind === 'none' || found.kind === 'fuzzy' ? ctx.dex.films.named(query) : undefined;
    if (film) {
      const hint = `“${quoteUserText(query)}” is a film, so here is its card. \`/film\` looks up films directly.`;
      return message({ ...filmCard(ctx, film), content: hint }, { ephemeral });
    }
    if (found.kind === 'none') {
      const closest = found.suggestions.map((e) => `• ${plain(episodeLabel(e))}`).join('\n');
      return notice(
        `Nothing in the index matched “${quoteUserText(query)}”.` +
          (closest ? `\nClosest titles:\n${closest}` : '\nTry a title like `penance` or a code like `pic s02e02`.'),
      );
    }
    const card = episodeCard(ctx, found.episode, found.alternatives);
    // An exact match is the reused card itself, so its reply is shared too; a guess carries a note.
    return message(found.kind === 'fuzzy' ? { ...card, content: `Closest match for “${quoteUserText(query)}”:` } : card, { ephemeral });
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (focused?.name !== 'query') return [];
    return episodeChoices(ctx.dex.episodes.autocomplete(focused.value, { preferSeries: ctx.settings.defaultSeries }));
  },
  component(ctx, action, args, values) {
    if (action === 'show') return openEpisode(ctx, args[0]);
    if (action === 'pick') return openEpisode(ctx, values[0]);
    return notice('This button is from an older version of TrekDex. Run the command again.');
  },
};
