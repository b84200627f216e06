import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load.ts';
import { collectPages, importPages } from '../src/importer/import-pages.ts';
import { episodeCard } from '../src/render/episode-card.ts';
import { seriesCard } from '../src/render/series-card.ts';
import { context } from './helpers.ts';
import { PageError, parseDate, parsePage, parseRunningTime } from '../src/importer/parse-page.ts';

const seedText = readFileSync('test/fixtures/penance.txt', 'utf8');
const seedHtml = readFileSync('test/fixtures/penance.html', 'utf8');

/** A copy of the real pack in a temporary data folder. */
function packCopy(change?: (picard: any) => void): { data: string; pack: string } {
  const data = mkdtempSync(path.join(tmpdir(), 'trekdex-import-'));
  const pack = path.join(data, 'star-trek');
  cpSync('data/star-trek', pack, { recursive: true });
  if (change) {
    const file = path.join(pack, 'picard.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    change(json);
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
  return { data, pack };
}

const withoutPenanceDetails = (pic: any) => {
  const penance = pic.seasons[1].episodes[1];
  for (const key of ['synopsis', 'runtimeMinutes', 'country', 'language']) delete penance[key];
};

function page(titleLine: string, details: string[], synopsis = 'Something happens to the crew. Then something else happens.'): string {
  return [titleLine, '', synopsis, '', 'Production & Filming Details', '', ...details.map((d) => `  • ${d}`), '', 'Leave a Reply'].join('\n');
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('reading an episode page', () => {
  it('reads the seed page: title line, blurb, synopsis and details', () => {
    const record = parsePage(seedText);
    expect(record).toMatchObject({
      seriesName: 'Star Trek: Picard',
      year: 2022,
      season: 2,
      episode: 2,
      title: 'Penance',
      releaseDate: '2022-03-10',
      runtimeMinutes: 46,
      country: 'US',
      language: 'English',
    });
    expect(record.blurb).toMatch(/^Star Trek: Picard is an American web television series .* centres on the character Jean-Luc Picard\.$/);
    expect(record.synopsis).toMatch(/^Picard learns from Q .* prepare to execute them all for treason\.$/);
  });

  it('reads the HTML rendering of the seed page to the same record', () => {
    expect(parsePage(seedHtml)).toEqual(parsePage(seedText));
  });

  it.each([
    ['Star Trek: Picard (2022): S02E02 – Penance', { seriesName: 'Star Trek: Picard', season: 2, episode: 2, title: 'Penance' }],
    ['Star Trek: Picard S2E2 - Penance', { seriesName: 'Star Trek: Picard', season: 2, episode: 2, title: 'Penance' }],
    ['Star Trek: Picard (2022) S02E02: Penance', { seriesName: 'Star Trek: Picard', year: 2022, title: 'Penance' }],
    ['Picard — S02E02 — “Penance”', { seriesName: 'Picard', title: 'Penance' }],
    ['Babylon 5 (1994): S01E03 – ‘Born to the Purple’', { seriesName: 'Babylon 5', year: 1994, season: 1, episode: 3, title: 'Born to the Purple' }],
  ])('reads the title line %s', (line, expected) => {
    expect(parsePage(page(line, ['Release Date: 10 March 2022.']))).toMatchObject(expected);
  });

  it('reads dates and running times in the usual forms', () => {
    expect(['10 March 2022', 'March 10, 2022', '2022-03-10', '10th March 2022', 'Mar 10 2022'].map(parseDate)).toEqual(Array(5).fill('2022-03-10'));
    expect(parseDate('2022-13-10')).toBeUndefined();
    expect(parseDate('31 February 2022')).toBeUndefined();
    expect(['46 minutes', '46 min', '46 mins', '1 hour 26 minutes', '1h 26m', '2 hours'].map(parseRunningTime)).toEqual([46, 46, 46, 86, 86, 120]);
    expect(parseRunningTime('about an hour')).toBeUndefined();
  });

  it('says what is missing from a broken page', () => {
    expect(() => parsePage('Just some text\n\nwith no title line')).toThrow(new PageError('no title line (like "Series (2022): S02E02 – Title")'));
    expect(() => parsePage('Picard (2022): S02E02 – Penance\n\nA synopsis.')).toThrow('no details list (Release Date, Running Time, Country, Language)');
    expect(() => parsePage(page('Picard: S02E02 – Penance', ['Release Date: 10 Smarch 2022.']))).toThrow('Release Date "10 Smarch 2022" is not a date');
  });
});

describe('importing into a pack', () => {
  it('reproduces exactly the Penance data the project holds (round trip)', () => {
    const { pack } = packCopy(withoutPenanceDetails);
    const summary = importPages(['test/fixtures/penance.txt'], { packDir: pack });
    expect(summary).toMatchObject({ read: 1, added: 0, updated: 1, unchanged: 0, conflicts: 0, failed: [] });
    expect(readFileSync(path.join(pack, 'picard.json'), 'utf8')).toBe(readFileSync('data/star-trek/picard.json', 'utf8'));
  });

  it('finds nothing to change when the page matches the pack', () => {
    const { pack } = packCopy();
    const before = snapshot(pack);
    expect(importPages(['test/fixtures/penance.html'], { packDir: pack })).toMatchObject({ unchanged: 1, updated: 0, written: [] });
    expect(snapshot(pack)).toEqual(before);
  });

  it('reports a conflicting value and keeps the pack value unless forced', () => {
    const { pack } = packCopy();
    const page2 = path.join(path.dirname(pack), 'moved.txt');
    writeFileSync(page2, seedText.replace('Release Date: 10 March 2022.', 'Release Date: 11 March 2022.'));
    const kept = importPages([page2], { packDir: pack });
    expect(kept.conflicts).toBe(1);
    expect(kept.changes).toEqual(['! PIC S02E02 Penance: releaseDate is "2022-03-10" in the pack but "2022-03-11" on the page (kept; --force to overwrite)']);
    expect(loadCatalog(path.dirname(pack)).episode('pic-s02e02')?.releaseDate).toBe('2022-03-10');
    const forced = importPages([page2], { packDir: pack, force: true });
    expect(forced.changes).toEqual(['~ PIC S02E02 Penance: releaseDate "2022-03-10" -> "2022-03-11"']);
    expect(loadCatalog(path.dirname(pack)).episode('pic-s02e02')?.releaseDate).toBe('2022-03-11');
  });

  it('writes nothing on a dry run, but says what would change', () => {
    const { pack } = packCopy(withoutPenanceDetails);
    const before = snapshot(pack);
    const summary = importPages(['test/fixtures/penance.txt'], { packDir: pack, dryRun: true });
    expect(summary.changes[0]).toBe('+ PIC S02E02 Penance: runtimeMinutes "46"');
    expect(summary.written).toEqual([]);
    expect(snapshot(pack)).toEqual(before);
  });

  it('imports a synopsis as a synopsis and keeps the logline the pack already had, writing none of its own', () => {
    const { data, pack } = packCopy(withoutPenanceDetails);
    const logline = loadCatalog(data).episode('pic-s02e02')?.logline;
    expect(logline).toBeDefined();
    const before = loadCatalog(data).episodes.filter((e) => e.logline).length;
    importPages(['test/fixtures/penance.txt'], { packDir: pack });
    const after = loadCatalog(data);
    const penance = after.episode('pic-s02e02')!;
    expect(penance.synopsis?.text).toMatch(/^Picard learns from Q/);
    expect(penance.logline).toBe(logline);
    expect(after.episodes.filter((e) => e.logline).length).toBe(before);
  });

  it('records no country or language its series already has, and invents none for a new series', () => {
    const { data, pack } = packCopy(withoutPenanceDetails);
    const page = [
      'Babylon 5 (1994): S01E01 – Midnight on the Firing Line',
      '',
      'An old enemy strikes at a colony.',
      '',
      'Production & Filming Details',
      '',
      '  • Release Date: 26 January 1994.',
      '',
      'Leave a Reply',
    ].join('\n');
    writeFileSync(path.join(data, 'b5.txt'), page);
    const summary = importPages(['test/fixtures/penance.txt', path.join(data, 'b5.txt')], { packDir: pack });
    expect(summary.changes.filter((c) => /: (country|language) /.test(c))).toEqual([]);
    const penance = JSON.parse(readFileSync(path.join(pack, 'picard.json'), 'utf8')).seasons[1].episodes[1];
    expect(penance.country).toBeUndefined();
    expect(penance.language).toBeUndefined();
    const file = readdirSync(pack).find((f) => f.startsWith('babylon'))!;
    const b5 = JSON.parse(readFileSync(path.join(pack, file), 'utf8'));
    expect([b5.country, b5.language, b5.seasons[0].episodes[0].country]).toEqual([undefined, undefined, undefined]);
    // The card shows what is known and leaves out the rest.
    const catalog = loadCatalog(data);
    expect(catalog.episode('pic-s02e02')?.country).toBe('US');
    const episode = catalog.series.find((s) => s.title === 'Babylon 5')!.episodes[0]!;
    const names = (episodeCard(context(), episode).embeds?.[0]?.fields ?? []).map((f) => f.name);
    expect(names).not.toContain('Country');
    const seriesNames = (seriesCard(context(), episode.series).embeds?.[0]?.fields ?? []).map((f) => f.name);
    expect(seriesNames).not.toEqual(expect.arrayContaining(['Created by']));
    expect(seriesNames).not.toEqual(expect.arrayContaining(['Network']));
    expect(seriesNames).not.toEqual(expect.arrayContaining(['Country · Language']));
  });

  it('leaves the old pack in place and valid when the import dies before committing', () => {
    const { data, pack } = packCopy(withoutPenanceDetails);
    const before = snapshot(pack);
    expect(() =>
      importPages(['test/fixtures/penance.txt'], {
        packDir: pack,
        beforeCommit: () => {
          throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    expect(snapshot(pack)).toEqual(before);
    expect(loadCatalog(data).episode('pic-s02e02')?.synopsis).toBeUndefined();
    expect(readdirSync(data)).toEqual(['star-trek']);
  });

  it('imports a folder of pages: new series and episodes, updates, and failures that do not stop the rest', () => {
    const { data, pack } = packCopy(withoutPenanceDetails);
    const folder = path.join(data, 'pages');
    mkdirSync(folder);
    for (let n = 1; n <= 30; n++) {
      writeFileSync(
        path.join(folder, `b5-${String(n).padStart(2, '0')}.txt`),
        page(`Babylon 5 (1994): S01E${String(n).padStart(2, '0')} – Chapter ${n}`, [
          `Release Date: ${n} January 1994.`,
          'Running Time: 44 minutes.',
          'Country: US.',
          'Language: English.',
        ]),
      );
    }
    cpSync('test/fixtures/penance.html', path.join(folder, 'penance.html'));
    writeFileSync(path.join(folder, 'broken.txt'), 'Nothing to see here.');
    writeFileSync(path.join(folder, 'bad-date.txt'), page('Babylon 5: S02E01 – Points of Departure', ['Release Date: sometime in 1994.']));
    const progress: string[] = [];
    const summary = importPages(collectPages([folder]), {
      packDir: pack,
      onProgress: (done, total, file) => progress.push(`${done}/${total} ${path.basename(file)}`),
    });
    expect(summary).toMatchObject({ read: 33, added: 30, updated: 1, unchanged: 0, conflicts: 0 });
    expect(summary.failed).toEqual([
      { file: path.join(folder, 'bad-date.txt'), reason: 'Release Date "sometime in 1994" is not a date' },
      { file: path.join(folder, 'broken.txt'), reason: 'no title line (like "Series (2022): S02E02 – Title")' },
    ]);
    expect(progress).toHaveLength(33);
    expect(progress[0]).toBe('1/33 b5-01.txt');
    const catalog = loadCatalog(data);
    const b5 = catalog.findSeries('babylon 5');
    expect(b5?.episodes).toHaveLength(30);
    expect(b5?.code).toBe('B5');
    expect(catalog.episode(`${b5?.id}-s01e03`)?.title).toBe('Chapter 3');
    expect(summary.changes).toContain('+ new series Babylon 5 (babylon-5.json)');
  });
});

describe('npm run import', () => {
  function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (err += String(c)));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  }

  it('prints a diff on --dry-run and the summary, writing nothing', async () => {
    const { pack } = packCopy(withoutPenanceDetails);
    const before = snapshot(pack);
    const { code, out } = await cli('test/fixtures/penance.txt', '--pack', pack, '--dry-run');
    expect(code).toBe(0);
    // The headings count what the summary counts: one episode filled in, with two fields.
    expect(out).toContain('Filled in (1 episode, 2 fields):\n  + PIC S02E02 Penance: runtimeMinutes "46"\n  + PIC S02E02 Penance: synopsis ');
    expect(out).toContain('Dry run, nothing written: 1 read, 0 added, 1 updated, 0 unchanged, 0 with conflicts, 0 failed.');
    expect(snapshot(pack)).toEqual(before);
  });

  it('imports, shows progress for several files, and exits 1 when a page failed', async () => {
    const { data, pack } = packCopy(withoutPenanceDetails);
    writeFileSync(path.join(data, 'broken.txt'), 'no title here');
    const { code, out, err } = await cli('test/fixtures/penance.txt', path.join(data, 'broken.txt'), '--pack', pack);
    expect(code).toBe(1);
    expect(err).toContain('[1/2] test/fixtures/penance.txt');
    expect(out).toContain(`x ${path.join(data, 'broken.txt')}: no title line`);
    expect(out).toContain('2 read, 0 added, 1 updated, 0 unchanged, 0 with conflicts, 1 failed.');
    expect(out).not.toContain('Filled in (1 episode, 4 fields)');
    expect(existsSync(path.join(pack, 'picard.json'))).toBe(true);
    expect(loadCatalog(data).episode('pic-s02e02')?.synopsis?.credit).toBe('user-supplied episode page');
  });

  it('explains a missing pack folder', async () => {
    const { code, err } = await cli('test/fixtures/penance.txt', '--pack', '/nonexistent/pack');
    expect(code).toBe(2);
    expect(err).toBe('Not found: /nonexistent/pack/pack.json\n');
  });
});
