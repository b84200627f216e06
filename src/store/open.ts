import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import type { RedisClientType } from '@keyv/redis';
import type { Logger } from '../log.ts';
import { memoryFeed, redisFeed, sqliteFeed, type ChangeFeed } from './change-feed.ts';
import { memoryClaim, redisClaim, sqliteClaim, type Claim } from './claims.ts';
import { memoryRecords, redisRecords, sqliteRecords, type Records } from './records.ts';

export const DEFAULT_STORE_URL = 'sqlite://.data/trekdex.sqlite';
/** Every key TrekDex writes starts with this and a colon, once: `trekdex:settings:guild:1:spoilers`. */
export const DEFAULT_NAMESPACE = 'trekdex';

export interface OpenedStore {
  keyv: Keyv;
  kind: 'sqlite' | 'redis' | 'memory';
  /** Atomic set-if-absent with expiry, shared by every process on the same backend (see claims.ts). */
  claim: Claim;
  /** How processes on this backend hear of each other's settings changes (see change-feed.ts). */
  feed: ChangeFeed;
  /** Compare-and-set records (rewatch clubs), shared by every process on the same backend. */
  records: Records;
  close(): Promise<void>;
}

/** Which backend a STORE_URL names; undefined when it names none we know. */
export function storeKind(url: string): OpenedStore['kind'] | undefined {
  if (url.startsWith('sqlite://')) return 'sqlite';
  if (/^rediss?:\/\//.test(url)) return 'redis';
  if (url === 'memory://') return 'memory';
  return undefined;
}

/**
 * One keyv for all of TrekDex's state under one namespace. Operations throw when the backend is
 * unreachable (instead of keyv's default of quietly returning nothing), so callers can tell
 * "no setting" from "settings unavailable". `now` is the clock claims are measured on.
 */
export async function openStore(url: string, logger: Logger, options: { namespace?: string; now?: () => number } = {}): Promise<OpenedStore> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const now = options.now ?? Date.now;
  const kind = storeKind(url);
  let keyv: Keyv;
  let claim: Claim;
  let feed: ChangeFeed;
  let records: Records;
  if (kind === 'sqlite') {
    const file = url.slice('sqlite://'.length);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Adapters load on demand: a bot on SQLite never pays for the Redis client, and the other way round.
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const sqlite = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5_000 });
    keyv = new Keyv({ store: sqlite, namespace, throwOnErrors: true });
    const table = sqlite.opts.table ?? 'keyv';
    claim = sqliteClaim(sqlite.query, table, `${namespace}:`, now);
    feed = sqliteFeed(sqlite.query, table, `${namespace}:settings-version`);
    records = sqliteRecords(sqlite.query as never, table, `${namespace}:`);
  } else if (kind === 'redis') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    const redis = new KeyvRedis(
      {
        url,
        // Fail fast while Redis is away (commands answer with defaults) and keep reconnecting on our own.
        disableOfflineQueue: true,
        socket: { connectTimeout: 2_000, reconnectStrategy: (attempts: number) => Math.min(100 * 2 ** attempts, 2_000) },
      },
      // The adapter prefixes keys itself; keyv must not add a second prefix (it used to: "trekdex::trekdex:").
      { namespace, keyPrefixSeparator: ':', throwOnConnectError: false, throwOnErrors: true },
    );
    keyv = new Keyv({ store: redis, namespace, useKeyPrefix: false, throwOnErrors: true });
    // getClient() connects when the client is not open yet, as the adapter does before each operation.
    claim = redisClaim(async () => (await redis.getClient()) as RedisClientType, `${namespace}:`, now);
    records = redisRecords(async () => (await redis.getClient()) as RedisClientType, `${namespace}:`);
    // Without an offline queue, commands sent before the first connection fail; wait for it briefly,
    // but never let a Redis that is down hold up start-up (commands then answer with the defaults).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      redis.getClient().then(
        () => (clearTimeout(timer), resolve()),
        () => (clearTimeout(timer), resolve()),
      );
    });
    feed = await redisFeed(async () => (await redis.getClient()) as RedisClientType, `${namespace}:settings-changed`, logger);
  } else if (kind === 'memory') {
    keyv = new Keyv({ namespace, throwOnErrors: true });
    claim = memoryClaim(now);
    feed = memoryFeed();
    records = memoryRecords();
  } else {
    throw new Error(`STORE_URL "${url}" is not sqlite://<file>, redis://<host>:<port> or memory://`);
  }
  let lastError = '';
  keyv.on('error', (error: unknown) => {
    // A disconnected Redis repeats the same error on every retry; one line per change is enough.
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastError) logger.warn({ store: kind, err: message }, 'settings store error');
    lastError = message;
  });
  return {
    keyv,
    kind,
    claim,
    feed,
    records,
    async close() {
      // A store that is unreachable must not hold up shutdown: its clients would wait to reconnect.
      const closing = (async () => {
        await feed.close();
        try {
          await keyv.disconnect();
        } catch {
          // Already gone; nothing left to flush.
        }
      })();
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}
