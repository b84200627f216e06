import type { RedisClientType } from '@keyv/redis';

/**
 * Claims `key` for `ms` milliseconds unless a live claim holds it, in one atomic step of the backend,
 * so N processes racing for the same key let exactly one through. Resolves to 0 when this call took
 * the claim, or to the milliseconds left on the claim that holds it.
 */
export type Claim = (key: string, ms: number) => Promise<number>;

/** Redis: SET NX PX with GET (Redis 7) sets only when absent and returns the holder's expiry in the same round trip. */
export function redisClaim(client: () => Promise<RedisClientType>, prefix: string, now: () => number): Claim {
  return async (key, ms) => {
    const until = now() + ms;
    const held = await (await client()).set(`${prefix}${key}`, String(until), { condition: 'NX', expiration: { type: 'PX', value: ms }, GET: true });
    return held === null ? 0 : Math.max(1, Number(held) - now());
  };
}

type Query = (sql: string, ...parameters: unknown[]) => Promise<{ value: string }[]>;

/**
 * SQLite: one upsert that replaces only an expired claim; RETURNING says whether this call wrote it.
 * The value is the expiry in milliseconds, stored outside keyv's JSON envelope (keyv never reads these keys).
 */
export function sqliteClaim(query: Query, table: string, prefix: string, now: () => number): Claim {
  const claim = `INSERT INTO ${table} (key, value) VALUES (?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE CAST(${table}.value AS INTEGER) <= ?
    RETURNING value`;
  const holder = `SELECT value FROM ${table} WHERE key = ?`;
  return async (key, ms) => {
    const at = now();
    const full = `${prefix}${key}`;
    const won = await query(claim, full, String(at + ms), at);
    if (won.length > 0) return 0;
    const [row] = await query(holder, full);
    return Math.max(1, Number(row?.value ?? at + ms) - at);
  };
}

/** One process: the event loop runs each check-and-set to completion, which makes it atomic. */
export function memoryClaim(now: () => number): Claim {
  const claims = new Map<string, number>();
  return async (key, ms) => {
    const at = now();
    const until = claims.get(key);
    if (until !== undefined && until > at) return until - at;
    claims.set(key, at + ms);
    // Expired claims are dropped on the next claim of any key once the map grows, so it stays bounded.
    if (claims.size > 10_000) for (const [k, v] of claims) if (v <= at) claims.delete(k);
    return 0;
  };
}
