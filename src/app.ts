import { commands } from '../commands/index.ts';
import type { Dex } from './dex.ts';
import { createDispatcher } from './interactions/dispatch.ts';
import type { Logger } from './log.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';
import { loggedAnswer, type Answer } from './transports/answer.ts';
import type { InteractionInput } from './interactions/types.ts';
import { describeError } from './transports/gateway.ts';

export interface AppDeps {
  dex: () => Dex;
  logger: Logger;
  settingsFor?: (input: InteractionInput) => Promise<Settings> | Settings;
}

/** The one answering pipeline both transports share: commands, data, settings and logging. */
export function createAnswer(deps: AppDeps): Answer {
  const dispatch = createDispatcher({
    dex: deps.dex,
    commands,
    settingsFor: deps.settingsFor ?? (() => DEFAULT_SETTINGS),
    onError: (error, input) => deps.logger.error({ interaction: input.id, err: describeError(error) }, 'command failed'),
  });
  return loggedAnswer(dispatch, deps.logger);
}
