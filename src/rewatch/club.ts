import { z } from 'zod';
import { CADENCES, nextRun, type Plan } from './plan.ts';

/**
 * A rewatch club: one series posted episode by episode to one channel on a plan. Stored as JSON in
 * the records store under `rewatch:club:<guild>:<channel>` and only ever changed by compare-and-set.
 */
export const clubSchema = z.strictObject({
  guildId: z.string(),
  channelId: z.string(),
  seriesId: z.string(),
  /** Position in the series of the next episode to post. */
  next: z.int().min(0),
  /** Where the club began, so "episode 12 of 178" counts from the series' start. */
  startedAt: z.int().min(0),
  posted: z.int().min(0),
  every: z.enum(CADENCES),
  at: z.string(),
  timezone: z.string(),
  weekday: z.int().min(0).max(6).optional(),
  threads: z.boolean(),
  /** Epoch ms of the next scheduled post. */
  dueAt: z.number(),
  /** Epoch ms of the scheduled run last posted (or skipped), so a run delivered twice posts once. */
  lastRunAt: z.number().optional(),
  paused: z.strictObject({ reason: z.string(), by: z.enum(['admin', 'discord']) }).optional(),
  /** A process is posting episode `next` until this time (epoch ms); another may take over after it. */
  posting: z.strictObject({ until: z.number() }).optional(),
  /** Set when the last episode is posted: the club has ended and only its record remains until stopped. */
  finished: z.boolean().optional(),
  createdBy: z.string(),
});

export type Club = z.infer<typeof clubSchema>;

export function clubKey(guildId: string, channelId: string): string {
  return `rewatch:club:${guildId}:${channelId}`;
}

export const guildPrefix = (guildId: string) => `rewatch:club:${guildId}:`;
export const ALL_CLUBS = 'rewatch:club:';

export function planOf(club: Club): Plan {
  return { every: club.every, at: club.at, timezone: club.timezone, weekday: club.weekday };
}

/** The club after a scheduled or on-demand post of episode `club.next`. */
export function afterPost(club: Club, runAt: number | undefined, now: Date, episodes: number): Club {
  const next = club.next + 1;
  const finished = next >= episodes;
  const { posting: _, ...rest } = club;
  return {
    ...rest,
    next,
    posted: club.posted + 1,
    ...(runAt !== undefined ? { lastRunAt: runAt } : {}),
    // A scheduled run plans from its own time; a post missed while the bot was down is made once, and
    // the plan continues from now rather than catching up one post per missed day.
    dueAt: nextRun(planOf(club), new Date(Math.max(now.getTime(), runAt ?? 0))).getTime(),
    ...(finished ? { finished: true } : {}),
  };
}
