import { EmbedBuilder } from 'discord.js';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Command } from '../src/interactions/types.ts';
import { episodeMenus } from '../src/render/components.ts';
import { formatCalendarDate } from '../src/render/dates.ts';
import { clip, entryCode } from '../src/render/labels.ts';
import { message, notice } from '../src/render/reply.ts';
import { plain, quoteUserText } from '../src/render/text.ts';

const definition = slashCommand('search', 'Find episodes and films by what happens in them or by words of the title')
  .addStringOption((o) =>
    o.setName('text').setDescription('What you remember, e.g. "borg queen execution"').setRequired(true).setMinLength(2).setMaxLength(200),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

export const search: Command = {
  definition,
  cooldown: 5,
  run(ctx, options) {
    const text = options.string('text');
    if (!text?.trim()) throw new OptionError('Tell me what to look for, for example `borg queen execution`.');
    const hits = ctx.dex.plots.search(text, 5);
    if (hits.length === 0) return notice(`No episode or film mentions “${quoteUserText(text)}”. Try fewer or different words.`);
    const list = hits.map(({ entry }, i) => {
      const head = `**${i + 1}.** \`${entryCode(entry)}\` ${plain(entry.title)} · ${formatCalendarDate(entry.releaseDate, ctx.locale)}`;
      return entry.logline ? `${head}\n${plain(entry.logline)}` : head;
    });
    const embed = new EmbedBuilder()
      .setColor(0x4f7cac)
      .setTitle(clip(`Matches for “${quoteUserText(text, 200)}”`, 256))
      .setDescription(list.join('\n\n'))
      .setFooter({ text: 'Pick one below to open its card.' });
    const data = {
      embeds: [embed.toJSON()],
      components: episodeMenus(
        hits.map((h) => h.entry),
        'Open one',
        ctx.locale,
      ),
    };
    return message(data, { ephemeral: options.boolean('private') ?? ctx.settings.private });
  },
};
