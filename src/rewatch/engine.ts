import type { Logger } from '../log.ts';
import type { Club } from './club.ts';
import { clubKey } from './club.ts';
import type { ClubStore } from './club-store.ts';
import { planOf } from './club.ts';
import { cronPattern } from './plan.ts';
import type { RewatchRunner } from './runner.ts';

/**
 * What makes clubs post on time. Two engines stand behind it: timers in this process over the
 * clubs in the store (one process, SQLite), and BullMQ job schedulers on Redis (several processes,
 * each run handed to exactly one worker). Both call the same runner, which posts each episode once.
 */
export interface RewatchEngine {
  readonly kind: 'timer' | 'bullmq';
  /** A club was created, resumed, stopped or moved: plan its next run (or none, for `undefined`). */
  changed(key: string, club: Club | undefined): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Timers as the engine sees them, so tests can drive days in milliseconds. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Clubs changed by another process sharing the SQLite file are picked up within this long. */
export const RESYNC_MS = 60_000;
/** A run that failed (Discord unreachable) is tried again after this long. */
const RETRY_MS = 60_000;

/**
 * One timer for the earliest due club, re-armed after every run and at least every minute (to see
 * clubs other processes created). Missed runs (the bot was down) are due at once, and each club
 * posts once for them: the runner plans the next run from now, not from the missed one.
 */
export class TimerEngine implements RewatchEngine {
  readonly kind = 'timer';
  private readonly due = new Map<string, number>();
  /** Clubs whose due run did not post (Discord unreachable, or another process holds the run): not before this time. */
  private readonly backoff = new Map<string, number>();
  private timer: unknown;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly clubs: ClubStore,
    private readonly runner: RewatchRunner,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly resyncMs = RESYNC_MS,
  ) {}

  async start(): Promise<void> {
    await this.resync();
    this.arm();
  }

  private async resync(): Promise<void> {
    const clubs = await this.clubs.list();
    this.due.clear();
    for (const club of clubs) {
      if (club.paused || club.finished) continue;
      const key = clubKey(club.guildId, club.channelId);
      this.due.set(key, Math.max(club.dueAt, this.backoff.get(key) ?? 0));
    }
  }

  async changed(key: string, club: Club | undefined): Promise<void> {
    if (club && !club.paused && !club.finished) this.due.set(key, club.dueAt);
    else this.due.delete(key);
    this.arm();
  }

  private arm(): void {
    if (this.closed) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const earliest = Math.min(...this.due.values(), this.clock.now() + this.resyncMs);
    this.timer = this.clock.setTimeout(() => void this.tick(), Math.max(0, earliest - this.clock.now()));
  }

  /** Runs every due club, then re-reads the store and arms the next timer. Resolves when done (tests await it). */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        const now = this.clock.now();
        for (const [key, dueAt] of [...this.due]) {
          if (dueAt > now) continue;
          const outcome = await this.runner.runDue(key);
          // A run that did not post is tried again a minute later, never in a tight loop.
          if (outcome === 'failed' || outcome === 'skipped') this.backoff.set(key, now + RETRY_MS);
          else this.backoff.delete(key);
        }
        await this.resync();
      } catch (error) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'rewatch timer run failed');
      } finally {
        this.running = undefined;
        this.arm();
      }
    })();
    return this.running;
  }

  /** Resolves once no run is in progress. */
  async idle(): Promise<void> {
    await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    await this.running;
  }
}

/**
 * BullMQ on the shared Redis: one job scheduler per club (its cron pattern in its time zone), and a
 * worker in every process. BullMQ hands each scheduled job to exactly one worker; the runner still
 * claims the run, so a job retried after a crash cannot post twice.
 */
export class BullmqEngine implements RewatchEngine {
  readonly kind = 'bullmq';
  private queue: import('bullmq').Queue | undefined;
  private worker: import('bullmq').Worker | undefined;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly runner: RewatchRunner,
    private readonly logger: Logger,
    private readonly queueName = 'rewatch',
  ) {}

  private clients: { close(): Promise<unknown> }[] = [];

  /** node-redis, the client the settings store already uses; BullMQ drives it as well as ioredis. */
  private async connection() {
    const { createClient } = await import('@redis/client');
    const client = createClient({ url: this.redisUrl });
    client.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'rewatch queue connection error'));
    // A Redis that is down must not hold up start-up: the bot answers without clubs and says why.
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2_000).unref());
    try {
      await Promise.race([client.connect(), timeout]);
    } catch (error) {
      void client.destroy();
      throw error;
    }
    this.clients.push(client);
    return client;
  }

  async start(): Promise<void> {
    const { Queue, Worker } = await import('bullmq');
    this.queue = new Queue(this.queueName, { connection: await this.connection(), prefix: this.prefix });
    this.worker = new Worker(
      this.queueName,
      async (job) => {
        const key = String(job.data.key);
        const outcome = await this.runner.runDue(key);
        if (outcome === 'failed') throw new Error('rewatch post failed; BullMQ will retry');
        // The last episode is posted: the club's scheduler has nothing left to run.
        if (outcome === 'finished') await this.queue?.removeJobScheduler(key);
        return outcome;
      },
      { connection: await this.connection(), prefix: this.prefix, concurrency: 4 },
    );
    this.worker.on('failed', (job, error) => this.logger.warn({ club: job?.data?.key, err: error.message }, 'rewatch job failed'));
    await this.worker.waitUntilReady();
  }

  async changed(key: string, club: Club | undefined): Promise<void> {
    if (!this.queue) return;
    if (!club || club.finished) {
      await this.queue.removeJobScheduler(key);
      return;
    }
    // Paused clubs keep their scheduler; the runner skips them, and resume needs no new plan.
    await this.queue.upsertJobScheduler(
      key,
      { pattern: cronPattern(planOf(club)), tz: club.timezone },
      { name: 'post', data: { key }, opts: { attempts: 3, backoff: { type: 'fixed', delay: 60_000 }, removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  /** Runs a club's post now on whichever worker takes it (tests; a club already due). */
  async runSoon(key: string): Promise<void> {
    await this.queue?.add('post', { key }, { removeOnComplete: 100, removeOnFail: 100 });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    for (const client of this.clients.splice(0)) await client.close().catch(() => undefined);
  }
}
