import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load.ts';
import { brokenPack, problemsOf, removeBrokenPacks } from './broken-pack.ts';
import { dex } from './helpers.ts';

describe('the Star Trek pack', () => {
  it('holds the franchise, all 14 series and all 970 episodes', () => {
    const { catalog } = dex();
    expect(catalog.packs.map((p) => p.name)).toEqual(['Star Trek']);
    expect(catalog.series.map((s) => s.code)).toEqual(['TOS', 'TAS', 'TNG', 'DS9', 'VOY', 'ENT', 'DIS', 'ST', 'PIC', 'LD', 'PRO', 'SNW', 'VST', 'SFA']);
    expect(catalog.episodes).toHaveLength(970);
    const counts = Object.fromEntries(catalog.series.map((s) => [s.id, s.episodes.length]));
    expect(counts).toMatchObject({ tos: 80, tng: 178, ds9: 176, voy: 172, ent: 98, dis: 65, pic: 30, snw: 34 });
  });

  it('holds the seed page: Penance with its synopsis, date, running time, country and language', () => {
    const penance = dex().catalog.episode('pic-s02e02')!;
    expect(penance.title).toBe('Penance');
    expect(penance.releaseDate).toBe('2022-03-10');
    expect(penance.runtimeMinutes).toBe(46);
    expect(penance.country).toBe('US');
    expect(penance.language).toBe('English');
    expect(penance.synopsis?.text).toMatch(/^Picard learns from Q that he and his companions are in an alternate timeline/);
    expect(penance.synopsis?.text).toMatch(/prepare to execute them all for treason\.$/);
    const picard = penance.series;
    expect(picard.blurb?.text).toContain('created for CBS All Access by Kirsten Beyer, Akiva Goldsman, Michael Chabon and Alex Kurtzman');
    expect(picard.blurb?.text).toContain('eighth series in the Star Trek franchise and centres on the character Jean-Luc Picard');
  });

  it('gives every episode the country and language of its series unless the episode says otherwise', () => {
    for (const episode of dex().catalog.episodes) {
      expect(episode.country).toBe('US');
      expect(episode.language).toBe('English');
    }
  });

  it('knows each series by the names people type', () => {
    const { catalog } = dex();
    const cases: [string, string][] = [
      ['picard', 'pic'],
      ['pic', 'pic'],
      ['star trek picard', 'pic'],
      ['Star Trek: Picard', 'pic'],
      ['tng', 'tng'],
      ['next generation', 'tng'],
      ['The Next Generation', 'tng'],
      ['ds9', 'ds9'],
      ['deep space nine', 'ds9'],
      ['Deep Space 9', 'ds9'],
      ['voyager', 'voy'],
      ['voy', 'voy'],
      ['tos', 'tos'],
      ['original series', 'tos'],
      ['snw', 'snw'],
      ['Strange New Worlds', 'snw'],
      ['lower decks', 'ld'],
      ['disco', 'dis'],
      ['enterprise', 'ent'],
      ['prodigy', 'pro'],
      ['short treks', 'st'],
      ['starfleet academy', 'sfa'],
    ];
    for (const [name, id] of cases) expect(catalog.findSeries(name)?.id, name).toBe(id);
  });

  it('links every season it can to its index page, and the franchise to its index', () => {
    const { catalog } = dex();
    const pic = catalog.seriesFor('pic')!;
    expect(pic.index).toBe('https://memory-alpha.fandom.com/wiki/Star_Trek:_Picard');
    expect(pic.seasons.map((s) => s.index)).toEqual([1, 2, 3].map((n) => `https://memory-alpha.fandom.com/wiki/PIC_Season_${n}`));
    expect(pic.pack.franchiseIndex?.url).toBe('https://memory-alpha.fandom.com/wiki/Star_Trek');
    expect(catalog.episode('pic-s02e02')?.page).toBe('https://memory-alpha.fandom.com/wiki/Penance_(episode)');
  });
});

describe('validation of data files', () => {
  afterEach(removeBrokenPacks);
  const broken = (file: string, change: (json: any) => void) => brokenPack(file, change).load;

  it('names the file, the record and the field of an impossible date', () => {
    const load = broken('picard.json', (pic) => (pic.seasons[1].episodes[1].releaseDate = '2022-13-10'));
    expect(problemsOf(load)).toEqual(['data/star-trek/picard.json: seasons[1].episodes[1].releaseDate: "2022-13-10" is not a date (expected YYYY-MM-DD)']);
  });

  it('rejects 30 February and dates in other formats', () => {
    const load = broken('picard.json', (pic) => {
      pic.seasons[0].episodes[0].releaseDate = '2021-02-30';
      pic.seasons[0].episodes[1].releaseDate = '10 March 2022';
    });
    expect(problemsOf(load)).toEqual([
      'data/star-trek/picard.json: seasons[0].episodes[0].releaseDate: "2021-02-30" is not a date (expected YYYY-MM-DD)',
      'data/star-trek/picard.json: seasons[0].episodes[1].releaseDate: "10 March 2022" is not a date (expected YYYY-MM-DD)',
    ]);
  });

  it('reports a missing field, a wrong type and an unknown field', () => {
    const load = broken('next-generation.json', (tng) => {
      delete tng.seasons[0].episodes[4].title;
      tng.seasons[2].episodes[0].runtimeMinutes = '45';
      tng.seasons[0].relaseDate = '1987-09-28';
    });
    expect(problemsOf(load)).toEqual([
      'data/star-trek/next-generation.json: seasons[0].episodes[4].title: is missing',
      'data/star-trek/next-generation.json: seasons[0].relaseDate: unknown field',
      'data/star-trek/next-generation.json: seasons[2].episodes[0].runtimeMinutes: "45" is not a number',
    ]);
  });

  it('rejects two episodes with the same season and number', () => {
    const load = broken('picard.json', (pic) => (pic.seasons[1].episodes[3].number = 2));
    expect(problemsOf(load)).toEqual([
      'data/star-trek/picard.json: seasons[1].episodes[3].number: duplicate episode PIC S02E02 "Watcher" (also at seasons[1].episodes[1])',
    ]);
  });

  it('rejects a series defined twice and an alias two series share', () => {
    const load = broken('pack.json', (pack) => pack.series.push('picard.json'));
    const problems = problemsOf(load);
    expect(problems).toContain('star-trek: series "pic" is defined twice (also in star-trek/pic)');
  });

  it('rejects an alias that already names another series', () => {
    const load = broken('voyager.json', (voy) => voy.aliases.push('Picard'));
    expect(problemsOf(load)).toEqual(['star-trek/pic: alias "picard" is already used by star-trek/voy']);
  });

  it('reports a file that is not JSON and a listed file that is missing', () => {
    const { root, load } = brokenPack('pack.json', (pack) => pack.series.push('kelvin.json'));
    writeFileSync(path.join(root, 'data', 'star-trek', 'voyager.json'), '{ "id": "voy", ');
    const problems = problemsOf(load);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^data\/star-trek\/voyager\.json: is not valid JSON/);
    expect(problems[1]).toBe('data/star-trek/kelvin.json: cannot be read (file not found) (listed in data/star-trek/pack.json series[14])');
  });

  it('says where the data folder should be when it is missing', () => {
    expect(() => loadCatalog('/nonexistent/trekdex-data')).toThrow(
      '/nonexistent/trekdex-data: data folder not found (set DATA_DIR to the folder holding your packs)',
    );
  });
});
