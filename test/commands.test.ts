import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ButtonStyle,
  InteractionContextType,
  InteractionResponseType,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { assertValidReply, autocomplete, buttons, click, dex, firstEmbed, menus, messageData, rows, run } from './helpers.ts';

describe('command definitions', () => {
  it('are valid for discord.js builders and inside Discord limits', () => {
    expect(commands.map((c) => c.definition.name)).toEqual([
      'episode',
      'film',
      'series',
      'season',
      'search',
      'stardate',
      'random',
      'onthisday',
      'rewatch',
      'settings',
      'help',
    ]);
    for (const { definition } of commands) {
      // Re-building from the JSON runs discord.js's validators on every name, description and option.
      const rebuilt = new SlashCommandBuilder().setName(definition.name).setDescription(definition.description);
      expect(() => rebuilt.toJSON()).not.toThrow();
      expect(definition.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(definition.description.length).toBeLessThanOrEqual(100);
      expect(definition.options?.length ?? 0).toBeLessThanOrEqual(25);
      for (const option of definition.options ?? []) {
        expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(option.description.length).toBeGreaterThan(0);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
      const required = (definition.options ?? []).map((o) => ('required' in o && o.required) === true);
      expect(required, `${definition.name}: required options come first`).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('can be used in servers, DMs and group DMs, installed to a server or a user (rewatch clubs: only servers that installed TrekDex)', () => {
    for (const { definition } of commands) {
      if (definition.name === 'rewatch') {
        expect(definition.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
        expect(definition.contexts).toEqual([InteractionContextType.Guild]);
        continue;
      }
      expect(definition.integration_types).toEqual([ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall]);
      expect(definition.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel]);
    }
  });
});

describe('/episode', () => {
  it('shares one frozen reply between identical answers, and a guess never leaks its note into it', async () => {
    const first = await run('/episode query:penance');
    const guess = await run('/episode query:pennance');
    const second = await run('/episode query:penance');
    expect(second).toBe(first);
    expect(messageData(guess).content).toContain('Closest match');
    expect(messageData(second).content).toBeUndefined();
    expect(() => {
      (messageData(second) as { content?: string }).content = 'changed';
    }).toThrow(TypeError);
    expect(messageData(await run('/episode query:penance private:true')).flags).toBe(MessageFlags.Ephemeral);
    expect(messageData(await run('/episode query:penance')).flags).toBeUndefined();
  });

  it('replies ephemerally when asked to be private', async () => {
    expect(messageData(await run('/episode query:penance private:true')).flags).toBe(MessageFlags.Ephemeral);
  });

  it('says nothing matched, ephemerally, and suggests the closest titles', async () => {
    const response = await run('/episode query:borg cubes in paris');
    const data = messageData(response);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/^Nothing in the index matched “borg cubes in paris”\.\nClosest titles:\n• /);
    const none = messageData(await run('/episode query:zzzzzz qqqqqq'));
    expect(none.content).toBe('Nothing in the index matched “zzzzzz qqqqqq”.\nTry a title like `penance` or a code like `pic s02e02`.');
  });

  it('tells the user when it shows the closest match rather than an exact one', async () => {
    const response = await run('/episode query:pennance');
    expect(messageData(response).content).toBe('Closest match for “pennance”:');
    expect(firstEmbed(response).title).toBe('S02E02 · Penance');
  });

  it('autocompletes with labelled choices whose values are episode ids', async () => {
    const choices = await autocomplete('/episode query:pen');
    expect(choices).toContainEqual({ name: 'PIC S02E02 · Penance (2022)', value: 'pic-s02e02' });
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('/series', () => {
  it('summarises Picard: creators, network, years, seasons, episodes and one line per season', async () => {
    const response = await run('/series name:picard');
    const embed = firstEmbed(response);
    expect(embed.title).toBe('Star Trek: Picard');
    expect(embed.description).toContain('It is the eighth series in the Star Trek franchise');
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({
      'Created by': 'Akiva Goldsman, Michael Chabon, Kirsten Beyer, Alex Kurtzman',
      Network: 'CBS All Access / Paramount+',
      Years: '2020–2023',
      Seasons: '3',
      Episodes: '30',
    });
    expect(fields['Season by season']?.split('\n')).toEqual([
      '**Season 1** · 10 episodes · 23 January 2020 – 26 March 2020',
      '**Season 2** · 10 episodes · 3 March 2022 – 5 May 2022',
      '**Season 3** · 10 episodes · 16 February 2023 – 20 April 2023',
    ]);
    const links = rows(response)[0]?.map((b) => ('url' in b ? b.url : ''));
    expect(links).toEqual(['https://memory-alpha.fandom.com/wiki/Star_Trek:_Picard', 'https://memory-alpha.fandom.com/wiki/Star_Trek']);
    assertValidReply(response);
  });

  it('renders every series inside Discord limits', async () => {
    for (const name of ['tos', 'tas', 'tng', 'ds9', 'voy', 'ent', 'dis', 'st', 'pic', 'ld', 'pro', 'snw', 'vst', 'sfa']) {
      assertValidReply(await run(`/series name:${name}`));
    }
  });

  it('forgives a typo in the series name and refuses nonsense politely', async () => {
    expect(firstEmbed(await run('/series name:voyagr')).title).toBe('Star Trek: Voyager');
    const data = messageData(await run('/series name:babylon 5'));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/^No series matched “babylon 5”\. Known series: tos, tas, tng/);
  });

  it('opens a season from the series card menu', async () => {
    const response = await click('season:show:pic', ['3']);
    expect(firstEmbed(response).title).toBe('Season 3');
  });

  it('autocompletes series names', async () => {
    expect((await autocomplete('/series name:deep'))[0]).toEqual({ name: 'DS9 · Star Trek: Deep Space Nine (1993–1999)', value: 'ds9' });
    expect((await autocomplete('/series name:')).length).toBe(14);
  });
});

describe('/season', () => {
  it('lists every episode of the season with code, title, date and logline, and links the season index', async () => {
    const response = await run('/season series:picard number:2');
    const embed = firstEmbed(response);
    expect(embed.author?.name).toBe('Star Trek: Picard');
    expect(embed.url).toBe('https://memory-alpha.fandom.com/wiki/PIC_Season_2');
    const entries = embed.description?.split('\n\n') ?? [];
    expect(entries).toHaveLength(10);
    const penance = dex().catalog.episode('pic-s02e02')!;
    expect(entries[1]).toBe(`\`S02E02\` **Penance** · 10 March 2022\n${penance.logline}`);
    // One page: no page buttons, only the way back to the series card.
    expect(buttons(response).flatMap((b) => (b.style !== ButtonStyle.Link && 'custom_id' in b ? [b.custom_id] : []))).toEqual(['series:show:pic']);
    assertValidReply(response);
  });

  it('pages the longest season in the pack, with every episode and logline whole, in order, inside every limit', async () => {
    const seasons = dex().catalog.series.flatMap((s) => s.seasons);
    const size = (season: (typeof seasons)[number]) => season.episodes.reduce((n, e) => n + e.title.length + (e.logline?.length ?? 0) + 40, 0);
    const longest = seasons.reduce((a, b) => (size(b) > size(a) ? b : a));
    expect(longest.episodes.length).toBeGreaterThanOrEqual(26);
    let response = await run(`/season series:${longest.series.id} number:${longest.number}`);
    const seen: string[] = [];
    const picked: string[] = [];
    for (let page = 1; ; page++) {
      assertValidReply(response);
      const embed = firstEmbed(response);
      expect(embed.footer?.text).toContain(`page ${page} of `);
      seen.push(...(embed.description ?? '').split('\n\n'));
      picked.push(...menus(response).flatMap((m) => m.options.map((o) => o.value)));
      const next = buttons(response).find((b) => 'label' in b && b.label === 'Next page ▶');
      expect(next).toBeDefined();
      if (next && 'disabled' in next && next.disabled) break;
      response = await click(next && 'custom_id' in next ? next.custom_id : '');
      expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    }
    expect(seen.length).toBe(longest.episodes.length);
    longest.episodes.forEach((episode, i) => {
      expect(seen[i]).toMatch(new RegExp(`^\`${episode.code}\` \\*\\*`));
      if (episode.logline) expect(seen[i]!.endsWith(`\n${episode.logline}`), episode.id).toBe(true);
    });
    expect(picked).toEqual(longest.episodes.map((e) => e.id));
  });

  it('answers a page button of a season that is gone, or a forged page, politely', async () => {
    for (const id of ['season:page:pic:9:0', 'season:page:nosuch:1:0', 'season:page:pic:1:x', 'season:page:pic']) {
      const data = messageData(await click(id));
      expect(data.flags, id).toBe(MessageFlags.Ephemeral);
      expect(data.content, id).toMatch(/no longer in the index/);
    }
  });

  it('explains which seasons exist when asked for one that does not', async () => {
    const data = messageData(await run('/season series:picard number:4'));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toBe('Star Trek: Picard has seasons 1–3; there is no season 4.');
  });

  it('autocompletes the season numbers of the chosen series', async () => {
    const choices = await autocomplete('/season series:pic number:');
    expect(choices.map((c) => c.value)).toEqual([1, 2, 3]);
  });
});

describe('/random', () => {
  it('picks from the whole index, a series or a season, with a button for another', async () => {
    expect(firstEmbed(await run('/random', { random: () => 0 })).title).toBe('S01E00 · The Cage');
    expect(firstEmbed(await run('/random series:picard season:2', { random: () => 0.15 })).title).toBe('S02E02 · Penance');
    const response = await run('/random series:picard', { random: () => 0.999 });
    expect(firstEmbed(response).title).toBe('S03E10 · The Last Generation');
    const again = rows(response).at(-1)?.[0];
    expect(again && 'custom_id' in again ? again.custom_id : '').toBe('random:again:pic:*');
    expect(firstEmbed(await click('random:again:pic:2', [], { random: () => 0.15 })).title).toBe('S02E02 · Penance');
  });

  it('refuses a season without a series, and an unknown series', async () => {
    expect(messageData(await run('/random season:2')).content).toBe('Pick a series too when you ask for a season, for example `series:tng season:3`.');
    expect(messageData(await run('/random series:nope')).flags).toBe(MessageFlags.Ephemeral);
    expect(messageData(await click('random:again:pic:../../etc')).flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('/search', () => {
  it('finds Penance from its plot and offers a menu to open it', async () => {
    const response = await run('/search text:borg queen execution');
    const embed = firstEmbed(response);
    expect(embed.description?.split('\n')[0]).toBe('**1.** `PIC S02E02` Penance · 10 March 2022');
    expect(menus(response)[0]?.custom_id).toBe('episode:pick:0');
    assertValidReply(response);
  });

  it('says so when nothing matches', async () => {
    expect(messageData(await run('/search text:zzzzqqqq')).content).toBe('No episode or film mentions “zzzzqqqq”. Try fewer or different words.');
  });
});

describe('/onthisday', () => {
  it('lists the episodes first released on a calendar day, newest first', async () => {
    for (const date of ['10 March', 'March 10', '03-10', '2022-03-10', 'mar 10th']) {
      const embed = firstEmbed(await run(`/onthisday date:${date}`));
      expect(embed.title, date).toBe('On this day: 10 March');
      expect(embed.description).toContain('**2022** · PIC S02E02 · Penance (2022)');
    }
  });

  it('uses today (UTC) without a date, and rejects days that do not exist', async () => {
    expect(firstEmbed(await run('/onthisday')).title).toBe('On this day: 23 November');
    const data = messageData(await run('/onthisday date:31 February'));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toBe('“31 February” is not a day I understand. Try `10 March`, `March 10` or `03-10`.');
  });
});

describe('/help', () => {
  it('lists the commands and what the loaded data holds', async () => {
    const response = await run('/help');
    const fields = firstEmbed(response).fields ?? [];
    expect(fields[0]?.value).toContain('`/episode` Show an episode');
    expect(fields[1]?.value).toBe('**Star Trek**: 14 series, 970 episodes, 14 films\n14 series, 970 episodes, 14 films in all');
    expect(messageData(response).flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('user text', () => {
  const hostile = [
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@&123>',
    '**bold** __u__ ||spoiler|| `code`',
    '[link](https://evil.example)',
    '> quote',
    '# heading',
  ];
  const stringOptions = commands.flatMap((c) =>
    (c.definition.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.String).map((o) => [c.definition.name, o.name] as const),
  );

  it.each(stringOptions)('is neutralised in /%s %s', async (command, option) => {
    for (const text of hostile) {
      const required = command === 'season' ? ' number:1' : '';
      const response = await run(`/${command}${required} ${option}:${text}`);
      assertValidReply(response);
      const data = messageData(response);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      const shown = [data.content ?? '', ...(data.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n');
      expect(shown).not.toMatch(/(^|[^\u200b])@(everyone|here)/);
      expect(shown).not.toMatch(/<@/);
      expect(shown).not.toMatch(/(^|[^\\])\*\*bold(?!\\)/);
      expect(shown).not.toContain('](https://');
    }
  });
});
