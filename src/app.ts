import { commands } from '../commands/index.ts';
import type { Dex } from './dex.ts';
import { createDispatcher } from './interactions/dispatch.ts';
import { describeError, type Logger } from './log.ts';
import type { RewatchService } from './rewatch/service.ts';
import type { Cooldowns } from './store/cooldowns.ts';
import type { SettingsAccess } from './store/settings-store.ts';
import { loggedAnswer, type Answer } from './transports/answer.ts';

export interface AppDeps {
  dex: () => Dex;
  logger: Logger;
  settingsStore?: SettingsAccess;
  cooldowns?: Cooldowns;
  /** Rewatch clubs, once this process can post (it has a bot token). */
  rewatch?: () => RewatchService | undefined;
}

/** The one answering pipeline both transports share: commands, data, settings and logging. */
export function createAnswer(deps: AppDeps): Answer {
  const dispatch = createDispatcher({
    dex: deps.dex,
    commands,
    settingsStore: deps.settingsStore,
    cooldowns: deps.cooldowns,
    rewatch: deps.rewatch,
    onError: (error, input) => deps.logger.error({ interaction: input.id, err: describeError(error) }, 'command failed'),
  });
  return loggedAnswer(dispatch, deps.logger);
}
