import { tokens } from '../search/normalize.ts';
import { STOP_WORDS, stem } from '../search/plot-index.ts';
import type { Entry, Film, Series } from './model.ts';
import { LOGLINE_CHARS } from './texts.ts';

/**
 * The house rules for the texts this project writes (the writing rules in the README). Texts from a
 * data owner's pages keep their own style, so only those credited to the project are held to them;
 * markup and logline length are checked for every text when the pack loads (texts.ts).
 */
export const PROJECT_CREDIT = 'written by the TrekDex project';
export const SYNOPSIS_WORDS = { min: 60, max: 160 } as const;
/**
 * Openings that repeat read like a template: in one season's list (what /season shows), more than
 * two texts may not share their first three words; across a whole series, no more than 3 % of them
 * (at least three), since a long show naturally opens a few stories with its captain's name.
 */
const SAME_OPENING_PER_SEASON = 2;
const SAME_OPENING_SHARE = 0.03;
const SAME_OPENING_MIN = 3;
/**
 * A logline gives the ending away when several of its words, and a good share of them, are words
 * that only the synopsis's last sentence uses. One or two shared words are usually the premise
 * coming back at the end ("the star explodes") or a subplot's last line, as measured on the pack.
 */
const ENDING_WORDS_MIN = 3;
const ENDING_SHARE_MIN = 0.25;
const QUOTE_WORDS_MAX = 6;

export interface RuleBreak {
  entry: Entry;
  field: 'logline' | 'synopsis';
  problem: string;
}

const EPISODE_CODE = /\b[Ss]\d{1,3}\s?[Ee]\d{1,3}\b|\b\d{1,2}x\d{2}\b/;
const MARKDOWN = /[*_`~#>]|^\s*[-+]\s|\]\(/m;
const SENTENCE_END = /[.!?…]["”’)]?$/;
/** A sentence break that is not an abbreviation such as "Dr. Crusher" or "U.S.S. Enterprise". */
const SENTENCE_BREAK = /(?<!\b(?:Dr|Mr|Mrs|Ms|Lt|Cmdr|Capt|St|Jr|Sr|U\.S\.S|vs|[A-Z]))[.!?]\s+(?=[A-Z])/g;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function sentences(text: string): string[] {
  return text.split(SENTENCE_BREAK).filter((s) => s.trim());
}

/** Words about when or how much, which every story uses and no ending owns. */
const CONNECTIVES = new Set(
  'about after again also back before being both down each even ever just last only other over then there these those when where while will would'.split(' '),
);

/** The distinctive words of `text`: stemmed, without stop words, connectives or very short words. */
function keyWords(text: string): Set<string> {
  return new Set(
    tokens(text)
      .filter((w) => w.length >= 4 && !STOP_WORDS.has(w) && !CONNECTIVES.has(w))
      .map(stem),
  );
}

function opening(text: string): string {
  return tokens(text).slice(0, 3).join(' ');
}

/** Words that only the last sentence of the synopsis uses (not the title, not the rest of the story). */
export function endingWords(episode: Entry): string[] {
  if (!episode.logline || !episode.synopsis) return [];
  const parts = sentences(episode.synopsis.text);
  if (parts.length < 2) return [];
  const before = keyWords([episode.title, ...parts.slice(0, -1)].join(' '));
  const ending = [...keyWords(parts.at(-1)!)].filter((w) => !before.has(w));
  const logline = keyWords(episode.logline);
  return ending.filter((w) => logline.has(w));
}

function quoteTooLong(text: string): boolean {
  for (const match of text.matchAll(/["“]([^"”]+)["”]/g)) if (words(match[1]!).length > QUOTE_WORDS_MAX) return true;
  return false;
}

function loglineBreaks(episode: Entry, logline: string): string[] {
  const out: string[] = [];
  if (logline.length < LOGLINE_CHARS.min || logline.length > LOGLINE_CHARS.max) {
    out.push(`${logline.length} characters (${LOGLINE_CHARS.min}-${LOGLINE_CHARS.max})`);
  }
  if (!SENTENCE_END.test(logline)) out.push('does not end as a sentence ends');
  if (sentences(logline).length > 1) out.push('is more than one sentence');
  if (EPISODE_CODE.test(logline)) out.push('holds an episode code');
  if (MARKDOWN.test(logline)) out.push('holds markdown');
  const giveaway = endingWords(episode);
  if (giveaway.length >= ENDING_WORDS_MIN && giveaway.length >= ENDING_SHARE_MIN * keyWords(logline).size) {
    out.push(`names the ending of its synopsis (${giveaway.join(', ')})`);
  }
  return out;
}

function synopsisBreaks(text: string): string[] {
  const out: string[] = [];
  const count = words(text).length;
  if (count < SYNOPSIS_WORDS.min || count > SYNOPSIS_WORDS.max) out.push(`${count} words (${SYNOPSIS_WORDS.min}-${SYNOPSIS_WORDS.max})`);
  if (!SENTENCE_END.test(text.trim())) out.push('does not end as a sentence ends');
  if (EPISODE_CODE.test(text)) out.push('holds an episode code');
  if (MARKDOWN.test(text)) out.push('holds markdown');
  if (quoteTooLong(text)) out.push(`quotes more than ${QUOTE_WORDS_MAX} words of dialogue`);
  return out;
}

/** A list of texts shown together (a season, a series, the films) and how many may open alike. */
type Group = [entries: readonly Entry[], allowed: number, where: string];

function repeatedOpenings(groups: Group[], field: RuleBreak['field'], text: (e: Entry) => string | undefined): RuleBreak[] {
  const out: RuleBreak[] = [];
  const check = (episodes: readonly Entry[], allowed: number, where: string) => {
    const byOpening = new Map<string, Entry[]>();
    for (const episode of episodes) {
      const value = text(episode);
      if (!value) continue;
      const key = opening(value);
      byOpening.set(key, [...(byOpening.get(key) ?? []), episode]);
    }
    for (const [key, list] of byOpening) {
      if (list.length <= allowed) continue;
      const plural = field === 'synopsis' ? 'synopses' : 'loglines';
      for (const entry of list) out.push({ entry, field, problem: `one of ${list.length} ${plural} of this ${where} opening "${key}"` });
    }
  };
  for (const [entries, allowed, where] of groups) check(entries, allowed, where);
  return out;
}

const ours = (entry: Entry) => entry.synopsis?.credit === PROJECT_CREDIT;

function breaksOf(entries: readonly Entry[], groups: Group[]): RuleBreak[] {
  const out: RuleBreak[] = [];
  for (const entry of entries) {
    if (entry.logline) for (const problem of loglineBreaks(entry, entry.logline)) out.push({ entry, field: 'logline', problem });
    if (ours(entry)) for (const problem of synopsisBreaks(entry.synopsis!.text)) out.push({ entry, field: 'synopsis', problem });
  }
  out.push(...repeatedOpenings(groups, 'logline', (e) => e.logline));
  out.push(...repeatedOpenings(groups, 'synopsis', (e) => (ours(e) ? e.synopsis!.text : undefined)));
  return out.sort((a, b) => a.entry.position - b.entry.position);
}

/** Every text of the series that breaks a house rule, in episode order. */
export function ruleBreaks(series: Series): RuleBreak[] {
  const seasons: Group[] = series.seasons.map((season) => [season.episodes, SAME_OPENING_PER_SEASON, 'season']);
  const whole: Group = [series.episodes, Math.max(SAME_OPENING_MIN, Math.floor(SAME_OPENING_SHARE * series.episodes.length)), 'series'];
  return breaksOf(series.episodes, [...seasons, whole]);
}

/** The same rules for a pack's films, which are listed together as a season is. */
export function filmRuleBreaks(films: readonly Film[]): RuleBreak[] {
  return breaksOf(films, [[films, SAME_OPENING_PER_SEASON, 'film list']]);
}
