import type Keyv from 'keyv';
import { z } from 'zod';
import type { Logger } from '../log.ts';
import { DEFAULT_SETTINGS, type Settings, type SpoilerMode } from '../settings.ts';
import { StoreUnavailable, WRITE_TIMEOUT_MS, withTimeout, WriteUnconfirmed } from './timeout.ts';

export { StoreUnavailable, WriteUnconfirmed } from './timeout.ts';

/** Settings belong to a server, or to a user in DMs and where TrekDex is only user-installed. */
export type Scope = `guild:${string}` | `user:${string}`;

export interface SettingsRead {
  settings: Settings;
  /** false when the store could not be reached and defaults were used. */
  available: boolean;
}

/**
 * What commands and the dispatcher read and write settings through: the store itself, or the
 * in-memory cache in front of it (settings-cache.ts), which can also answer from memory alone.
 */
export interface SettingsAccess {
  read(scope: Scope): SettingsRead | Promise<SettingsRead>;
  change(scope: Scope, change: SettingsChange): Promise<void>;
  reset(scope: Scope): Promise<void>;
  /** Memory only, no round trip; undefined when not cached (or not a cache). */
  peek?(scope: Scope): SettingsRead | undefined;
  /** Start loading a scope into memory without waiting. */
  warm?(scope: Scope): void;
}

/** A change to some settings; `defaultSeries: null` clears the preference. */
export interface SettingsChange {
  spoilers?: { mode: SpoilerMode; days: number };
  defaultSeries?: string | null;
  private?: boolean;
}

const spoilersValue = z.object({ mode: z.enum(['always', 'recent', 'never']), days: z.int().min(1).max(365) });
/** A cleared preference is stored as null, not deleted, so it also overrides an older whole-object value. */
const seriesValue = z.object({ id: z.string().max(16).nullable() });
const privateValue = z.boolean();
/** The format before each setting had its own key: still read, never written, removed by a reset. */
const legacyValue = z.object({ v: z.literal(1), spoilers: spoilersValue, defaultSeries: z.string().max(16).optional(), private: z.boolean() });

/**
 * Each setting lives under its own key (`settings:<scope>:spoilers`, `:series`, `:private`), so two
 * admins changing different settings at the same instant, from any processes, write different keys
 * and neither change can overwrite the other; two changes of one setting: the later write wins.
 */
export class SettingsStore implements SettingsAccess {
  constructor(
    private readonly keyv: Keyv,
    private readonly logger: Logger,
  ) {}

  private keys(scope: Scope) {
    const base = `settings:${scope}`;
    return { legacy: base, spoilers: `${base}:spoilers`, series: `${base}:series`, private: `${base}:private` };
  }

  /** Never throws: an unreachable store or a corrupt value yields the defaults. */
  async read(scope: Scope): Promise<SettingsRead> {
    const keys = this.keys(scope);
    let raw: unknown[];
    try {
      raw = await withTimeout(this.keyv.getMany([keys.legacy, keys.spoilers, keys.series, keys.private]), 'reading settings');
    } catch (error) {
      this.logger.warn({ scope, err: (error as Error).message }, 'settings unavailable, using defaults');
      return { settings: DEFAULT_SETTINGS, available: false };
    }
    const [legacy, spoilers, series, privately] = raw;
    const settings: Settings = { ...DEFAULT_SETTINGS };
    const take = <T>(schema: z.ZodType<T>, value: unknown, what: string, apply: (value: T) => void) => {
      if (value === undefined || value === null) return;
      const parsed = schema.safeParse(value);
      if (parsed.success) apply(parsed.data);
      else this.logger.warn({ scope, setting: what, problem: parsed.error.issues[0]?.message }, 'a stored setting is unreadable, using its default');
    };
    take(legacyValue, legacy, 'all', ({ v: _version, ...old }) => Object.assign(settings, old));
    take(spoilersValue, spoilers, 'spoilers', (value) => (settings.spoilers = value));
    take(seriesValue, series, 'series', ({ id }) => {
      if (id === null) delete settings.defaultSeries;
      else settings.defaultSeries = id;
    });
    take(privateValue, privately, 'private', (value) => (settings.private = value));
    // Frozen: readers share it while it is cached, and autocomplete keys its answers on it.
    return { settings: Object.freeze(settings), available: true };
  }

  /**
   * Writes the changed settings, each to its own key, and resolves once the store has acknowledged
   * every write. Throws StoreUnavailable when nothing was written, and WriteUnconfirmed when a write
   * was sent but not acknowledged in time (it may have been stored).
   */
  async change(scope: Scope, change: SettingsChange): Promise<void> {
    const keys = this.keys(scope);
    const entries: { key: string; value: unknown }[] = [];
    if (change.spoilers) entries.push({ key: keys.spoilers, value: spoilersValue.parse(change.spoilers) });
    if (change.defaultSeries !== undefined) entries.push({ key: keys.series, value: seriesValue.parse({ id: change.defaultSeries }) });
    if (change.private !== undefined) entries.push({ key: keys.private, value: privateValue.parse(change.private) });
    const results = await withTimeout(Promise.all(entries.map((e) => this.keyv.set(e.key, e.value))), 'saving settings', {
      ms: WRITE_TIMEOUT_MS,
      timedOut: WriteUnconfirmed,
    });
    if (results.some((ok) => ok === false)) throw new StoreUnavailable('the settings store refused the write');
  }

  async reset(scope: Scope): Promise<void> {
    const keys = this.keys(scope);
    await withTimeout(this.keyv.deleteMany(Object.values(keys)), 'resetting settings', { ms: WRITE_TIMEOUT_MS, timedOut: WriteUnconfirmed });
  }
}
