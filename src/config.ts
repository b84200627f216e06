import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_NAMESPACE, DEFAULT_STORE_URL, storeKind } from './store/open.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const snowflake = z.string().regex(/^\d{17,20}$/, { error: 'is not a Discord id (17-20 digits)' });

const schema = z.object({
  DISCORD_TOKEN: z.string().min(20, { error: 'looks too short to be a bot token' }).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'must be the 64 hex characters shown on the General Information page' })
    .optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' }).default('https://discord.com/api'),
  BOT_MODE: z.enum(['gateway', 'http'], { error: 'must be gateway or http' }).default('gateway'),
  SHARD_COUNT: z
    .string()
    .regex(/^(auto|[1-9]\d{0,3})$/, { error: 'must be auto or a number of shards (1-9999)' })
    .optional(),
  PLAYGROUND_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535, { error: 'must be a port number (0-65535)' }).default(3000),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535, { error: 'must be a port number (1-65535)' }).default(8080),
  DATA_DIR: z.string().min(1).default('data'),
  STORE_URL: z
    .string()
    .refine((url) => storeKind(url) !== undefined, { error: 'must be sqlite://<file>, redis://<host>:<port> or memory://' })
    .default(DEFAULT_STORE_URL),
  STORE_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1-40 lower-case letters, digits or dashes' })
    .default(DEFAULT_NAMESPACE),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
});

export type Config = z.infer<typeof schema>;

/** Reads `.env` when present (Node's own loader); real environment variables win. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Validates the environment; every problem is reported at once, one line each, naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (as copied from .env.example) means "not set".
  const cleaned = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key]?.trim() || undefined]));
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return { ...parsed.data, DISCORD_API_BASE: parsed.data.DISCORD_API_BASE.replace(/\/+$/, '') };
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      // Never echo the token back, not even a wrong one.
      const shown = key === 'DISCORD_TOKEN' ? '' : ` ("${String(cleaned[key])}")`;
      return `${key}${shown} ${issue.message}`;
    }),
  );
}

export function requireSetting<K extends keyof Config>(config: Config, key: K, why: string): NonNullable<Config[K]> {
  const value = config[key];
  if (value === undefined || value === null) throw new ConfigError([`${key} is not set: ${why}`]);
  return value as NonNullable<Config[K]>;
}
