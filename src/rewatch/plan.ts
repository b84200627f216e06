import { Cron } from 'croner';

export const CADENCES = ['daily', 'weekdays', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** When a club posts: a local time of day in an IANA time zone, every day, every weekday, or one day a week. */
export interface Plan {
  every: Cadence;
  /** "20:00", 24-hour, local to `timezone`. */
  at: string;
  timezone: string;
  /** 0 (Sunday) to 6, for weekly clubs: the weekday of the first post. */
  weekday?: number;
}

/** "20:00", "8:05", "0800"? Only H:MM or HH:MM, 24-hour; undefined when it is not a time. */
export function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** Whether the runtime's time zone database knows `name` ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime knows, for autocomplete. */
export const TIME_ZONES: readonly string[] = (() => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes('UTC') ? supported : ['UTC', ...supported];
})();

/** The cron pattern croner turns into run times; croner applies the zone, so 20:00 stays 20:00 across DST. */
export function cronPattern(plan: Plan): string {
  const time = parseTime(plan.at);
  if (!time) throw new Error(`not a time: ${plan.at}`);
  const days = plan.every === 'daily' ? '*' : plan.every === 'weekdays' ? '1-5' : String(plan.weekday ?? 0);
  return `${time.minute} ${time.hour} * * ${days}`;
}

/** The first run strictly after `after`. */
export function nextRun(plan: Plan, after: Date): Date {
  const next = new Cron(cronPattern(plan), { timezone: plan.timezone, paused: true }).nextRun(after);
  if (!next) throw new Error('the plan has no next run');
  return next;
}

/** The weekday (0-6) in `timezone` of the first time `at` comes round after `after`: a weekly club keeps that day. */
export function firstWeekday(at: string, timezone: string, after: Date): number {
  const first = nextRun({ every: 'daily', at, timezone }, after);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short' }).format(first);
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name);
}
