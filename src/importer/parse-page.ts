import { isCalendarDate } from '../catalog/schema.ts';
import { htmlToText, looksLikeHtml } from './html.ts';

/** What an episode page says, in the pack's terms. */
export interface PageRecord {
  seriesName: string;
  year?: number;
  season: number;
  episode: number;
  title: string;
  blurb?: string;
  synopsis?: string;
  releaseDate?: string;
  runtimeMinutes?: number;
  country?: string;
  language?: string;
}

export class PageError extends Error {}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Star Trek: Picard (2022): S02E02 – Penance", "Picard S2E2 - Penance", "… S02E02: “Penance”". */
const TITLE_LINE = /^(.+?)\s*(?:\((\d{4})\))?\s*[:\-–—]?\s*S(\d{1,3})\s*E(\d{1,4})\s*(?:[:\-–—]\s*)(.+)$/i;
const DETAIL = /^\s*(?:[•\-*·]\s*)?(release date|running time|runtime|country|language)\s*:\s*(.+?)\s*\.?\s*$/i;
/** Where the story ends and the site's navigation and boilerplate begin. */
const STOP = /^(you can find\b|production (&|and) filming details|video clip|leave a reply|related\b|share this\b)/i;

export function parseDate(text: string): string | undefined {
  const t = text
    .trim()
    .replace(/(\d)(st|nd|rd|th)\b/i, '$1')
    .replace(/\.$/, '');
  let m: RegExpExecArray | null;
  let iso: string | undefined;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) iso = `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}`;
  else if ((m = /^(\d{1,2}) ([a-z]+),? (\d{4})$/i.exec(t))) iso = monthDate(m[2]!, +m[1]!, m[3]!);
  else if ((m = /^([a-z]+) (\d{1,2}),? (\d{4})$/i.exec(t))) iso = monthDate(m[1]!, +m[2]!, m[3]!);
  return iso && isCalendarDate(iso) ? iso : undefined;
}

function monthDate(name: string, day: number, year: string): string | undefined {
  const lower = name.toLowerCase();
  const month = MONTHS.findIndex((m) => lower.length >= 3 && m.startsWith(lower));
  return month < 0 ? undefined : `${year}-${pad(month + 1)}-${pad(day)}`;
}

/** "46 minutes", "46 min", "1 hour 26 minutes", "1h 26m", "86 mins". */
export function parseRunningTime(text: string): number | undefined {
  const t = text.toLowerCase().replace(/\.$/, '').trim();
  const m = /^(?:(\d+)\s*(?:h|hr|hrs|hours?))?\s*(?:(\d+)\s*(?:m|min|mins|minutes?))?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return undefined;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes > 0 ? minutes : undefined;
}

const unquote = (text: string) =>
  text
    .trim()
    .replace(/^["“”'‘’]+|["“”'‘’]+$/g, '')
    .trim();

/**
 * Reads a saved episode page (plain text or HTML) by its structure: the first line with an episode
 * code is the title line; the paragraphs after it are the series blurb (those that name the series,
 * or follow it with "It is ...") and then the synopsis, up to the site's index links; the labelled
 * details can be anywhere. Throws PageError naming what is missing.
 */
export function parsePage(content: string): PageRecord {
  const text = (looksLikeHtml(content) ? htmlToText(content) : content).replace(/\r\n?/g, '\n');
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const titleAt = blocks.findIndex((b) => TITLE_LINE.test(b));
  if (titleAt < 0) throw new PageError('no title line (like "Series (2022): S02E02 – Title")');
  const t = TITLE_LINE.exec(blocks[titleAt]!)!;
  const record: PageRecord = {
    seriesName: unquote(t[1]!.replace(/[:\-–—]\s*$/, '')),
    season: Number(t[3]),
    episode: Number(t[4]),
    title: unquote(t[5]!),
  };
  if (t[2]) record.year = Number(t[2]);
  if (!record.seriesName) throw new PageError('the title line names no series');

  const story: string[] = [];
  for (const block of blocks.slice(titleAt + 1)) {
    if (STOP.test(block) || DETAIL.test(block)) break;
    story.push(block);
  }
  // A heading line such as "Star Trek Picard Series" sits just before the index links.
  while (story.length && STOP.test(blocks[blocks.indexOf(story.at(-1)!) + 1] ?? '') && !/[.!?”"]$/.test(story.at(-1)!)) story.pop();
  const shortName = record.seriesName.replace(/^.*?:\s*/, '').toLowerCase();
  const blurb: string[] = [];
  while (story.length > 1) {
    const first = story[0]!.toLowerCase();
    const namesSeries = first.startsWith(record.seriesName.toLowerCase()) || (first.includes(shortName) && /\b(series|show|programme|program)\b/.test(first));
    const continues = blurb.length > 0 && /^(it|the series|the show)\b/i.test(story[0]!);
    if (!namesSeries && !continues) break;
    blurb.push(story.shift()!);
  }
  if (blurb.length) record.blurb = blurb.join(' ');
  if (story.length) record.synopsis = story.join('\n\n');

  const details = blocks
    .flatMap((b) => b.split(/(?=\s•\s)/))
    .map((b) => DETAIL.exec(b.trim()))
    .filter((m): m is RegExpExecArray => m !== null);
  if (details.length === 0) throw new PageError('no details list (Release Date, Running Time, Country, Language)');
  for (const [, label, raw] of details) {
    const value = raw!.trim();
    switch (label!.toLowerCase()) {
      case 'release date': {
        const iso = parseDate(value);
        if (!iso) throw new PageError(`Release Date "${value}" is not a date`);
        record.releaseDate = iso;
        break;
      }
      case 'running time':
      case 'runtime': {
        const minutes = parseRunningTime(value);
        if (minutes === undefined) throw new PageError(`Running Time "${value}" is not a length of time`);
        record.runtimeMinutes = minutes;
        break;
      }
      case 'country':
        record.country = value;
        break;
      case 'language':
        record.language = value;
        break;
    }
  }
  return record;
}
