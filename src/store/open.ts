import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import type { Logger } from '../log.ts';

export const DEFAULT_STORE_URL = 'sqlite://.data/trekdex.sqlite';

export interface OpenedStore {
  keyv: Keyv;
  kind: 'sqlite' | 'redis' | 'memory';
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
 * One keyv for all of TrekDex's state, namespaced "trekdex". Operations throw when the backend is
 * unreachable (instead of keyv's default of quietly returning nothing), so callers can tell
 * "no setting" from "settings unavailable".
 */
export async function openStore(url: string, logger: Logger): Promise<OpenedStore> {
  const kind = storeKind(url);
  let keyv: Keyv;
  if (kind === 'sqlite') {
    const file = url.slice('sqlite://'.length);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Adapters load on demand: a bot on SQLite never pays for the Redis client, and the other way round.
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    keyv = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5_000 }), namespace: 'trekdex', throwOnErrors: true });
  } else if (kind === 'redis') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    const redis = new KeyvRedis(
      {
        url,
        // Fail fast while Redis is away (commands answer with defaults) and keep reconnecting on our own.
        disableOfflineQueue: true,
        socket: { connectTimeout: 2_000, reconnectStrategy: (attempts: number) => Math.min(100 * 2 ** attempts, 2_000) },
      },
      { throwOnConnectError: false, throwOnErrors: true },
    );
    keyv = new Keyv({ store: redis, namespace: 'trekdex', throwOnErrors: true });
  } else if (kind === 'memory') {
    keyv = new Keyv({ namespace: 'trekdex', throwOnErrors: true });
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
    async close() {
      try {
        await keyv.disconnect();
      } catch {
        // Already gone; nothing left to flush.
      }
    },
  };
}
