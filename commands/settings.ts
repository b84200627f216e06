import { PermissionFlagsBits } from 'discord.js';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError, type Options } from '../src/interactions/options.ts';
import type { Command, CommandContext } from '../src/interactions/types.ts';
import { seriesChoices } from '../src/render/choices.ts';
import { message, notice } from '../src/render/reply.ts';
import { settingsCard } from '../src/render/settings-card.ts';
import { quoteUserText } from '../src/render/text.ts';
import { DEFAULT_SETTINGS, type Settings, type SpoilerMode } from '../src/settings.ts';
import { StoreUnavailable, WriteUnconfirmed, type SettingsChange } from '../src/store/settings-store.ts';

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
const UNCONFIRMED =
  'I sent the change but the settings store did not confirm it in time, so it may or may not have been saved. ' +
  'Check with `/settings show` in a moment, and run the command again if it is not there.';

/** The settings a confirmed change leads to, for the rare reply whose read-back fails. */
function expected(current: Settings, change: SettingsChange, reset: boolean): Settings {
  if (reset) return { ...DEFAULT_SETTINGS };
  const next: Settings = {
    ...current,
    ...(change.spoilers ? { spoilers: change.spoilers } : {}),
    ...(change.private !== undefined ? { private: change.private } : {}),
  };
  if (change.defaultSeries === null) delete next.defaultSeries;
  else if (change.defaultSeries !== undefined) next.defaultSeries = change.defaultSeries;
  return next;
}

function mayChange(ctx: CommandContext): boolean {
  if (ctx.scope.startsWith('user:')) return true;
  const bits = ctx.permissions ?? 0n;
  // Checked here as well as through default_member_permissions, which server admins can override.
  return (bits & PermissionFlagsBits.ManageGuild) !== 0n || (bits & PermissionFlagsBits.Administrator) !== 0n;
}

/** What the subcommand changes: only its own setting, so concurrent changes of others are untouched. */
function change(ctx: CommandContext, options: Options): SettingsChange | undefined {
  switch (options.subcommand) {
    case 'spoilers': {
      const mode = options.string('mode') as SpoilerMode | undefined;
      if (!mode || !MODES.includes(mode)) throw new OptionError('Choose a spoiler mode: `always`, `recent` or `never`.');
      const days = options.integer('days');
      if (days !== undefined && (days < 1 || days > 365)) throw new OptionError('`days` must be between 1 and 365.');
      return { spoilers: { mode, days: days ?? ctx.settings.spoilers.days } };
    }
    case 'series': {
      const text = options.string('default')?.trim() ?? '';
      if (/^(none|no|off|-)?$/i.test(text)) return { defaultSeries: null };
      const series = ctx.dex.series.find(text);
      if (!series) throw new OptionError(`No series matched “${quoteUserText(text)}”. Start typing to see the series I know.`);
      return { defaultSeries: series.id };
    }
    case 'private': {
      const value = options.boolean('default');
      if (value === undefined) throw new OptionError('Choose true or false.');
      return { private: value };
    }
    case 'reset':
      return {};
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
      if (options.subcommand === 'reset') await ctx.settingsStore.reset(ctx.scope);
      else await ctx.settingsStore.change(ctx.scope, apply);
    } catch (error) {
      if (error instanceof WriteUnconfirmed) return notice(UNCONFIRMED);
      if (error instanceof StoreUnavailable) return notice(UNAVAILABLE);
      throw error;
    }
    // Read back after the acknowledgement, so the card shows what is stored at this moment,
    // other admins' changes included, rather than what this process last read.
    const now = await ctx.settingsStore.read(ctx.scope);
    const shown = now.available ? now.settings : { ...ctx.settings, ...expected(ctx.settings, apply, options.subcommand === 'reset') };
    return message(settingsCard(shown, ctx.dex.catalog, forServer, 'Saved.'), { ephemeral: true });
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (focused?.name !== 'default') return [];
    return [{ name: 'None: search every series', value: 'none' }, ...seriesChoices(ctx.dex.series.suggest(focused.value))].slice(0, 25);
  },
};
