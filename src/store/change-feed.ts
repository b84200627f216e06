import type { RedisClientType } from '@keyv/redis';
import type { Logger } from '../log.ts';
import type { Scope } from './settings-store.ts';

/**
 * How processes sharing a store tell each other that settings changed, so each can keep settings
 * in memory. A listener gets the scope that changed, or nothing when every cached scope may be stale.
 */
export interface ChangeFeed {
  publish(scope: Scope): Promise<void>;
  /** Returns a function that stops the listener. */
  onChange(listener: (scope?: Scope) => void): () => void;
  /** Looks for changes now rather than at the next poll (feeds that poll; tests use it instead of waiting). */
  check?(): Promise<void>;
  close(): Promise<void>;
}

/** Upper bound, in ms, for another process's change to reach this one, per backend (documented in README). */
export const CHANGE_BOUND_MS = { redis: 1_000, sqlite: 1_000, memory: 0 } as const;

function subscribe<T>(listeners: T[], listener: T): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

/** One process: its own writes are all there is. */
export function memoryFeed(): ChangeFeed {
  return { publish: async () => {}, onChange: () => () => {}, close: async () => {} };
}

/**
 * Redis pub/sub on `<namespace>:settings-changed`: a change reaches the other processes as soon as
 * Redis delivers it. Pub/sub forgets messages sent while a subscriber is disconnected, so after a
 * reconnect every cached scope is dropped.
 */
export async function redisFeed(client: () => Promise<RedisClientType>, channel: string, logger: Logger): Promise<ChangeFeed> {
  const listeners: ((scope?: Scope) => void)[] = [];
  const emit = (scope?: Scope) => {
    for (const listener of listeners) listener(scope);
  };
  let subscriber: RedisClientType | undefined;
  let subscribed = false;
  try {
    const connection = (subscriber = (await client()).duplicate());
    subscriber.on('error', (error: Error) => logger.debug({ err: error.message }, 'settings change feed error'));
    const ready = new Promise<void>((resolve) => {
      connection.on('ready', () => {
        resolve();
        // The first time, subscribe; after a reconnect, what was published meanwhile is lost.
        if (subscribed) emit();
        else
          void connection
            .subscribe(channel, (message) => emit(message as Scope))
            .then(
              () => (subscribed = true),
              (error: Error) => logger.warn({ err: error.message }, 'settings change feed could not subscribe'),
            );
      });
    });
    // Never awaited for long: a Redis that is down at start-up must not hold the bot up (the client
    // keeps reconnecting, and subscribes once it is ready).
    void connection.connect().catch(() => {});
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  } catch (error) {
    // Without a feed, other processes' changes still arrive through the cache's age bound.
    logger.warn({ err: (error as Error).message }, 'settings change feed unavailable');
  }
  return {
    async publish(scope) {
      await (await client()).publish(channel, scope);
    },
    onChange: (listener) => subscribe(listeners, listener),
    async close() {
      try {
        if (subscriber?.isOpen) await subscriber.quit();
        else subscriber?.destroy();
      } catch {
        // Already gone.
      }
    },
  };
}

type Query = (sql: string, ...parameters: unknown[]) => Promise<{ value: string }[]>;

/**
 * SQLite has no notifications, so a change bumps a version counter in one statement, and each
 * process reads the counter every `intervalMs` (one indexed row, off the path of any interaction).
 */
export function sqliteFeed(query: Query, table: string, key: string, intervalMs = CHANGE_BOUND_MS.sqlite): ChangeFeed {
  const listeners: ((scope?: Scope) => void)[] = [];
  let seen: string | undefined;
  let checking: Promise<void> | undefined;
  const check = async () => {
    const [row] = await query(`SELECT value FROM ${table} WHERE key = ?`, key);
    const version = row?.value ?? '0';
    if (seen !== undefined && version !== seen) for (const listener of listeners) listener();
    seen = version;
  };
  const tick = () => {
    checking ??= check()
      .catch(() => {})
      .finally(() => (checking = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    check,
    async publish() {
      await query(`INSERT INTO ${table} (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(${table}.value AS INTEGER) + 1`, key);
      // This process has already dropped what changed; its next check must not drop everything again.
      const [row] = await query(`SELECT value FROM ${table} WHERE key = ?`, key);
      if (row && seen !== undefined && Number(row.value) === Number(seen) + 1) seen = row.value;
    },
    onChange: (listener) => subscribe(listeners, listener),
    async close() {
      clearInterval(timer);
    },
  };
}
