import { ButtonStyle, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import type { Catalog } from '../src/catalog/catalog.ts';
import { createDex } from '../src/dex.ts';
import { DEFAULT_SETTINGS } from '../src/settings.ts';
import { parseComponentId } from '../src/interactions/component-ids.ts';
import { brokenPack, problemsOf, removeBrokenPacks } from './broken-pack.ts';
import { assertValidReply, autocomplete, buttons, click, dex, firstEmbed, menus, messageData, run, storyHidden } from './helpers.ts';

afterEach(removeBrokenPacks);

const fieldsOf = (embed: { fields?: { name: string; value: string }[] }) => Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
const title = async (line: string) => firstEmbed(await run(line)).title;

describe('the film card', () => {
  const films = dex().catalog.films;

  it('holds the fourteen films in release order', () => {
    expect(films.map((f) => f.title)).toEqual([
      'Star Trek: The Motion Picture',
      'Star Trek II: The Wrath of Khan',
      'Star Trek III: The Search for Spock',
      'Star Trek IV: The Voyage Home',
      'Star Trek V: The Final Frontier',
      'Star Trek VI: The Undiscovered Country',
      'Star Trek Generations',
      'Star Trek: First Contact',
      'Star Trek: Insurrection',
      'Star Trek Nemesis',
      'Star Trek',
      'Star Trek Into Darkness',
      'Star Trek Beyond',
      'Star Trek: Section 31',
    ]);
  });

  it.each(films.map((f) => [f.title, f.id]))('renders %s within every Discord limit, under every spoiler policy', async (_, id) => {
    for (const mode of ['always', 'recent', 'never'] as const) {
      const settings = { ...DEFAULT_SETTINGS, spoilers: { mode, days: 30 } };
      const response = await click(`film:show:${id}`, [], { settings });
      assertValidReply(response);
      const embed = firstEmbed(response);
      // Every film is older than 30 days on the test clock, so only "always" hides its story.
      expect(storyHidden(embed.description)).toBe(mode === 'always');
    }
  });

  it('shows what the reference holds for The Wrath of Khan, with its links', async () => {
    const response = await run('/film title:the wrath of khan');
    const embed = firstEmbed(response);
    expect(embed.title).toBe('Star Trek II: The Wrath of Khan');
    expect(embed.url).toBe('https://memory-alpha.fandom.com/wiki/Star_Trek_II:_The_Wrath_of_Khan');
    expect(embed.description).toMatch(/^Admiral Kirk[^\n]+\n\n\|\|[\s\S]+\|\|$/);
    expect(fieldsOf(embed)).toMatchObject({
      Released: '4 June 1982',
      'Running time': '113 min',
      'Directed by': 'Nicholas Meyer',
      Stardate: '8130.3',
      Position: 'Film 2 of 14, in order of release',
    });
    const links = buttons(response).filter((b) => b.style === ButtonStyle.Link);
    expect(links.map((b) => ('label' in b ? b.label : ''))).toEqual([
      'Memory Alpha',
      'Star Trek films index',
      'All Star Trek TV series, films and documentaries',
      'IMDb',
    ]);
    expect(links.map((b) => ('url' in b ? b.url : ''))).toContain('https://www.imdb.com/title/tt0084726/');
    // Previous and next film.
    expect(buttons(response).flatMap((b) => ('custom_id' in b ? [b.custom_id] : []))).toEqual([
      'film:show:the-motion-picture',
      'film:show:the-search-for-spock',
    ]);
    expect(messageData(response).allowed_mentions).toEqual({ parse: [] });
  });

  it('leaves out what the reference does not have (Insurrection has no stardate) and names the Kelvin timeline', async () => {
    expect(fieldsOf(firstEmbed(await run('/film title:insurrection')))).not.toHaveProperty('Stardate');
    expect(fieldsOf(firstEmbed(await run('/film title:star trek beyond')))).toMatchObject({ Timeline: 'Kelvin', Stardate: '2263.02' });
    expect(fieldsOf(firstEmbed(await run('/film title:section 31')))).not.toHaveProperty('Running time');
  });
});

describe('/film lookups', () => {
  it.each([
    ['star trek generations', 'Star Trek Generations'],
    ['Star Trek II: The Wrath of Khan', 'Star Trek II: The Wrath of Khan'],
    ['wrath of khan', 'Star Trek II: The Wrath of Khan'],
    ['first contact', 'Star Trek: First Contact'],
    ['nemesis', 'Star Trek Nemesis'],
    ['star trek', 'Star Trek'],
    ['star trek 2009', 'Star Trek'],
  ])('an exact title, subtitle or alias: %s', async (query, expected) => {
    const response = await run(`/film title:${query}`);
    expect(firstEmbed(response).title).toBe(expected);
    expect(messageData(response).content).toBeUndefined();
  });

  it.each([
    ['star trek 2', 'Star Trek II: The Wrath of Khan'],
    ['star trek 4', 'Star Trek IV: The Voyage Home'],
    ['star trek iv', 'Star Trek IV: The Voyage Home'],
    ['star trek vi', 'Star Trek VI: The Undiscovered Country'],
    ['star trek 8', 'Star Trek: First Contact'],
  ])('a number or numeral: %s', async (query, expected) => {
    expect(await title(`/film title:${query}`)).toBe(expected);
  });

  it.each([
    ['wrath of kahn', 'Star Trek II: The Wrath of Khan'],
    ['frist contact', 'Star Trek: First Contact'],
    ['nemisis', 'Star Trek Nemesis'],
    ['undiscoverd country', 'Star Trek VI: The Undiscovered Country'],
    ['khan', 'Star Trek II: The Wrath of Khan'],
    ['ii', 'Star Trek II: The Wrath of Khan'],
  ])('a typo or a word of the title: %s, said to be the closest match', async (query, expected) => {
    const response = await run(`/film title:${query}`);
    expect(firstEmbed(response).title).toBe(expected);
    expect(messageData(response).content).toBe(`Closest match for “${query}”:`);
  });

  it('completes a prefix as the user types, and lists every film before anything is typed', async () => {
    expect((await autocomplete('/film title:first con'))[0]).toEqual({ name: 'Film · Star Trek: First Contact (1996)', value: 'first-contact' });
    expect((await autocomplete('/film title:into d'))[0]?.value).toBe('into-darkness');
    expect((await autocomplete('/film title:search for sp'))[0]?.value).toBe('the-search-for-spock');
    expect(await autocomplete('/film title:')).toHaveLength(14);
  });

  it('says privately when nothing matches, with the closest titles', async () => {
    const response = await run('/film title:zzzzqqqq');
    expect(messageData(response).flags).toBe(MessageFlags.Ephemeral);
    expect(messageData(response).content).toMatch(/^No film in the index matched “zzzzqqqq”\./);
  });

  it('/episode with a film title opens the film, and says so', async () => {
    const response = await run('/episode query:star trek generations');
    expect(firstEmbed(response).title).toBe('Star Trek Generations');
    expect(messageData(response).content).toBe('“star trek generations” is a film, so here is its card. `/film` looks up films directly.');
    // An episode title still wins: "The Search, Part I" is DS9's.
    expect(await title('/episode query:the search part i')).toBe('S03E01 · The Search, Part I');
  });
});

describe('films everywhere else', () => {
  it('/search finds films by what happens in them', async () => {
    const top = async (text: string) => menus(await run(`/search text:${text}`))[0]!.options.map((o) => o.value);
    expect((await top('humpback whales probe 1986')).slice(0, 3)).toContain('film:the-voyage-home');
    expect((await top('vger voyager probe cloud')).slice(0, 3)).toContain('film:the-motion-picture');
    expect((await top('shinzon clone reman')).slice(0, 3)).toContain('film:nemesis');
    // A film picked from the list opens its card.
    const opened = await click('episode:pick:0', ['film:nemesis']);
    expect(firstEmbed(opened).title).toBe('Star Trek Nemesis');
  });

  it('/onthisday lists a film released that day', async () => {
    const response = await run('/onthisday date:22 November');
    expect(firstEmbed(response).description).toContain('**1996** · Film · Star Trek: First Contact (1996)');
    expect(firstEmbed(response).footer?.text).toMatch(/^\d+ episodes and 1 film · /);
  });

  it('/random offers the films as a choice and draws from them, again and again', async () => {
    expect(await autocomplete('/random series:fil')).toContainEqual({ name: 'Films (14)', value: 'films' });
    const response = await run('/random series:films', { random: () => 0.99 });
    expect(firstEmbed(response).title).toBe('Star Trek: Section 31');
    const again = buttons(response).find((b) => 'custom_id' in b && b.custom_id.startsWith('random:'));
    expect(again && 'custom_id' in again ? again.custom_id : '').toBe('random:again:films:*');
    expect(firstEmbed(await click('random:again:films:*', [], { random: () => 0 })).title).toBe('Star Trek: The Motion Picture');
    expect(messageData(await run('/random series:films season:2')).content).toBe('Films have no seasons: leave `season` out to get a random film.');
  });

  it('/help counts the films', async () => {
    const embed = firstEmbed(await run('/help'));
    expect(fieldsOf(embed)['Loaded data']).toContain('970 episodes, 14 films');
  });
});

describe('/stardate', () => {
  const answer = async (value: string) => firstEmbed(await run(`/stardate value:${value}`));

  it('finds the episode at an exact five-digit stardate, then the nearest', async () => {
    const embed = await answer('41153.7');
    expect(embed.description).toBe('The episodes and films nearest stardate 41153.7.');
    expect(embed.fields).toHaveLength(1);
    expect(embed.fields![0]!.value.split('\n').slice(0, 3)).toEqual([
      '`41153.7` · `TNG S01E01` Encounter at Farpoint (Part 1) ◀ exact',
      '`41153.7` · `TNG S01E02` Encounter at Farpoint (Part 2) ◀ exact',
      '`41209.2` · `TNG S01E03` The Naked Now',
    ]);
  });

  it('shows the nearest of each era when a value fits several (four-digit prime and Kelvin)', async () => {
    const embed = await answer('2259');
    expect(embed.description).toBe("Stardate 2259 fits more than one era's stardates, so here is the nearest of each.");
    const names = embed.fields!.map((f) => f.name);
    expect(names[0]).toMatch(/^Four-digit stardates · .*TOS/);
    expect(names[1]).toBe('Kelvin timeline (stardates by year) · films');
    expect(embed.fields![1]!.value.split('\n')[0]).toBe('`2259.55` · `Film` Star Trek Into Darkness');
  });

  it('places a TOS-era value, and the films of that era, among four-digit stardates', async () => {
    const embed = await answer('8130');
    expect(embed.fields![0]!.value.split('\n')[0]).toBe('`8130.3` · `Film` Star Trek II: The Wrath of Khan');
  });

  it('says so when no era uses a value of that size, and still shows the nearest', async () => {
    const embed = await answer('500');
    expect(embed.description).toBe('No era writes its stardates with this many digits, so here is the nearest of each era.');
    expect(embed.fields!.length).toBeGreaterThan(1);
  });

  it('offers a menu that opens any listed episode or film', async () => {
    const response = await run('/stardate value:2259');
    const values = menus(response)[0]!.options.map((o) => o.value);
    expect(values).toContain('film:into-darkness');
    assertValidReply(response);
    expect(firstEmbed(await click('episode:pick:0', ['film:into-darkness'])).title).toBe('Star Trek Into Darkness');
  });

  it.each([
    ['abc', '“abc” is not a stardate. Type a number such as `41153.7` or `2258.42`.'],
    ['-3', 'Stardates are never negative.'],
    ['0', 'Stardate 0 is not a date any series uses. Try a value such as `41153.7`.'],
    ['99999999', 'No stardate is that large: the known ones are below 10,000,000.'],
    ['4.1.1', '“4.1.1” is not a stardate. Type a number such as `41153.7` or `2258.42`.'],
  ])('refuses %s with a private reply', async (value, problem) => {
    const response = await run(`/stardate value:${value}`);
    expect(messageData(response)).toMatchObject({ content: problem, flags: MessageFlags.Ephemeral });
  });

  it('accepts "SD" and "stardate" in front of the number', async () => {
    expect((await answer('SD 41153.7')).title).toBe('Stardate 41153.7');
    expect((await answer('stardate 41153.7')).title).toBe('Stardate 41153.7');
  });

  it('suggests known stardates as the user types', async () => {
    const choices = await autocomplete('/stardate value:4115');
    expect(choices[0]).toEqual({ name: '41153.7 · TNG S01E01 · Encounter at Farpoint (Part 1) (1987)', value: '41153.7' });
    expect(await autocomplete('/stardate value:abc')).toEqual([]);
  });
});

describe("the episode card's reference facts", () => {
  it('shows stardate, production code and an IMDb link', async () => {
    const response = await click('episode:show:tng-s01e01');
    expect(fieldsOf(firstEmbed(response))).toMatchObject({ Stardate: '41153.7', 'Production code': '721' });
    const imdb = buttons(response).find((b) => b.style === ButtonStyle.Link && 'label' in b && b.label === 'IMDb');
    expect(imdb && 'url' in imdb ? imdb.url : '').toBe('https://www.imdb.com/title/tt0094030/');
  });

  it('shows the remastered date of an Original Series episode', async () => {
    expect(fieldsOf(firstEmbed(await click('episode:show:tos-s01e01')))).toMatchObject({
      Stardate: '1513.1',
      'Production code': '6149-06',
      Remastered: '29 September 2007',
    });
  });

  it('leaves out values the reference doubts', async () => {
    // DS9 "The Search, Part II": the reference repeats Part I's production code; "Part I": its stardate is disputed.
    expect(fieldsOf(firstEmbed(await click('episode:show:ds9-s03e02')))).not.toHaveProperty('Production code');
    expect(fieldsOf(firstEmbed(await click('episode:show:ds9-s03e01')))).not.toHaveProperty('Stardate');
    expect(fieldsOf(firstEmbed(await click('episode:show:ds9-s03e01')))).toHaveProperty('Production code', '40512-447');
  });

  it('keeps link buttons within one row of five on every episode card', async () => {
    for (const episode of dex().catalog.episodes) {
      const response = await click(`episode:show:${episode.id}`);
      expect(buttons(response).filter((b) => b.style === ButtonStyle.Link).length).toBeLessThanOrEqual(5);
    }
  });
});

describe('custom ids', () => {
  it('every button and menu on the cards reaches a command that answers it', async () => {
    const names = new Set(commands.map((c) => c.definition.name));
    const replies = [
      await run('/episode query:penance'),
      await run('/film title:khan'),
      await run('/series name:tng'),
      await run('/season series:tng number:3'),
      await run('/random'),
      await run('/stardate value:2259'),
    ];
    for (const reply of replies) {
      const ids = [...buttons(reply), ...menus(reply)].flatMap((c) => ('custom_id' in c ? [c.custom_id] : []));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(names, id).toContain(parseComponentId(id).command);
        const menu = menus(reply).find((m) => m.custom_id === id);
        const answered = await click(id, menu ? [menu.options[0]!.value] : []);
        expect(messageData(answered).content ?? '', id).not.toMatch(/not one of mine|older version|no longer/);
      }
    }
  });
});

describe('a broken films file', () => {
  it('is refused at start-up with the file and field named', () => {
    const bad = brokenPack('films.json', (json) => {
      json.films[1].imdb = 'nm123';
      json.films[2].stardate = 'about 8210';
      json.films[3].releaseDate = '1986-13-01';
      json.films[4].id = json.films[5].id;
      json.films[6].logline = 'Too short.';
    });
    const problems = problemsOf(bad.load);
    expect(problems).toEqual(
      expect.arrayContaining([
        'data/star-trek/films.json: films[1].imdb: "nm123" is not an IMDb title id (tt followed by 7-9 digits)',
        'data/star-trek/films.json: films[2].stardate: "about 8210" is not a stardate (digits with an optional decimal part, several joined by ", ")',
        expect.stringMatching(/^data\/star-trek\/films\.json: films\[3\]\.releaseDate: "1986-13-01" is not a date/),
        expect.stringMatching(/^data\/star-trek\/films\.json: films\[6\]\.logline: "Too short\." is 10 characters/),
      ]),
    );
  });

  it('names a duplicate film id', () => {
    const bad = brokenPack('films.json', (json) => {
      json.films[4].id = json.films[5].id;
    });
    expect(problemsOf(bad.load)).toEqual(['data/star-trek/films.json: films[5].id: duplicate film "the-undiscovered-country" (also at films[4])']);
  });

  it('names a films file the pack lists but does not have', () => {
    const bad = brokenPack('pack.json', (json) => {
      json.films = 'movies.json';
    });
    expect(problemsOf(bad.load)).toEqual(['data/star-trek/movies.json: cannot be read (file not found)']);
  });

  it('a pack without films loads, and /film says there are none', async () => {
    const bare = brokenPack('pack.json', (json) => {
      delete json.films;
    });
    const catalog = bare.load() as Catalog;
    expect(catalog.films).toEqual([]);
    const data = createDex(catalog);
    expect(messageData(await run('/film title:khan', { dex: data }))).toMatchObject({
      content: 'The loaded index has no films.',
      flags: MessageFlags.Ephemeral,
    });
    // /help counts no films.
    const help = await run('/help', { dex: data });
    expect(fieldsOf(firstEmbed(help))['Loaded data']).toBe('**Star Trek**: 14 series, 970 episodes\n14 series, 970 episodes in all');
  });
});
