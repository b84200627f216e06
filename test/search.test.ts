import { describe, expect, it } from 'vitest';
import type { Episode } from '../src/catalog/model.ts';
import { createDex } from '../src/dex.ts';
import { dex } from './helpers.ts';

const label = (e: Episode) => `${e.series.code} ${e.code} ${e.title}`;

function resolve(query: string, preferSeries?: string) {
  const found = dex().episodes.resolve(query, { preferSeries });
  if (found.kind === 'none') throw new Error(`nothing found for ${query}`);
  return { kind: found.kind, top: label(found.episode), alternatives: found.alternatives.map(label) };
}

describe('/episode query resolution', () => {
  it.each([
    ['picard s02e02', 'PIC S02E02 Penance'],
    ['PIC 2x02', 'PIC S02E02 Penance'],
    ['pic s2e2', 'PIC S02E02 Penance'],
    ['Star Trek: Picard S02E02', 'PIC S02E02 Penance'],
    ['tng 1x01', 'TNG S01E01 Encounter at Farpoint (Part 1)'],
    ['ds9 season 4 episode 1', 'DS9 S04E01 The Way of the Warrior (Part 1)'],
    ['tos s01e00', 'TOS S01E00 The Cage'],
  ])('finds %s by its episode code', (query, expected) => {
    expect(resolve(query)).toMatchObject({ kind: 'code', top: expected });
  });

  it('answers a bare code with the preferred series, and names the others', () => {
    for (const code of ['S02E02', 's2e2', '2x02']) {
      const found = resolve(code, 'pic');
      expect(found.top).toBe('PIC S02E02 Penance');
      expect(found.alternatives).toContain('TNG S02E02 Where Silence Has Lease');
    }
    expect(resolve('S02E02').alternatives.length).toBeGreaterThan(5);
  });

  it.each([
    ['penance', 'PIC S02E02 Penance'],
    ['PENANCE', 'PIC S02E02 Penance'],
    ['  Penance!! ', 'PIC S02E02 Penance'],
    ['picard penance', 'PIC S02E02 Penance'],
    ['the best of both worlds', 'TNG S03E26 The Best of Both Worlds'],
    ['deja q', 'TNG S03E13 Deja Q'],
    ['Déjà Q', 'TNG S03E13 Deja Q'],
    ['Mudds Women', "TOS S01E06 Mudd's Women"],
    ['what are little girls made of', 'TOS S01E07 What Are Little Girls Made Of?'],
    ['the next generation', 'PIC S03E01 The Next Generation'],
  ])('finds %s by its exact title', (query, expected) => {
    expect(resolve(query)).toMatchObject({ kind: 'title', top: expected });
  });

  it.each([
    ['pennance', 'PIC S02E02 Penance'],
    ['best of both wolds', 'TNG S03E26 The Best of Both Worlds'],
    ['enconter at farpoint', 'TNG S01E01 Encounter at Farpoint (Part 1)'],
    ['the trouble with tribles', 'TOS S02E15 The Trouble with Tribbles'],
    ['yesterdays enterprize', "TNG S03E15 Yesterday's Enterprise"],
  ])('forgives the typos in %s', (query, expected) => {
    expect(resolve(query)).toMatchObject({ kind: 'fuzzy', top: expected });
  });

  it('does not let titles shared by several series hide each other', () => {
    expect(resolve('emissary')).toEqual({
      kind: 'title',
      top: 'DS9 S01E01 Emissary (Part 1)',
      alternatives: ['DS9 S01E02 Emissary (Part 2)', 'TNG S02E20 The Emissary'],
    });
    expect(resolve('the emissary')).toMatchObject({
      top: 'TNG S02E20 The Emissary',
      alternatives: ['DS9 S01E01 Emissary (Part 1)', 'DS9 S01E02 Emissary (Part 2)'],
    });
    expect(resolve('unification')).toEqual({
      kind: 'title',
      top: 'TNG S05E07 Unification I',
      alternatives: ['TNG S05E08 Unification II', 'DIS S03E07 Unification III'],
    });
    expect(resolve('unification', 'dis').top).toBe('DIS S03E07 Unification III');
    expect(resolve('q2').top).toBe('VOY S07E19 Q2');
    expect(resolve('anomaly').alternatives).toHaveLength(1);
  });

  it('finds nothing in nonsense, but still offers the closest titles when there are any', () => {
    expect(dex().episodes.resolve('zzzzzz qqqqqq')).toEqual({ kind: 'none', suggestions: [] });
    expect(dex().episodes.resolve('')).toEqual({ kind: 'none', suggestions: [] });
  });

  it('opens an episode from its id, as autocomplete sends it', () => {
    expect(resolve('pic-s02e02')).toMatchObject({ kind: 'id', top: 'PIC S02E02 Penance' });
  });
});

describe('autocomplete', () => {
  const titles = (query: string, preferSeries?: string) => dex().episodes.autocomplete(query, { preferSeries }).map(label);

  it.each([
    ['pen', 'PIC S02E02 Penance'],
    ['pena', 'PIC S02E02 Penance'],
    ['Penan', 'PIC S02E02 Penance'],
    ['picard pen', 'PIC S02E02 Penance'],
    ['the next gen', 'PIC S03E01 The Next Generation'],
    ['best of bo', 'TNG S03E26 The Best of Both Worlds'],
    ['yesterday', "TNG S03E15 Yesterday's Enterprise"],
  ])('offers %s -> %s among the first three', (query, expected) => {
    expect(titles(query).slice(0, 3)).toContain(expected);
  });

  it('puts the exact title first once it is typed in full', () => {
    expect(titles('penance')[0]).toBe('PIC S02E02 Penance');
    expect(titles('pena')[0]).toBe('PIC S02E02 Penance');
  });

  it('returns at most 25 choices, whatever is typed', () => {
    for (const query of ['', 't', 'the', 'a', 'tng', 's01', 'star trek', 'x'.repeat(100)]) expect(titles(query).length).toBeLessThanOrEqual(25);
    expect(titles('the')).toHaveLength(25);
  });

  it('lists a series when only its name is typed', () => {
    expect(titles('picard').slice(0, 3)).toEqual(['PIC S01E01 Remembrance', 'PIC S01E02 Maps and Legends', 'PIC S01E03 The End is the Beginning']);
  });

  it('starts with the preferred series when nothing is typed yet', () => {
    expect(titles('', 'snw')[0]).toBe('SNW S01E01 Strange New Worlds');
  });
});

describe('plot search', () => {
  const top = (query: string) =>
    dex()
      .plots.search(query, 5)
      .map((h) => label(h.entry as Episode));

  it('finds Penance from what happens in it', () => {
    expect(top('borg queen execution')[0]).toBe('PIC S02E02 Penance');
    expect(top('Confederation of Earth xenophobic')[0]).toBe('PIC S02E02 Penance');
    expect(top('executing the borg quen')[0]).toBe('PIC S02E02 Penance');
  });

  it('also finds episodes by title words, and returns at most five', () => {
    // Both tribble stories have the word in their titles; which one leads depends on their synopses.
    expect(top('tribbles').slice(0, 2)).toEqual(expect.arrayContaining(['TOS S02E15 The Trouble with Tribbles', 'TAS S01E05 More Tribbles, More Troubles']));
    expect(top('the').length).toBeLessThanOrEqual(5);
    expect(top('zzzzqqqq')).toEqual([]);
  });
});

describe('building what start-up leaves to the background', () => {
  it('can run in the background and is finished on demand by the first search', async () => {
    const background = createDex(dex().catalog, { background: true });
    expect(background.plots.search('borg queen execution', 1)[0]?.entry.id).toBe('pic-s02e02');
    const later = createDex(dex().catalog, { background: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(later.plots.search('trouble with tribbles', 1)[0]?.entry.id).toBe('tos-s02e15');
  });

  it('answers a typo at once after start-up, and after the background build, the same way', async () => {
    const fresh = createDex(dex().catalog, { background: true });
    // Before any background step has run: the typo tables are built by this first lookup.
    expect(fresh.episodes.resolve('pennance')).toMatchObject({ kind: 'fuzzy', episode: { id: 'pic-s02e02' } });
    expect(fresh.plots.search('exekution borg', 1)[0]?.entry.id).toBe('pic-s02e02');
    const settled = createDex(dex().catalog, { background: true });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled.episodes.resolve('pennance')).toMatchObject({ kind: 'fuzzy', episode: { id: 'pic-s02e02' } });
    expect(settled.episodes.autocomplete('enconter at far')[0]?.id).toBe('tng-s01e01');
  });
});
