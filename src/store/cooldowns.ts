import type Keyv from 'keyv';
import type { Logger } from '../log.ts';
import { withTimeout } from './settings-store.ts';

/**
 * Per-user cooldowns kept in the shared store, so they hold across shards and HTTP replicas.
 * If the store is unreachable the user is let through: a missing cooldown hurts less than a
 * command that never answers.
 */
export class Cooldowns {
  constructor(
    private readonly keyv: Keyv,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a cooldown unless one is running; returns the seconds left of a running one, or 0. */
  async take(name: string, userId: string, seconds: number): Promise<number> {
    const key = `cooldown:${name}:${userId}`;
    try {
      const until = await withTimeout(this.keyv.get<number>(key), 'reading a cooldown');
      const now = this.now();
      if (typeof until === 'number' && until > now) return Math.ceil((until - now) / 1000);
      await withTimeout(this.keyv.set(key, now + seconds * 1000, seconds * 1000), 'starting a cooldown');
      return 0;
    } catch (error) {
      this.logger.warn({ cooldown: name, err: (error as Error).message }, 'cooldown store unavailable, letting the user through');
      return 0;
    }
  }
}
