import { EmbedBuilder } from 'discord.js';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Choice, Command } from '../src/interactions/types.ts';
import { episodeMenus } from '../src/render/components.ts';
import { clip, entryCode, entryLabel } from '../src/render/labels.ts';
import { message } from '../src/render/reply.ts';
import { lines, plain, quoteUserText } from '../src/render/text.ts';
import { parseStardate, type Dated } from '../src/search/stardate-index.ts';

const definition = slashCommand('stardate', 'Episodes and films whose stardate is nearest a value, era by era')
  .addStringOption((o) =>
    o
      .setName('value')
      .setDescription('A stardate such as 41153.7 (TNG era), 1513.1 (TOS era) or 2258.42 (Kelvin films)')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(40),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

/** Nearest per era when several eras fit the value; more when only one does. */
const PER_ERA = { several: 5, one: 10 } as const;

function line(d: Dated, value: number): string {
  const exact = d.value === value ? ' ◀ exact' : '';
  return `\`${d.written}\` · \`${entryCode(d.entry)}\` ${plain(d.entry.title)}${exact}`;
}

export const stardate: Command = {
  definition,
  run(ctx, options) {
    const text = options.string('value') ?? '';
    const parsed = parseStardate(text);
    if ('problem' in parsed) {
      throw new OptionError(parsed.problem.startsWith('is not') ? `“${quoteUserText(text, 40)}” ${parsed.problem}` : parsed.problem);
    }
    const { value } = parsed;
    const index = ctx.dex.stardates;
    if (index.eras.length === 0) throw new OptionError('The loaded index has no stardates.');
    const fitting = index.nearest(value, PER_ERA.one);
    const answer = fitting.eras.length > 1 ? index.nearest(value, PER_ERA.several) : fitting;
    const intro = !answer.fitted
      ? `No era writes its stardates with this many digits, so here is the nearest of each era.`
      : answer.eras.length > 1
        ? `Stardate ${parsed.written} fits more than one era's stardates, so here is the nearest of each.`
        : `The episodes and films nearest stardate ${parsed.written}.`;
    const embed = new EmbedBuilder()
      .setColor(0x4f7cac)
      .setTitle(clip(`Stardate ${parsed.written}`, 256))
      .setDescription(intro)
      .addFields(
        answer.eras.map(({ era, nearest }) => ({
          name: clip(`${era.name} · ${era.members.join(', ')}`, 256),
          value: lines(
            nearest.map((d) => line(d, value)),
            1024,
          ),
        })),
      )
      .setFooter({ text: 'Stardates as the episodes and films give them; many stories have none.' });
    const shown = [...new Set(answer.eras.flatMap((e) => e.nearest.map((d) => d.entry)))];
    return message(
      { embeds: [embed.toJSON()], components: episodeMenus(shown, 'Open one', ctx.locale) },
      { ephemeral: options.boolean('private') ?? ctx.settings.private },
    );
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (focused?.name !== 'value') return [];
    const typed = focused.value.trim().replace(/^(?:stardate|sd)\s*:?\s*/i, '');
    if (!/^\d[\d.]*$/.test(typed)) return [];
    return ctx.dex.stardates.startingWith(typed).map((d): Choice => ({ name: clip(`${d.written} · ${entryLabel(d.entry, 90)}`, 100), value: d.written }));
  },
};
