import type { Catalog } from '../catalog/catalog.ts';
import type { Entry } from '../catalog/model.ts';

/** One stardate of one entry (a story told at two stardates has two). */
export interface Dated {
  entry: Entry;
  value: number;
  /** As the data writes it: "41153.7". */
  written: string;
}

/**
 * A family of stardates that can be compared with each other. The prime timeline's stardates grow
 * a digit per era (four in the 23rd century, five in the 24th, six in the far future); the Kelvin
 * films count by year (2258.42), which overlaps the four-digit range, so they are an era of their own.
 */
export interface Era {
  id: string;
  name: string;
  /** Series codes (and "films") whose stardates fall in it, for a reader to place it. */
  members: string[];
  /** Sorted by value. */
  dates: Dated[];
}

export type StardateAnswer = { eras: { era: Era; nearest: Dated[] }[]; fitted: boolean };

/** The most a stardate has ever been written with; a larger value is not one. */
export const MAX_STARDATE = 10_000_000;
/** How far from its known values a year-like Kelvin stardate may be and still be read as one. */
const KELVIN_MARGIN = 50;

function digits(value: number): number {
  return Math.max(1, Math.floor(Math.log10(Math.max(1, Math.floor(value)))) + 1);
}

function eraId(entry: Entry, value: number): string {
  return entry.kind === 'film' && entry.timeline === 'Kelvin' ? 'kelvin' : `digits-${Math.min(digits(value), 6)}`;
}

const ERA_NAMES: Record<string, string> = {
  kelvin: 'Kelvin timeline (stardates by year)',
  'digits-4': 'Four-digit stardates',
  'digits-5': 'Five-digit stardates',
  'digits-6': 'Six-digit stardates',
};

/** Stardates of every episode and film, grouped into eras, for "what happened around stardate X". */
export class StardateIndex {
  readonly eras: Era[];
  /** Every known stardate as written, sorted, for autocomplete. */
  private readonly written: Dated[];

  constructor(catalog: Catalog) {
    const byEra = new Map<string, Dated[]>();
    for (const entry of catalog.entries) {
      const written = entry.stardate?.split(', ') ?? [];
      entry.stardates.forEach((value, i) => {
        const id = eraId(entry, value);
        byEra.set(id, [...(byEra.get(id) ?? []), { entry, value, written: written[i] ?? String(value) }]);
      });
    }
    this.eras = [...byEra.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, dates]) => {
        dates.sort((a, b) => a.value - b.value);
        const members = [...new Set(dates.map((d) => (d.entry.kind === 'film' ? 'films' : d.entry.series.code)))];
        return { id, name: ERA_NAMES[id] ?? `${id.replace('digits-', '')}-digit stardates`, members, dates };
      });
    this.written = this.eras.flatMap((e) => e.dates).sort((a, b) => a.written.localeCompare(b.written));
  }

  /** Eras a value can belong to: the one with its number of digits, and the Kelvin films near their years. */
  private fits(era: Era, value: number): boolean {
    if (era.id === 'kelvin') return value >= era.dates[0]!.value - KELVIN_MARGIN && value <= era.dates.at(-1)!.value + KELVIN_MARGIN;
    return era.id === `digits-${Math.min(digits(value), 6)}`;
  }

  /**
   * The `perEra` nearest stardates in every era the value fits; when it fits none (a three-digit
   * value), the nearest of every era, with `fitted` false so the reply can say so.
   */
  nearest(value: number, perEra: number): StardateAnswer {
    const fitting = this.eras.filter((era) => this.fits(era, value));
    const eras = fitting.length > 0 ? fitting : this.eras;
    return { fitted: fitting.length > 0, eras: eras.map((era) => ({ era, nearest: nearestIn(era.dates, value, perEra) })) };
  }

  /** Known stardates that begin with what was typed, for autocomplete. */
  startingWith(text: string, limit = 25): Dated[] {
    const out: Dated[] = [];
    let lo = 0;
    let hi = this.written.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.written[mid]!.written < text) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.written.length && out.length < limit && this.written[i]!.written.startsWith(text); i++) out.push(this.written[i]!);
    return out;
  }
}

/** The `k` dates closest to `value` in a sorted list, closest first, each entry once. */
function nearestIn(dates: Dated[], value: number, k: number): Dated[] {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]!.value < value) lo = mid + 1;
    else hi = mid;
  }
  const out: Dated[] = [];
  const seen = new Set<Entry>();
  let left = lo - 1;
  let right = lo;
  while (out.length < k && (left >= 0 || right < dates.length)) {
    const takeLeft = right >= dates.length || (left >= 0 && value - dates[left]!.value <= dates[right]!.value - value);
    const pick = takeLeft ? dates[left--]! : dates[right++]!;
    if (!seen.has(pick.entry)) {
      seen.add(pick.entry);
      out.push(pick);
    }
  }
  return out;
}

/** A stardate as people type it ("41153.7", "SD 41153.7", "stardate 41153"), or why it is not one. */
export function parseStardate(text: string): { value: number; written: string } | { problem: string } {
  const cleaned = text
    .trim()
    .replace(/^(?:stardate|sd)\s*:?\s*/i, '')
    .trim();
  if (/^-\s*\d/.test(cleaned)) return { problem: 'Stardates are never negative.' };
  if (!/^\d{1,12}(?:\.\d{1,6})?$/.test(cleaned)) return { problem: 'is not a stardate. Type a number such as `41153.7` or `2258.42`.' };
  const value = Number(cleaned);
  if (value <= 0) return { problem: 'Stardate 0 is not a date any series uses. Try a value such as `41153.7`.' };
  if (value >= MAX_STARDATE) return { problem: `No stardate is that large: the known ones are below ${MAX_STARDATE.toLocaleString('en-US')}.` };
  return { value, written: cleaned };
}
