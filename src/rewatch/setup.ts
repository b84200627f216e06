import { REST } from '@discordjs/rest';
import type { Dex } from '../dex.ts';
import type { Logger } from '../log.ts';
import type { OpenedStore } from '../store/open.ts';
import type { SettingsAccess } from '../store/settings-store.ts';
import { ClubStore } from './club-store.ts';
import { BullmqEngine, systemClock, TimerEngine, type Clock, type RewatchEngine } from './engine.ts';
import { restPoster, type ChannelPoster } from './poster.ts';
import { RewatchRunner, type RunOutcome } from './runner.ts';
import { RewatchService } from './service.ts';

export interface RewatchSetup {
  store: OpenedStore;
  /** The STORE_URL, for BullMQ's own Redis connections. */
  storeUrl: string;
  namespace: string;
  /** The bot token and Discord's API base: posts are made with the token, never the interaction's. */
  token: string;
  apiBase: string;
  dex: () => Dex;
  settings?: SettingsAccess;
  logger: Logger;
  clock?: Clock;
  /** Replaces the REST poster (tests). */
  poster?: ChannelPoster;
  onOutcome?: (key: string, outcome: RunOutcome) => void;
  /** How often the timer engine re-reads the clubs (default a minute). */
  resyncMs?: number;
}

/**
 * Rewatch clubs for this process. On Redis the clubs are run by BullMQ job schedulers, one worker per
 * process, each post handed to one worker; on SQLite or in memory, by timers in this process.
 */
export async function startRewatch(setup: RewatchSetup): Promise<{ service: RewatchService; engine: RewatchEngine; close(): Promise<void> }> {
  const clock = setup.clock ?? systemClock;
  const clubs = new ClubStore(setup.store.records);
  const rest = setup.poster ? undefined : new REST({ api: setup.apiBase, timeout: 15_000 }).setToken(setup.token);
  const runner = new RewatchRunner({
    clubs,
    poster: setup.poster ?? restPoster(rest!),
    dex: setup.dex,
    settings: setup.settings,
    logger: setup.logger,
    now: () => clock.now(),
    onOutcome: setup.onOutcome,
  });
  const engine: RewatchEngine =
    setup.store.kind === 'redis'
      ? new BullmqEngine(setup.storeUrl, `${setup.namespace}:bull`, runner, setup.logger)
      : new TimerEngine(clubs, runner, clock, setup.logger, setup.resyncMs);
  await engine.start();
  setup.logger.info({ engine: engine.kind }, 'rewatch clubs running');
  return {
    service: new RewatchService(clubs, runner, engine, () => clock.now()),
    engine,
    async close() {
      await engine.close();
      rest?.clearHashSweeper();
      rest?.clearHandlerSweeper();
    },
  };
}
