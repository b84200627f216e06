import { PermissionFlagsBits } from 'discord.js';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError, type Options } from '../src/interactions/options.ts';
import type { Command, CommandContext } from '../src/interactions/types.ts';
import { seriesChoices } from '../src/render/choices.ts';
import { message, notice } from '../src/render/reply.ts';
import { settingsCard } from '../src/render/settings-card.ts';
import { quoteUserText } from '../src/render/text.ts';
import { DEFAULT_SETTINGS, type Settings, type SpoilerMode } from '../src/settings.ts';
import { StoreUnavailable } from '../src/store/settings-store.ts';

const MODES: SpoilerMode[] = ['always', 'recent', 'never'];

const definition = slashCommand('settings', 'How TrekDex behaves in this server (or for you, in DMs)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('spoilers')
      .setDescription('When synopses are hidden behind spoiler tags')
      .addStringOption((o) =>
        o
          .setName('mode')
          .setDescription('always (default), only recent episodes, or never')
          .setRequired(true)
          .addChoices({ name: 'always', value: 'always' }, { name: 'recent episodes only', value: 'recent' }, { name: 'never', value: 'never' }),
      )
      .addIntegerOption((o) => o.setName('days').setDescription('For "recent": released within this many days (default 14)').setMinValue(1).setMaxValue(365)),
  )
  .addSubcommand((s) =>
    s
      .setName('series')
      .setDescription('The series a bare title or episode code prefers when several match')
      .addStringOption((o) =>
        o.setName('default').setDescription('A series, or "none" to prefer none').setRequired(true).setAutocomplete(true).setMaxLength(100),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('private')
      .setDescription('Whether replies are private by default (anyone can still choose per command)')
      .addBooleanOption((o) => o.setName('default').setDescription('true: only the person asking sees replies').setRequired(true)),
  )
  .addSubcommand((s) => s.setName('show').setDescription('Show the current settings'))
  .addSubcommand((s) => s.setName('reset').setDescription('Go back to the defaults'))
  .toJSON();

const UNAVAILABLE = 'Settings are temporarily unavailable, so nothing was changed. Please try again in a minute.';

function mayChange(ctx: CommandContext): boolean {
  if (ctx.scope.startsWith('user:')) return true;
  const bits = ctx.permissions ?? 0n;
  // Checked here as well as through default_member_permissions, which server admins can override.
  return (bits & PermissionFlagsBits.ManageGuild) !== 0n || (bits & PermissionFlagsBits.Administrator) !== 0n;
}

function change(ctx: CommandContext, options: Options): ((current: Settings) => Settings) | undefined {
  switch (options.subcommand) {
    case 'spoilers': {
      const mode = options.string('mode') as SpoilerMode | undefined;
      if (!mode || !MODES.includes(mode)) throw new OptionError('Choose a spoiler mode: `always`, `recent` or `never`.');
      const days = options.integer('days');
      if (days !== undefined && (days < 1 || days > 365)) throw new OptionError('`days` must be between 1 and 365.');
      return (current) => ({ ...current, spoilers: { mode, days: days ?? current.spoilers.days } });
    }
    case 'series': {
      const text = options.string('default')?.trim() ?? '';
      if (/^(none|no|off|-)?$/i.test(text)) return ({ defaultSeries: _, ...current }) => current;
      const series = ctx.dex.series.find(text);
      if (!series) throw new OptionError(`No series matched “${quoteUserText(text)}”. Start typing to see the series I know.`);
      return (current) => ({ ...current, defaultSeries: series.id });
    }
    case 'private': {
      const value = options.boolean('default');
      if (value === undefined) throw new OptionError('Choose true or false.');
      return (current) => ({ ...current, private: value });
    }
    case 'reset':
      return () => ({ ...DEFAULT_SETTINGS });
    default:
      return undefined;
  }
}

export const settings: Command = {
  definition,
  async run(ctx, options) {
    const forServer = ctx.scope.startsWith('guild:');
    if (options.subcommand === 'show' || options.subcommand === undefined) {
      const note = ctx.settingsAvailable ? undefined : 'Settings are temporarily unavailable; TrekDex is using the defaults shown here.';
      return message(settingsCard(ctx.settings, ctx.dex.catalog, forServer, note), { ephemeral: true });
    }
    const apply = change(ctx, options);
    if (!apply) throw new OptionError('Choose what to change: spoilers, series, private, show or reset.');
    if (!mayChange(ctx)) return notice('Only members with the **Manage Server** permission can change TrekDex settings here. `/settings show` shows them.');
    if (!ctx.settingsStore) return notice('Settings cannot be saved here: this TrekDex has no settings store.');
    try {
      const saved =
        options.subcommand === 'reset' ? (await ctx.settingsStore.reset(ctx.scope), DEFAULT_SETTINGS) : await ctx.settingsStore.update(ctx.scope, apply);
      return message(settingsCard(saved, ctx.dex.catalog, forServer, 'Saved.'), { ephemeral: true });
    } catch (error) {
      if (error instanceof StoreUnavailable) return notice(UNAVAILABLE);
      throw error;
    }
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (focused?.name !== 'default') return [];
    return [{ name: 'None: search every series', value: 'none' }, ...seriesChoices(ctx.dex.series.suggest(focused.value))].slice(0, 25);
  },
};
