import { EmbedBuilder } from 'discord.js';
import type { Entry } from '../src/catalog/model.ts';
import { isCalendarDate } from '../src/catalog/schema.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError } from '../src/interactions/options.ts';
import type { Command } from '../src/interactions/types.ts';
import { episodeMenus } from '../src/render/components.ts';
import { entryLabel } from '../src/render/labels.ts';
import { message } from '../src/render/reply.ts';
import { lines, plain, quoteUserText } from '../src/render/text.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const definition = slashCommand('onthisday', 'Episodes and films first released on this calendar day in other years')
  .addStringOption((o) => o.setName('date').setDescription('A day such as 10 March, March 10, 03-10 or 2022-03-10 (default: today, UTC)').setMaxLength(40))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'))
  .toJSON();

function month(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m.startsWith(lower));
  return index < 0 ? undefined : index + 1;
}

/** Month and day from what people type; undefined when it is not a real calendar day. */
export function parseDay(text: string): { month: number; day: number } | undefined {
  const t = text
    .trim()
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  let found: { month: number; day: number } | undefined;
  if ((m = /^\d{4}-(\d{1,2})-(\d{1,2})$/.exec(t))) found = { month: Number(m[1]), day: Number(m[2]) };
  else if ((m = /^(\d{1,2})[-/](\d{1,2})$/.exec(t))) found = { month: Number(m[1]), day: Number(m[2]) };
  else if ((m = /^(\d{1,2}) ([a-z]+)$/i.exec(t))) found = { month: month(m[2]!) ?? 0, day: Number(m[1]) };
  else if ((m = /^([a-z]+) (\d{1,2})$/i.exec(t))) found = { month: month(m[1]!) ?? 0, day: Number(m[2]) };
  // 2024 is a leap year, so 29 February is accepted.
  if (!found || !isCalendarDate(`2024-${pad(found.month)}-${pad(found.day)}`)) return undefined;
  return found;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "3 episodes and 1 film", "1 episode", "no releases". */
function count(entries: readonly Entry[]): string {
  const films = entries.filter((e) => e.kind === 'film').length;
  const episodes = entries.length - films;
  const parts = [episodes && `${episodes} episode${episodes === 1 ? '' : 's'}`, films && `${films} film${films === 1 ? '' : 's'}`].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'no releases';
}

export const onthisday: Command = {
  definition,
  run(ctx, options) {
    const text = options.string('date');
    const day = text?.trim() ? parseDay(text) : { month: ctx.now.getUTCMonth() + 1, day: ctx.now.getUTCDate() };
    if (!day) throw new OptionError(`“${quoteUserText(text ?? '')}” is not a day I understand. Try \`10 March\`, \`March 10\` or \`03-10\`.`);
    const suffix = `-${pad(day.month)}-${pad(day.day)}`;
    const episodes = ctx.catalog.entries.filter((e) => e.releaseDate.endsWith(suffix)).sort((a, b) => b.releaseDate.localeCompare(a.releaseDate));
    const label = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, day.month - 1, day.day)));
    const embed = new EmbedBuilder()
      .setColor(0x4f7cac)
      .setTitle(`On this day: ${label}`)
      .setDescription(
        episodes.length
          ? lines(
              episodes.map((e) => `**${e.releaseDate.slice(0, 4)}** · ${plain(entryLabel(e))}`),
              4000,
            )
          : `Nothing in the index was first released on ${label}.`,
      )
      .setFooter({ text: `${count(episodes)} · dates are US first releases` });
    return message(
      { embeds: [embed.toJSON()], components: episodeMenus(episodes, 'Open one', ctx.locale) },
      { ephemeral: options.boolean('private') ?? ctx.settings.private },
    );
  },
};
