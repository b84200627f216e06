import type { Dex } from '../dex.ts';
import type { Logger } from '../log.ts';
import { episodeCard } from '../render/episode-card.ts';
import type { MessageData } from '../render/reply.ts';
import type { Settings } from '../settings.ts';
import type { SettingsAccess } from '../store/settings-store.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { afterPost, clubKey, type Club } from './club.ts';
import type { ClubStore } from './club-store.ts';
import { PostRefused, postNonce, type ChannelPoster } from './poster.ts';

export type RunOutcome = 'posted' | 'finished' | 'paused' | 'skipped' | 'failed';

export interface RunnerDeps {
  clubs: ClubStore;
  poster: ChannelPoster;
  dex: () => Dex;
  settings?: SettingsAccess;
  logger: Logger;
  now: () => number;
  /** Told of every run's outcome (tests wait on it; the log already says what happened). */
  onOutcome?: (key: string, outcome: RunOutcome) => void;
}

/** A post in flight is marked on the club this long; a process that dies mid-post leaves it to be taken over after. */
const RUN_CLAIM_MS = 5 * 60_000;
/** A timer may fire a little early; a run this close to the club's due time is on time. */
export const EARLY_MS = 1_000;

/**
 * Makes a club's posts. Whatever engine calls it (a timer, a BullMQ worker, `/rewatch next`), a given
 * episode of a club is posted at most once: the run is claimed first, the message carries a nonce
 * Discord deduplicates, and the club only advances by compare-and-set from the very position it posted.
 */
export class RewatchRunner {
  constructor(private readonly deps: RunnerDeps) {}

  /** A scheduled run: posts the next episode if the club is due and not paused. */
  async runDue(key: string): Promise<RunOutcome> {
    const club = await this.deps.clubs.byKey(key);
    const outcome = !club || club.paused || club.finished || club.dueAt > this.deps.now() + EARLY_MS ? 'skipped' : await this.post(key, club, club.dueAt);
    this.deps.onOutcome?.(key, outcome);
    return outcome;
  }

  /** `/rewatch next`: the next episode now; the plan carries on from the one after. */
  async postNext(club: Club): Promise<RunOutcome> {
    return this.post(clubKey(club.guildId, club.channelId), club, undefined);
  }

  private async settingsOf(guildId: string): Promise<Settings> {
    try {
      return (await this.deps.settings?.read(`guild:${guildId}`))?.settings ?? DEFAULT_SETTINGS;
    } catch {
      return DEFAULT_SETTINGS;
    }
  }

  private async post(key: string, club: Club, runAt: number | undefined): Promise<RunOutcome> {
    const { deps } = this;
    const series = deps.dex().catalog.seriesFor(club.seriesId);
    const episode = series?.episodes[club.next];
    if (!series || !episode) {
      await this.pause(key, club, 'its series or episode is no longer in the index', 'discord');
      return 'paused';
    }
    // One post of a club at a time across processes: the club itself is marked, by compare-and-set, and
    // unmarked whatever happens. Should a process die mid-post, the nonce (the same for the same episode)
    // lets Discord keep one message when another process takes over.
    const now = new Date(deps.now());
    const taken = await deps.clubs.update(key, (current) =>
      current && current.next === club.next && !current.paused && !(current.posting && current.posting.until > now.getTime())
        ? { club: { ...current, posting: { until: now.getTime() + RUN_CLAIM_MS } } }
        : { refuse: 'busy' },
    );
    if ('refuse' in taken) return 'skipped';
    const settings = await this.settingsOf(club.guildId);
    const card = episodeCard({ catalog: deps.dex().catalog, settings, locale: 'en-US', now }, episode);
    const data: MessageData = { ...card, content: `📺 Rewatch club: episode ${club.next + 1} of ${series.episodes.length} of ${series.title}` };
    try {
      const message = await deps.poster.post(club.channelId, data, postNonce(key, club.next));
      if (club.threads) {
        await deps.poster.thread(club.channelId, message.id, `${episode.code} · ${episode.title}`).catch((error: unknown) => {
          // The post is made; a thread that cannot be opened is worth a log line, not a pause.
          deps.logger.warn({ club: key, err: error instanceof Error ? error.message : String(error) }, 'rewatch thread not opened');
        });
      }
    } catch (error) {
      if (error instanceof PostRefused) {
        deps.logger.warn({ club: key, status: error.status, reason: error.message }, 'rewatch post refused; club paused');
        await this.pause(key, club, error.message, 'discord');
        return 'paused';
      }
      deps.logger.error({ club: key, err: error instanceof Error ? error.message : String(error) }, 'rewatch post failed; will retry');
      await deps.clubs.update(key, (current) => {
        if (!current) return { refuse: 'gone' };
        const { posting: _, ...rest } = current;
        return { club: rest };
      });
      return 'failed';
    }
    const result = await deps.clubs.update(key, (current) =>
      current && current.next === club.next ? { club: afterPost(current, runAt, now, series.episodes.length) } : { refuse: 'moved on' },
    );
    const advanced = 'club' in result ? result.club : undefined;
    deps.logger.info({ club: key, episode: episode.id, posted: advanced?.posted }, 'rewatch episode posted');
    if (advanced?.finished) {
      await deps.poster
        .post(
          club.channelId,
          {
            content: `🏁 That was the last episode of ${series.title}. The rewatch club has finished after ${advanced.posted} episodes. Thanks for watching together!`,
          },
          postNonce(key, -1),
        )
        .catch(() => undefined);
      return 'finished';
    }
    return 'posted';
  }

  private async pause(key: string, _club: Club, reason: string, by: 'admin' | 'discord'): Promise<void> {
    await this.deps.clubs.update(key, (current) => {
      if (!current) return { refuse: 'gone' };
      const { posting: _, ...rest } = current;
      return { club: { ...rest, paused: { reason, by } } };
    });
  }
}
