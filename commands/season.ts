import type { Series } from '../src/catalog/model.ts';
import { SEASON_IDS } from '../src/interactions/component-ids.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Command, CommandContext } from '../src/interactions/types.ts';
import { seriesChoices } from '../src/render/choices.ts';
import { message, notice, update } from '../src/render/reply.ts';
import { seasonCard } from '../src/render/season-card.ts';
import { quoteUserText } from '../src/render/text.ts';

const definition = slashCommand(SEASON_IDS.command, 'Every episode of a season: codes, titles, release dates and one-line premises')
  .addStringOption((o) => o.setName('series').setDescription('Series name or short code').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addIntegerOption((o) => o.setName('number').setDescription('Season number').setRequired(true).setMinValue(0).setMaxValue(999).setAutocomplete(true))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

function seasonRange(series: Series): string {
  const numbers = series.seasons.map((s) => s.number);
  return numbers.length === 1 ? `only season ${numbers[0]}` : `seasons ${numbers[0]}–${numbers.at(-1)}`;
}

function findSeries(ctx: CommandContext, text: string | undefined) {
  if (!text?.trim()) throw new OptionError('Tell me which series, for example `picard` or `tng`.');
  return ctx.dex.series.find(text);
}

export const season: Command = {
  definition,
  run(ctx, options) {
    const name = options.string('series');
    const series = findSeries(ctx, name);
    if (!series) return notice(`No series matched “${quoteUserText(name ?? '')}”. Start typing to see the series I know.`);
    const number = options.integer('number');
    if (number === undefined) throw new OptionError('Tell me which season number.');
    const found = series.seasons.find((s) => s.number === number);
    if (!found) return notice(`${series.title} has ${seasonRange(series)}; there is no season ${number}.`);
    return message(seasonCard(ctx, found), { ephemeral: options.boolean('private') ?? ctx.settings.private });
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (focused?.name === 'series') return seriesChoices(ctx.dex.series.suggest(focused.value));
    if (focused?.name !== 'number') return [];
    const series = ctx.dex.series.find(options.string('series') ?? '') ?? undefined;
    if (!series) return [];
    return series.seasons
      .filter((s) => String(s.number).startsWith(focused.value.trim()))
      .slice(0, 25)
      .map((s) => ({ name: `Season ${s.number} · ${s.episodes.length} episodes (${s.episodes[0]!.releaseDate.slice(0, 4)})`, value: s.number }));
  },
  component(ctx, action, args, values) {
    // From the series card's season menu: season:show:<series> with the season as the chosen value.
    // From a page button: season:page:<series>:<season>:<page>.
    const [seriesId, seasonText, pageText] = action === 'page' ? args : action === 'show' ? [args[0], values[0], '0'] : [];
    const found = seriesId ? ctx.dex.catalog.seriesFor(seriesId)?.seasons.find((s) => String(s.number) === seasonText) : undefined;
    if (!found || !/^\d{1,3}$/.test(pageText ?? '')) return notice('That season is no longer in the index. Try `/season` to look it up again.');
    return update(seasonCard(ctx, found, Number(pageText)));
  },
};
