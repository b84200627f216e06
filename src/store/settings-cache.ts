import type { Logger } from '../log.ts';
import type { ChangeFeed } from './change-feed.ts';
import { WriteUnconfirmed, type Scope, type SettingsAccess, type SettingsChange, type SettingsRead, type SettingsStore } from './settings-store.ts';

/** A cached read is trusted for this long even if an invalidation was missed (a dropped pub/sub message). */
export const SETTINGS_MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 50_000;

/**
 * Settings answered from memory, so an interaction that changes nothing makes no store round trip.
 * A process sees its own writes at once (the entry is dropped as the write is acknowledged); other
 * processes' writes arrive through the change feed (Redis pub/sub, or SQLite's version counter
 * checked every second), and every entry expires after SETTINGS_MAX_AGE_MS whatever happens.
 */
export class SettingsCache implements SettingsAccess {
  private readonly entries = new Map<Scope, { read: SettingsRead; at: number }>();
  private readonly loading = new Map<Scope, Promise<SettingsRead>>();
  /** Bumped by every invalidation, so a read that started before one does not refill stale data. */
  private generation = 0;

  constructor(
    private readonly store: SettingsStore,
    private readonly feed: ChangeFeed,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    feed.onChange((scope) => this.forget(scope));
  }

  /** From memory when fresh; otherwise one store read, shared by every caller waiting for the same scope. */
  read(scope: Scope): SettingsRead | Promise<SettingsRead> {
    return this.peek(scope) ?? this.load(scope);
  }

  /** Memory only, never a round trip (autocomplete answers from this and warms the cache meanwhile). */
  peek(scope: Scope): SettingsRead | undefined {
    const entry = this.entries.get(scope);
    if (!entry) return undefined;
    if (this.now() - entry.at > SETTINGS_MAX_AGE_MS) {
      this.entries.delete(scope);
      return undefined;
    }
    return entry.read;
  }

  /** Starts loading a scope that is not in memory, without waiting for it. */
  warm(scope: Scope): void {
    if (!this.peek(scope)) void this.load(scope);
  }

  async change(scope: Scope, change: SettingsChange): Promise<void> {
    await this.written(scope, () => this.store.change(scope, change));
  }

  async reset(scope: Scope): Promise<void> {
    await this.written(scope, () => this.store.reset(scope));
  }

  /** After a write, or one that may have landed (unconfirmed), the cached scope is dropped and the change announced. */
  private async written(scope: Scope, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof WriteUnconfirmed) await this.changed(scope);
      throw error;
    }
    await this.changed(scope);
  }

  /** Drops cached settings: one scope, or all of them (after the feed may have missed messages). */
  forget(scope?: Scope): void {
    this.generation++;
    if (scope) this.entries.delete(scope);
    else this.entries.clear();
  }

  private async changed(scope: Scope): Promise<void> {
    this.forget(scope);
    try {
      await this.feed.publish(scope);
    } catch (error) {
      // Other processes then catch up through the entry age bound.
      this.logger.warn({ scope, err: (error as Error).message }, 'could not announce a settings change');
    }
  }

  private load(scope: Scope): Promise<SettingsRead> {
    const pending = this.loading.get(scope);
    if (pending) return pending;
    const generation = this.generation;
    const promise = this.store.read(scope).then((read) => {
      this.loading.delete(scope);
      // Defaults read while the store was away are not remembered: the next interaction asks again.
      if (read.available && generation === this.generation) {
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(scope, { read, at: this.now() });
      }
      return read;
    });
    this.loading.set(scope, promise);
    return promise;
  }
}
