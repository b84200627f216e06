import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Episode, Series } from '../src/catalog/model.ts';
import { hasTexts } from '../src/catalog/coverage.ts';
import { PROJECT_CREDIT, ruleBreaks } from '../src/catalog/writing-rules.ts';
import { brokenPack, problemsOf, removeBrokenPacks } from './broken-pack.ts';
import { dex } from './helpers.ts';

afterEach(removeBrokenPacks);
const packWith = (file: string, change: (json: any) => void) => brokenPack(file, change);
const loadProblems = (pack: { load: () => unknown }) => problemsOf(pack.load);

describe('loading texts', () => {
  it('names the file, the episode and the field of a logline that is too short, too long or marked up', () => {
    const root = packWith('original-series.json', (tos) => {
      tos.seasons[0].episodes[1].logline = 'Too short.';
      tos.seasons[0].episodes[2].logline = `A ${'very '.repeat(40)}long logline.`;
      tos.seasons[0].episodes[3].logline = 'Kirk meets <@123456> on the bridge and nothing is what it seems.';
      tos.seasons[0].episodes[4].logline = 'Kirk meets his double and one of them ||dies|| before the end.';
    });
    expect(loadProblems(root)).toEqual([
      'data/star-trek/original-series.json: seasons[0].episodes[1].logline: "Too short." is 10 characters (a logline has 40-160)',
      'data/star-trek/original-series.json: seasons[0].episodes[2].logline: "A very very very very very very very very very very very... is 215 characters (a logline has 40-160)',
      'data/star-trek/original-series.json: seasons[0].episodes[3].logline: "Kirk meets <@123456> on the bridge and nothing is what i... must not contain Discord mention or timestamp syntax',
      'data/star-trek/original-series.json: seasons[0].episodes[4].logline: "Kirk meets his double and one of them ||dies|| before th... must not contain "||", which would open or close a spoiler',
    ]);
  });

  it('refuses a synopsis with a masked link, @everyone, or no credit', () => {
    const root = packWith('next-generation.json', (tng) => {
      tng.seasons[0].episodes[0].synopsis.text = 'Q puts humanity on trial; see [the recap](https://example.com) for more.';
      tng.seasons[0].episodes[1].synopsis.text = 'Riker tells @everyone aboard to stand by.';
      delete tng.seasons[0].episodes[2].synopsis.credit;
      tng.seasons[0].episodes[3].textsPending = 'not written yet';
    });
    expect(loadProblems(root)).toEqual([
      'data/star-trek/next-generation.json: seasons[0].episodes[0].synopsis.text: "Q puts humanity on trial; see [the recap](https://exampl... must not contain a masked link ([text](url))',
      'data/star-trek/next-generation.json: seasons[0].episodes[1].synopsis.text: "Riker tells @everyone aboard to stand by." must not contain @everyone or @here',
      'data/star-trek/next-generation.json: seasons[0].episodes[2].synopsis.credit: is missing',
    ]);
  });

  it('refuses a note on why texts are missing beside an episode that has both', () => {
    const root = packWith('next-generation.json', (tng) => (tng.seasons[0].episodes[3].textsPending = 'not written yet'));
    expect(loadProblems(root)).toEqual([
      'data/star-trek/next-generation.json: seasons[0].episodes[3].textsPending: the episode has both texts now; remove the note',
    ]);
  });
});

describe('the writing rules', () => {
  const base = dex().catalog.episode('tos-s01e28')!;
  const series = (episodes: Partial<Episode>[]): Series => {
    const list = episodes.map((e, i) => ({ ...base, position: i, ...e }) as Episode);
    return { ...base.series, episodes: list };
  };
  const story = (words: number, start = 'Kirk') => ({ text: `${start} ${'walks the ship and '.repeat(words / 4).trim()} stops.`, credit: PROJECT_CREDIT });

  it('flags a logline that gives away the ending its synopsis tells', () => {
    const spoiler = series([
      {
        logline: 'Kirk must let Edith Keeler die under a truck to restore history.',
        synopsis: {
          text: 'Kirk and Spock chase McCoy into the past and meet a kind woman in New York. They learn that she changes history. Kirk lets Edith Keeler die under a truck to restore history.',
          credit: PROJECT_CREDIT,
        },
      },
    ]);
    expect(ruleBreaks(spoiler).map((b) => `${b.field}: ${b.problem}`)).toContainEqual(expect.stringMatching(/^logline: names the ending of its synopsis \(/));
  });

  it("holds the project's synopses to 60-160 words, plain text and no codes, but not a data owner's", () => {
    const texts = series([
      { logline: base.logline, synopsis: story(30) },
      { logline: base.logline, synopsis: story(200) },
      { logline: base.logline, synopsis: { text: `${story(80).text} Then S01E02 happens and *this* too.`, credit: PROJECT_CREDIT } },
      { logline: base.logline, synopsis: { text: story(30).text, credit: 'user-supplied episode page' } },
    ]);
    const problems = ruleBreaks(texts).map((b) => `${b.entry.position}: ${b.field}: ${b.problem}`);
    expect(problems).toContain('0: synopsis: 30 words (60-160)');
    expect(problems).toContainEqual(expect.stringMatching(/^1: synopsis: \d+ words \(60-160\)$/));
    expect(problems).toContain('2: synopsis: holds an episode code');
    expect(problems).toContain('2: synopsis: holds markdown');
    expect(problems.filter((p) => p.startsWith('3: synopsis'))).toEqual([]);
  });

  it('flags three texts of one season, or four of a short series, that open with the same three words', () => {
    const same = series([0, 1, 2, 3].map(() => ({ logline: base.logline, synopsis: story(80, 'Captain Kirk beams') })));
    const seasonal = { ...same, seasons: [{ ...base.season, episodes: same.episodes.slice(0, 3) }] };
    const problems = ruleBreaks(seasonal)
      .filter((b) => b.field === 'synopsis')
      .map((b) => `${b.entry.position}: ${b.problem}`);
    expect(problems).toEqual([
      '0: one of 3 synopses of this season opening "captain kirk beams"',
      '0: one of 4 synopses of this series opening "captain kirk beams"',
      '1: one of 3 synopses of this season opening "captain kirk beams"',
      '1: one of 4 synopses of this series opening "captain kirk beams"',
      '2: one of 3 synopses of this season opening "captain kirk beams"',
      '2: one of 4 synopses of this series opening "captain kirk beams"',
      '3: one of 4 synopses of this series opening "captain kirk beams"',
    ]);
  });
});

describe('the shipped Star Trek pack', () => {
  it('holds every text to the writing rules', () => {
    for (const series of dex().catalog.series) {
      expect(
        ruleBreaks(series).map((b) => `${(b.entry as Episode).code} ${b.field}: ${b.problem}`),
        series.title,
      ).toEqual([]);
    }
  });

  // Series whose texts are written: every episode has a logline and a synopsis, or says why not.
  const written = ['tos', 'tas', 'tng', 'ds9', 'voy', 'ent', 'dis', 'st', 'pic', 'ld', 'pro', 'snw', 'vst', 'sfa'];
  it.each(written)('%s: every episode has a logline and a synopsis, or the reason it has not', (id) => {
    const series = dex().catalog.seriesFor(id)!;
    const untold = series.episodes.filter((e) => !hasTexts(e) && !e.textsPending).map((e) => `${e.code} ${e.title}`);
    expect(untold).toEqual([]);
  });

  it('keeps the seed synopsis for Penance and credits every other synopsis to this project', () => {
    for (const episode of dex().catalog.episodes) {
      if (!episode.synopsis) continue;
      const expected = episode.id === 'pic-s02e02' ? 'user-supplied episode page' : PROJECT_CREDIT;
      expect(episode.synopsis.credit, episode.id).toBe(expected);
    }
  });

  // Written from memory of the episodes, not copied from the synopses: what a fan would type.
  const known: [string, string][] = [
    ['guardian forever edith keeler', 'tos-s01e28'],
    ['tribbles grain klingons', 'tos-s02e15'],
    ['gorn arena', 'tos-s01e18'],
    ['khan botany bay', 'tos-s01e22'],
    ['pon farr vulcan', 'tos-s02e01'],
    ['evil spock beard parallel universe', 'tos-s02e04'],
    ['sehlat spock childhood', 'tas-s01e02'],
    ['locutus borg', 'tng-s03e26'],
    ['data sentient property maddox', 'tng-s02e09'],
    ['worf discommendation', 'tng-s03e17'],
    ['enterprise c tasha', 'tng-s03e15'],
    ['lwaxana husband', 'tng-s02e19'],
    ['holodeck sherlock holmes moriarty', 'tng-s02e03'],
    ['benny russell science fiction writer', 'ds9-s06e13'],
    ['vreenak senator forged evidence', 'ds9-s06e19'],
    ['marritza labor camp', 'ds9-s01e19'],
    ['tribbles arne darvin bomb', 'ds9-s05e06'],
    ['jake father unstuck time', 'ds9-s04e03'],
    ['odo founders link changelings', 'ds9-s04e26'],
    ['dominion retake station', 'ds9-s06e05'],
    ['caretaker array stranded', 'voy-s01e01'],
    ['tuvix transporter neelix tuvok', 'voy-s02e24'],
    ['year of hell krenim timeship', 'voy-s04e08'],
    ['borg queen unimatrix zero', 'voy-s06e26'],
    ['suliban cabal silik', 'ent-s01e02'],
    ['xindi weapon earth attack', 'ent-s02e26'],
    ['mirror universe defiant tholian', 'ent-s04e18'],
    ['augments soong', 'ent-s04e06'],
    ['spore drive tardigrade', 'dis-s01e05'],
    ['burn dilithium future', 'dis-s03e01'],
    ['lorca mirror universe', 'dis-s01e12'],
    ['dahj synthetic data twin', 'pic-s01e01'],
    ['jack crusher son', 'pic-s03e02'],
    ['badgey hologram rutherford', 'ld-s01e06'],
    ['crisis point holodeck movie boimler', 'ld-s01e09'],
    ['tendi orion', 'ld-s04e04'],
    ['gorn hegemony', 'snw-s02e10'],
    ['musical singing spock uhura', 'snw-s02e09'],
    ['una illyrian', 'snw-s01e03'],
    ['diviner drednok', 'pro-s01e10'],
    ['wesley traveler loom paradox', 'pro-s02e09'],
  ];
  it.each(known)('plot search finds "%s" among the first three', (query, id) => {
    const top = dex()
      .plots.search(query, 3)
      .map((h) => h.entry.id);
    expect(top).toContain(id);
  });
});

describe('npm run data:report', () => {
  const report = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/data-report.ts', ...args], { encoding: 'utf8' });

  it('counts texts and facts per series and in total', () => {
    const result = report([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^series +episodes +told +logline +synopsis +running time +page link +stardate +production code +IMDb$/m);
    expect(result.stdout).toMatch(/^Star Trek: The Original Series \(TOS\) +80 +80\/80 +80 +80 /m);
    expect(result.stdout).toMatch(/^Total +970 /m);
  });

  it('lists a broken rule with file, episode and field, and fails under --strict', () => {
    const root = packWith('original-series.json', (tos) => {
      tos.seasons[0].episodes[1].synopsis.text = 'McCoy meets an old flame. It goes badly.';
    });
    const data = path.join(root.root, 'data');
    const loose = report(['--data', data]);
    expect(loose.status).toBe(0);
    expect(loose.stdout).toContain(`${data}/star-trek/original-series.json: TOS S01E01 "The Man Trap": synopsis: 8 words (60-160)`);
    expect(report(['--data', data, '--strict']).status).toBe(1);
    expect(report(['--strict']).stdout).toMatch(/^Writing rules: /m);
  });
});
