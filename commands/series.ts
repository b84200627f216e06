import { SERIES_IDS } from '../src/interactions/component-ids.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Command } from '../src/interactions/types.ts';
import { seriesChoices } from '../src/render/choices.ts';
import { message, notice, update } from '../src/render/reply.ts';
import { seriesCard } from '../src/render/series-card.ts';
import { quoteUserText } from '../src/render/text.ts';

const definition = slashCommand(SERIES_IDS.command, 'Summary of a series: creators, years, seasons and episode counts')
  .addStringOption((o) =>
    o.setName('name').setDescription('Series name or short code (picard, tng, ds9…)').setRequired(true).setAutocomplete(true).setMaxLength(100),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

export const series: Command = {
  definition,
  run(ctx, options) {
    const name = options.string('name');
    if (!name?.trim()) throw new OptionError('Tell me which series, for example `picard` or `tng`.');
    const found = ctx.dex.series.find(name);
    if (!found) {
      const known = ctx.dex.catalog.series.map((s) => s.code.toLowerCase()).join(', ');
      return notice(`No series matched “${quoteUserText(name)}”. Known series: ${known}.`);
    }
    return message(seriesCard(ctx, found), { ephemeral: options.boolean('private') ?? ctx.settings.private });
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    return focused?.name === 'name' ? seriesChoices(ctx.dex.series.suggest(focused.value)) : [];
  },
  component(ctx, action, args) {
    // series:show:<id>, the season card's way back to its series.
    const found = action === 'show' && args[0] ? ctx.dex.catalog.seriesFor(args[0]) : undefined;
    if (!found) return notice('That series is no longer in the index. Try `/series` to look it up again.');
    return update(seriesCard(ctx, found));
  },
};
