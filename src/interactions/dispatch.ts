import type { APIInteractionResponse } from 'discord.js';
import type { Dex } from '../dex.ts';
import { choices, notice } from '../render/reply.ts';
import type { Settings } from '../settings.ts';
import { OptionError, Options } from './options.ts';
import type { Command, CommandContext, InteractionInput } from './types.ts';

export interface DispatchDeps {
  dex: () => Dex;
  commands: readonly Command[];
  settingsFor(input: InteractionInput): Promise<Settings> | Settings;
  now?: () => Date;
  random?: () => number;
  /** Told about unexpected errors; the user gets a polite reply either way. */
  onError?(error: unknown, input: InteractionInput): void;
}

export type Dispatch = (input: InteractionInput) => Promise<APIInteractionResponse>;

/**
 * Routes a transport-neutral interaction to its command and always returns a response: a thrown
 * error becomes an ephemeral apology, never a missing reply.
 */
export function createDispatcher(deps: DispatchDeps): Dispatch {
  const byName = new Map(deps.commands.map((c) => [c.definition.name, c]));
  return async (input) => {
    try {
      const ctx: CommandContext = {
        dex: deps.dex(),
        user: input.user,
        guildId: input.guildId,
        locale: input.locale,
        settings: await deps.settingsFor(input),
        now: deps.now?.() ?? new Date(),
        random: deps.random ?? Math.random,
      };
      if (input.kind === 'component') {
        const [name = '', action = '', ...args] = input.customId.split(':');
        const command = byName.get(name);
        if (!command?.component) return notice('This button or menu is not one of mine any more. Run the command again.');
        return command.component(ctx, action, args, input.values);
      }
      const command = byName.get(input.name);
      if (input.kind === 'autocomplete') return choices(command?.autocomplete?.(ctx, new Options(input.options)) ?? []);
      if (!command) return notice(`I don't know \`/${input.name.slice(0, 32)}\` any more. A server admin may need to refresh TrekDex's commands.`);
      return command.run(ctx, new Options(input.options));
    } catch (error) {
      if (error instanceof OptionError) return input.kind === 'autocomplete' ? choices([]) : notice(error.message);
      deps.onError?.(error, input);
      return input.kind === 'autocomplete' ? choices([]) : notice('Something went wrong on my side while answering. Please try again in a moment.');
    }
  };
}
