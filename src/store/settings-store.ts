import type Keyv from 'keyv';
import { z } from 'zod';
import type { Logger } from '../log.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings.ts';

/** Every store call gives up after this long: a reply must not wait on a sick backend. */
export const STORE_TIMEOUT_MS = 750;

export class StoreUnavailable extends Error {}

const stored = z.object({
  v: z.literal(1),
  spoilers: z.object({ mode: z.enum(['always', 'recent', 'never']), days: z.int().min(1).max(365) }),
  defaultSeries: z.string().max(16).optional(),
  private: z.boolean(),
});

/** Settings belong to a server, or to a user in DMs and where TrekDex is only user-installed. */
export type Scope = `guild:${string}` | `user:${string}`;

export interface SettingsRead {
  settings: Settings;
  /** false when the store could not be reached and defaults were used. */
  available: boolean;
}

export function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  // One promise and one timer per call (no Promise.race): this runs for every interaction.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreUnavailable(`${what} timed out after ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof StoreUnavailable ? error : new StoreUnavailable(`${what} failed: ${(error as Error)?.message ?? String(error)}`));
      },
    );
  });
}

export class SettingsStore {
  constructor(
    private readonly keyv: Keyv,
    private readonly logger: Logger,
  ) {}

  private key(scope: Scope): string {
    return `settings:${scope}`;
  }

  /** Never throws: an unreachable store or a corrupt value yields the defaults. */
  async read(scope: Scope): Promise<SettingsRead> {
    let raw: unknown;
    try {
      raw = await withTimeout(this.keyv.get(this.key(scope)), 'reading settings');
    } catch (error) {
      this.logger.warn({ scope, err: (error as Error).message }, 'settings unavailable, using defaults');
      return { settings: DEFAULT_SETTINGS, available: false };
    }
    if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, available: true };
    const parsed = stored.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn({ scope, problem: parsed.error.issues[0]?.message }, 'stored settings are unreadable, using defaults');
      return { settings: DEFAULT_SETTINGS, available: true };
    }
    const { v: _version, ...settings } = parsed.data;
    return { settings, available: true };
  }

  /**
   * Applies `change` to the current settings and writes the result. Resolves only once the store
   * has acknowledged the write; throws StoreUnavailable otherwise, so nothing unsaved is confirmed.
   */
  async update(scope: Scope, change: (current: Settings) => Settings): Promise<Settings> {
    const current = await this.read(scope);
    if (!current.available) throw new StoreUnavailable('settings store unreachable');
    const next = change(current.settings);
    const value = stored.parse({ v: 1, ...next });
    const ok = await withTimeout(this.keyv.set(this.key(scope), value), 'saving settings');
    if (ok === false) throw new StoreUnavailable('the settings store refused the write');
    return next;
  }

  async reset(scope: Scope): Promise<void> {
    await withTimeout(this.keyv.delete(this.key(scope)), 'resetting settings');
  }
}
