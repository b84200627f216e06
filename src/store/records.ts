import type { RedisClientType } from '@keyv/redis';

/**
 * Small JSON records that change by compare-and-set, in one atomic step of the backend, so two
 * processes (or two admins) changing the same record at once cannot both win: the loser sees that
 * the record moved and tries again on the new value. Values live outside keyv's envelope, as claims do.
 */
export interface Records {
  get(key: string): Promise<string | undefined>;
  /** Writes `value` only if `key` holds `expected` (undefined: only if absent). True when it wrote. */
  swap(key: string, expected: string | undefined, value: string | undefined): Promise<boolean>;
  /** Every record whose key starts with `prefix`, as [key without the store prefix, value]. */
  list(prefix: string): Promise<[string, string][]>;
}

type Query = (sql: string, ...parameters: unknown[]) => Promise<Record<string, unknown>[]>;

export function sqliteRecords(query: Query, table: string, prefix: string): Records {
  const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return {
    async get(key) {
      const [row] = await query(`SELECT value FROM ${table} WHERE key = ?`, prefix + key);
      return row ? String(row.value) : undefined;
    },
    async swap(key, expected, value) {
      const full = prefix + key;
      if (expected === undefined && value === undefined) return (await this.get(key)) === undefined;
      if (expected === undefined)
        return (await query(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`, full, value)).length > 0;
      if (value === undefined) return (await query(`DELETE FROM ${table} WHERE key = ? AND value = ? RETURNING key`, full, expected)).length > 0;
      return (await query(`UPDATE ${table} SET value = ? WHERE key = ? AND value = ? RETURNING key`, value, full, expected)).length > 0;
    },
    async list(start) {
      const rows = await query(`SELECT key, value FROM ${table} WHERE key LIKE ? ESCAPE '\\' ORDER BY key`, `${escape(prefix + start)}%`);
      return rows.map((r) => [String(r.key).slice(prefix.length), String(r.value)]);
    },
  };
}

/** One Lua script per swap: Redis runs it without interleaving any other command. */
const SWAP = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == '0' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[4]) end
return 1`;

export function redisRecords(client: () => Promise<RedisClientType>, prefix: string): Records {
  return {
    async get(key) {
      return (await (await client()).get(prefix + key)) ?? undefined;
    },
    async swap(key, expected, value) {
      const args = [expected === undefined ? '0' : '1', expected ?? '', value === undefined ? '0' : '1', value ?? ''];
      return (await (await client()).eval(SWAP, { keys: [prefix + key], arguments: args })) === 1;
    },
    async list(start) {
      const redis = await client();
      const out: [string, string][] = [];
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}${start.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`, COUNT: 200 })) {
        for (const key of Array.isArray(keys) ? keys : [keys]) {
          const value = await redis.get(key);
          if (value !== null) out.push([key.slice(prefix.length), value]);
        }
      }
      return out.sort((a, b) => a[0].localeCompare(b[0]));
    },
  };
}

export function memoryRecords(): Records {
  const map = new Map<string, string>();
  return {
    async get(key) {
      return map.get(key);
    },
    async swap(key, expected, value) {
      if (map.get(key) !== expected) return false;
      if (value === undefined) map.delete(key);
      else map.set(key, value);
      return true;
    },
    async list(start) {
      return [...map.entries()].filter(([k]) => k.startsWith(start)).sort((a, b) => a[0].localeCompare(b[0]));
    },
  };
}
