const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string): Intl.DateTimeFormat {
  let found = formatters.get(locale);
  if (!found) {
    let tag = 'en-GB';
    try {
      tag = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en-GB';
    } catch {
      // An unknown or malformed locale tag: fall back rather than fail the reply.
    }
    // UTC on both sides: the date is a calendar day and must not shift with anyone's time zone.
    found = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formatters.set(locale, found);
  }
  return found;
}

function utc(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** "2022-03-10" -> "10 March 2022" (en-GB) or "March 10, 2022" (en-US): the same day for everyone. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  return formatter(locale).format(utc(isoDate));
}

export function yearOf(isoDate: string): string {
  return isoDate.slice(0, 4);
}

/** Whole days from the release day to today's date in UTC; negative for a release still to come. */
export function daysSince(isoDate: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - utc(isoDate).getTime()) / 86_400_000);
}

export function formatRange(first: string, last: string, locale: string): string {
  return first === last ? formatCalendarDate(first, locale) : `${formatCalendarDate(first, locale)} – ${formatCalendarDate(last, locale)}`;
}
