import type {
  APIApplicationCommandOptionChoice,
  APIInteractionResponse,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Dex } from '../dex.ts';
import type { Settings } from '../settings.ts';
import type { Options } from './options.ts';

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
export interface CommandContext {
  dex: Dex;
  user: { id: string; name: string };
  /** null in DMs and group DMs. */
  guildId: string | null;
  locale: string;
  settings: Settings;
  now: Date;
  random: () => number;
}

export type Choice = APIApplicationCommandOptionChoice<string | number>;

export interface Command {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  run(ctx: CommandContext, options: Options): APIInteractionResponse;
  autocomplete?(ctx: CommandContext, options: Options): Choice[];
  /** Buttons and select menus whose custom id starts with `<command name>:`. */
  component?(ctx: CommandContext, action: string, args: string[], values: string[]): APIInteractionResponse;
}

/** A transport-neutral interaction, built by each transport's adapter. */
export type InteractionInput = {
  id: string;
  user: { id: string; name: string };
  guildId: string | null;
  locale: string;
} & (
  | { kind: 'command' | 'autocomplete'; name: string; options: RawOption[] }
  | { kind: 'component'; customId: string; values: string[] }
);
