import type { APIApplicationCommandOptionChoice, APIInteractionResponse, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Dex } from '../dex.ts';
import type { RenderContext } from '../render/context.ts';
import type { RewatchService } from '../rewatch/service.ts';
import type { Scope, SettingsAccess } from '../store/settings-store.ts';
import type { Options } from './options.ts';

/** Objects Discord resolved for the options: for a channel option, the channel's type and name. */
export interface ResolvedData {
  channels?: Record<string, { type?: number; name?: string }>;
}

/** An option as both Discord's JSON and discord.js's `interaction.options.data` carry it. */
export interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  options?: RawOption[];
  focused?: boolean;
}

/**
 * Everything a command may know about the interaction. Nothing here refers to a socket, a client or
 * an HTTP request: the same handler serves the gateway, the HTTP endpoint and the preview CLI.
 */
export interface CommandContext extends RenderContext {
  dex: Dex;
  user: { id: string; name: string };
  /** null in DMs and group DMs. */
  guildId: string | null;
  /** false when the settings store could not be reached and `settings` are the defaults. */
  settingsAvailable: boolean;
  /** Whose settings these are: the server's, or the user's in DMs and user-installed contexts. */
  scope: Scope;
  /** Where /settings writes; absent where nothing is stored (the preview CLI). */
  settingsStore?: SettingsAccess;
  /** The member's permission bitfield in a server; null in DMs. */
  permissions: bigint | null;
  /** Where the command ran and what TrekDex may do there; null when Discord did not say. */
  channelId: string | null;
  appPermissions: bigint | null;
  /** Channels Discord resolved for channel options. */
  resolved: ResolvedData;
  /** Rewatch clubs; absent where nothing can be posted (no bot token, the preview CLI). */
  rewatch?: RewatchService;
  random: () => number;
}

export type Choice = APIApplicationCommandOptionChoice<string | number>;

export interface Command {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  run(ctx: CommandContext, options: Options): APIInteractionResponse | Promise<APIInteractionResponse>;
  /** Seconds a user waits between two uses of the slash command (commands that cost more than a lookup). */
  cooldown?: number;
  /**
   * Seconds between two clicks of the command's own buttons. Shorter than `cooldown`: it stops a
   * burst of clicks, never a click at a normal pace on a button the bot just offered.
   */
  buttonCooldown?: number;
  autocomplete?(ctx: CommandContext, options: Options): Choice[];
  /** Buttons and select menus whose custom id starts with `<command name>:`. */
  component?(ctx: CommandContext, action: string, args: string[], values: string[]): APIInteractionResponse;
}

/** A transport-neutral interaction, built by each transport's adapter. */
export type InteractionInput = {
  id: string;
  user: { id: string; name: string };
  guildId: string | null;
  /** true when the guild itself installed TrekDex (false when only the user did). */
  guildInstalled: boolean;
  /** Member permission bitfield as Discord sends it; null in DMs. */
  permissions: string | null;
  locale: string;
  /** The channel the interaction came from, and TrekDex's own permissions there (Discord's app_permissions). */
  channelId?: string | null;
  appPermissions?: string | null;
} & (
  { kind: 'command' | 'autocomplete'; name: string; options: RawOption[]; resolved?: ResolvedData } | { kind: 'component'; customId: string; values: string[] }
);
