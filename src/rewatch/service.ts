import { clubKey, planOf, type Club } from './club.ts';
import type { ClubStore } from './club-store.ts';
import type { RewatchEngine } from './engine.ts';
import { firstWeekday, nextRun, type Plan } from './plan.ts';
import type { RewatchRunner, RunOutcome } from './runner.ts';

export interface NewClub {
  guildId: string;
  channelId: string;
  seriesId: string;
  /** Position in the series of the first episode to post. */
  from: number;
  plan: Omit<Plan, 'weekday'>;
  threads: boolean;
  createdBy: string;
}

/** What `/rewatch` changes, each change one compare-and-set on the club and one word to the engine. */
export class RewatchService {
  constructor(
    readonly clubs: ClubStore,
    private readonly runner: RewatchRunner,
    private readonly engine: RewatchEngine,
    private readonly now: () => number,
  ) {}

  get engineKind(): RewatchEngine['kind'] {
    return this.engine.kind;
  }

  /** Starts a club; undefined when the channel already has one. */
  async start(input: NewClub): Promise<Club | undefined> {
    const now = new Date(this.now());
    const weekday = input.plan.every === 'weekly' ? firstWeekday(input.plan.at, input.plan.timezone, now) : undefined;
    const plan: Plan = { ...input.plan, ...(weekday !== undefined ? { weekday } : {}) };
    const club: Club = {
      guildId: input.guildId,
      channelId: input.channelId,
      seriesId: input.seriesId,
      next: input.from,
      startedAt: input.from,
      posted: 0,
      every: plan.every,
      at: plan.at,
      timezone: plan.timezone,
      ...(weekday !== undefined ? { weekday } : {}),
      threads: input.threads,
      dueAt: nextRun(plan, now).getTime(),
      createdBy: input.createdBy,
    };
    if (!(await this.clubs.create(club))) return undefined;
    await this.engine.changed(clubKey(club.guildId, club.channelId), club);
    return club;
  }

  async postNext(club: Club): Promise<RunOutcome> {
    return this.runner.postNext(club);
  }

  async pause(club: Club, reason: string): Promise<Club | undefined> {
    return this.change(club, (c) => ({ ...c, paused: { reason, by: 'admin' } }));
  }

  /** Clears the pause; the next post is the next planned time from now (never a burst of missed ones). */
  async resume(club: Club): Promise<Club | undefined> {
    const now = new Date(this.now());
    return this.change(club, (c) => {
      const { paused: _, ...rest } = c;
      return { ...rest, dueAt: c.dueAt > now.getTime() ? c.dueAt : nextRun(planOf(c), now).getTime() };
    });
  }

  async stop(club: Club): Promise<boolean> {
    const key = clubKey(club.guildId, club.channelId);
    const result = await this.clubs.update(key, (c) => (c ? { club: undefined } : { refuse: 'gone' }));
    await this.engine.changed(key, undefined);
    return !('refuse' in result);
  }

  private async change(club: Club, edit: (club: Club) => Club): Promise<Club | undefined> {
    const key = clubKey(club.guildId, club.channelId);
    const result = await this.clubs.update(key, (c) => (c ? { club: edit(c) } : { refuse: 'gone' }));
    const changed = 'club' in result ? result.club : undefined;
    await this.engine.changed(key, changed);
    return changed;
  }
}
