import { z } from 'zod';
import { loglineProblem, markupProblem } from './texts.ts';

/** Release dates are calendar days, never instants: "2022-03-10" stays 10 March everywhere. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);
const calendarDate = z.string().refine(isCalendarDate, { error: 'is not a date (expected YYYY-MM-DD)' });
const url = z.url({ protocol: /^https?$/, error: 'is not an http(s) link' });

/** Turns a check that names its problem into a zod refinement. */
const checked = (schema: z.ZodString, problem: (value: string) => string | undefined) =>
  schema.superRefine((value, ctx) => {
    const found = problem(value);
    if (found) ctx.addIssue({ code: 'custom', message: found });
  });

/** The most a card shows of a synopsis (see render/episode-card.ts); longer text would be cut. */
export const SYNOPSIS_MAX_CHARS = 3500;

const credited = z.strictObject({
  text: checked(text(SYNOPSIS_MAX_CHARS), markupProblem),
  /** Who wrote the text: the data owner's page, or this project. */
  credit: text(200),
});

/** "41153.7", "1834.2512" or several such values joined by ", " (a story told at two stardates). */
const stardate = z
  .string()
  .regex(/^\d{1,7}(?:\.\d{1,4})?(?:, \d{1,7}(?:\.\d{1,4})?)*$/, { error: 'is not a stardate (digits with an optional decimal part, several joined by ", ")' });
const imdb = z.string().regex(/^tt\d{7,9}$/, { error: 'is not an IMDb title id (tt followed by 7-9 digits)' });
/** Fields whose reference value is doubted, with the reason: kept in the data, left off the card. */
const doubts = z.partialRecord(z.enum(['stardate', 'productionCode', 'remasteredDate', 'imdb']), text(300));

export const episodeSchema = z.strictObject({
  number: z.int().min(0).max(9999),
  title: text(200),
  releaseDate: calendarDate,
  runtimeMinutes: z.int().min(1).max(1000).optional(),
  memoryAlpha: text(300).optional(),
  page: url.optional(),
  country: text(60).optional(),
  language: text(60).optional(),
  /** One spoiler-free sentence of premise, shown plainly on the card and in lists. */
  logline: checked(z.string().trim().min(1, { error: 'must not be empty' }), loglineProblem).optional(),
  synopsis: credited.optional(),
  /** Why this episode has no logline or synopsis yet, so a report can tell a gap from an oversight. */
  textsPending: text(300).optional(),
  stardate: stardate.optional(),
  productionCode: text(40).optional(),
  remasteredDate: calendarDate.optional(),
  imdb: imdb.optional(),
  factDoubts: doubts.optional(),
  source: text(300).optional(),
  /** Where the stardate, production code and IMDb id come from. */
  factsSource: text(300).optional(),
});

export const filmSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be lower-case letters, digits or dashes' }),
  title: text(200),
  aliases: z.array(text(100)).default([]),
  releaseDate: calendarDate,
  runtimeMinutes: z.int().min(1).max(1000).optional(),
  director: text(200).optional(),
  stardate: stardate.optional(),
  timeline: text(40).optional(),
  imdb: imdb.optional(),
  memoryAlpha: text(300).optional(),
  page: url.optional(),
  logline: checked(z.string().trim().min(1, { error: 'must not be empty' }), loglineProblem).optional(),
  synopsis: credited.optional(),
  textsPending: text(300).optional(),
  factDoubts: doubts.optional(),
  source: text(300).optional(),
});

export const filmsSchema = z.strictObject({ films: z.array(filmSchema) });

export const seasonSchema = z.strictObject({
  number: z.int().min(0).max(999),
  index: url.optional(),
  episodes: z.array(episodeSchema).min(1, { error: 'must list at least one episode' }),
});

export const seriesSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{1,16}$/, { error: 'must be 1-16 lower-case letters or digits' }),
  code: z.string().regex(/^[A-Z0-9]{1,6}$/, { error: 'must be 1-6 capital letters or digits' }),
  title: text(150),
  aliases: z.array(text(100)).default([]),
  firstYear: z.int().min(1900).max(2200),
  lastYear: z.int().min(1900).max(2200).optional(),
  network: text(200).optional(),
  creators: z.array(text(100)).default([]),
  /** Where it was made and in what language; an imported series may not know yet. */
  country: text(60).optional(),
  language: text(60).optional(),
  blurb: credited.optional(),
  index: url.optional(),
  seasons: z.array(seasonSchema).min(1, { error: 'must list at least one season' }),
});

export const packSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be lower-case letters, digits or dashes' }),
  name: text(100),
  episodePageBase: url.optional(),
  franchiseIndex: z.strictObject({ label: text(80), url }).optional(),
  /** Where the pack's films are listed, for the film card's link. */
  filmsIndex: z.strictObject({ label: text(80), url }).optional(),
  links: z.array(z.strictObject({ label: text(80), url })).default([]),
  source: z.strictObject({ description: text(2000), gathered: text(100).optional() }),
  series: z.array(z.string().regex(/^[\w.-]+\.json$/, { error: 'must be a .json file name in the pack folder' })).min(1),
  films: z
    .string()
    .regex(/^[\w.-]+\.json$/, { error: 'must be a .json file name in the pack folder' })
    .optional(),
});

export type EpisodeFile = z.infer<typeof episodeSchema>;
export type FilmFile = z.infer<typeof filmSchema>;
export type SeriesFile = z.infer<typeof seriesSchema>;
export type PackFile = z.infer<typeof packSchema>;
