import { filmChoices } from '../src/render/choices.ts';
import { filmCard } from '../src/render/film-card.ts';
import { filmLabel } from '../src/render/labels.ts';
import { message, notice, update } from '../src/render/reply.ts';
import { plain, quoteUserText } from '../src/render/text.ts';
import { FILM_IDS } from '../src/interactions/component-ids.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Command, CommandContext } from '../src/interactions/types.ts';

const definition = slashCommand(FILM_IDS.command, 'Show a film: synopsis (as a spoiler), release date, running time, director and links')
  .addStringOption((o) =>
    o
      .setName('title')
      .setDescription('A title or part of one: "wrath of khan", "star trek 2", "first contact"')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(200),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

function openFilm(ctx: CommandContext, id: string | undefined) {
  const film = id ? ctx.catalog.film(id) : undefined;
  if (!film) return notice('That film is no longer in the index. Try `/film` to look it up again.');
  return update(filmCard(ctx, film));
}

export const film: Command = {
  definition,
  run(ctx, options) {
    const query = options.string('title');
    if (!query?.trim()) throw new OptionError('Tell me which film: a title like `the wrath of khan`, or `star trek 2`.');
    if (ctx.catalog.films.length === 0) return notice('The loaded index has no films.');
    const found = ctx.dex.films.resolve(query);
    if (found.kind === 'none') {
      const closest = found.suggestions.map((f) => `• ${plain(filmLabel(f))}`).join('\n');
      return notice(
        `No film in the index matched “${quoteUserText(query)}”.` + (closest ? `\nClosest titles:\n${closest}` : '\nStart typing to see the films I know.'),
      );
    }
    const card = filmCard(ctx, found.film, found.alternatives);
    const ephemeral = options.boolean('private') ?? ctx.settings.private;
    return message(found.kind === 'fuzzy' ? { ...card, content: `Closest match for “${quoteUserText(query)}”:` } : card, { ephemeral });
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    return focused?.name === 'title' ? filmChoices(ctx.dex.films.autocomplete(focused.value)) : [];
  },
  component(ctx, action, args, values) {
    if (action === 'show') return openFilm(ctx, args[0]);
    if (action === 'pick') return openFilm(ctx, values[0]);
    return notice('This button is from an older version of TrekDex. Run the command again.');
  },
};
