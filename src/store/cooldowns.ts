import type { Logger } from '../log.ts';
import type { Claim } from './claims.ts';
import { withTimeout } from './timeout.ts';

/**
 * Per-user cooldowns kept in the shared store, so they hold across shards and HTTP replicas: one
 * atomic claim per use, so of N simultaneous uses exactly one gets through. If the store is
 * unreachable the user is let through: a missing cooldown hurts less than a command that never answers.
 */
export class Cooldowns {
  constructor(
    private readonly claim: Claim,
    private readonly logger: Logger,
  ) {}

  /** Starts a cooldown unless one is running; returns the seconds left of a running one, or 0. */
  async take(name: string, userId: string, seconds: number): Promise<number> {
    try {
      const left = await withTimeout(this.claim(`cooldown:${name}:${userId}`, seconds * 1000), 'starting a cooldown');
      return Math.ceil(left / 1000);
    } catch (error) {
      this.logger.warn({ cooldown: name, err: (error as Error).message }, 'cooldown store unavailable, letting the user through');
      return 0;
    }
  }
}
