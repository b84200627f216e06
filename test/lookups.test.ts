import { ButtonStyle, InteractionResponseType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { componentPayload, botMessage, slashCommandPayload } from '../src/emulator/payloads.ts';
import { snowflake } from '../src/emulator/snowflake.ts';
import { commands } from '../commands/index.ts';
import { createDispatcher } from '../src/interactions/dispatch.ts';
import { DEFAULT_SETTINGS } from '../src/settings.ts';
import { assertValidReply, buttons, click, dex, firstEmbed, messageData, run } from './helpers.ts';
import { APP_ID, botOn, closeClean, guildPlace } from './store-helpers.ts';

const opened = async (query: string) => {
  const response = await run(`/episode query:${query}`);
  const embed = firstEmbed(response);
  return `${embed.author?.name?.replace('Star Trek: ', '')} ${embed.title}`;
};

describe('lookups the way fans type them', () => {
  it.each([
    // Part numbers pick the part.
    ['best of both worlds part 2', 'The Next Generation S04E01 · The Best of Both Worlds, Part II'],
    ['the best of both worlds part ii', 'The Next Generation S04E01 · The Best of Both Worlds, Part II'],
    ['best of both worlds pt 2', 'The Next Generation S04E01 · The Best of Both Worlds, Part II'],
    ['best of both worlds part two', 'The Next Generation S04E01 · The Best of Both Worlds, Part II'],
    ['best of both worlds 2', 'The Next Generation S04E01 · The Best of Both Worlds, Part II'],
    ['best of both worlds part 1', 'The Next Generation S03E26 · The Best of Both Worlds'],
    ['best of both worlds', 'The Next Generation S03E26 · The Best of Both Worlds'],
    ['year of hell part 2', 'Voyager S04E09 · Year of Hell, Part II'],
    ['year of hell pt ii', 'Voyager S04E09 · Year of Hell, Part II'],
    ['emissary part 2', 'Deep Space Nine S01E02 · Emissary (Part 2)'],
    ['unification 2', 'The Next Generation S05E08 · Unification II'],
    ['encounter at farpoint part two', 'The Next Generation S01E02 · Encounter at Farpoint (Part 2)'],
    // A title that ends in a number word stays a title.
    ['babel one', 'Enterprise S04E12 · Babel One'],
    // Codes in any order, compact codes, and a series name with a typo.
    ['picard s2e2', 'Picard S02E02 · Penance'],
    ['s2e2 picard', 'Picard S02E02 · Penance'],
    ['2x02 picard', 'Picard S02E02 · Penance'],
    ['S02E02 pic', 'Picard S02E02 · Penance'],
    ['season 2 episode 2 picard', 'Picard S02E02 · Penance'],
    ['tng101', 'The Next Generation S01E01 · Encounter at Farpoint (Part 1)'],
    ['tng 101', 'The Next Generation S01E01 · Encounter at Farpoint (Part 1)'],
    ['ds9101', 'Deep Space Nine S01E01 · Emissary (Part 1)'],
    ['tng0101', 'The Next Generation S01E01 · Encounter at Farpoint (Part 1)'],
    ['sns 1x01', 'Strange New Worlds S01E01 · Strange New Worlds'],
    ['1x01 sns', 'Strange New Worlds S01E01 · Strange New Worlds'],
    ['voyger 4x08', 'Voyager S04E08 · Year of Hell'],
    ['pikard penance', 'Picard S02E02 · Penance'],
    ['voyger year of hell part 2', 'Voyager S04E09 · Year of Hell, Part II'],
    // Digits that belong to a title stay a title.
    ['the siege of ar-558', 'Deep Space Nine S07E08 · The Siege of AR-558'],
    ['11:59', 'Voyager S05E23 · 11:59'],
  ])('%s opens %s', async (query, expected) => {
    expect(await opened(query)).toBe(expected);
  });

  it('refuses to guess a series from a typo two series are equally close to', async () => {
    // "tis" is one letter from both TOS and TAS.
    const data = messageData(await run('/episode query:tis 1x01'));
    expect(data.embeds?.[0]?.title ?? '').not.toMatch(/^S01E01 /);
  });

  it('answers a series name with that series, not "nothing matched"', async () => {
    for (const [query, title] of [
      ['picard', 'Star Trek: Picard'],
      ['ds9', 'Star Trek: Deep Space Nine'],
      ['prodigy', 'Star Trek: Prodigy'],
    ]) {
      const response = await run(`/episode query:${query}`);
      const data = messageData(response);
      expect(data.content, query).toMatch(/is a series, so here is its overview/);
      expect(firstEmbed(response).title, query).toBe(title);
      assertValidReply(response);
    }
    // A title that is also a series name is still the episode.
    expect(await opened('the next generation')).toBe('Picard S03E01 · The Next Generation');
    expect(await opened('lower decks')).toBe('The Next Generation S07E15 · Lower Decks');
  });

  it('opens with /episode the episode autocomplete offered first, for prefixes of every title', async () => {
    const disagree: string[] = [];
    const seriesNames = new Set(
      dex()
        .catalog.seriesNameEntries()
        .map(([name]) => name),
    );
    for (const episode of dex().catalog.episodes) {
      for (const length of [3, 5, 8]) {
        const prefix = episode.title.toLowerCase().slice(0, length);
        if (prefix.length < length || seriesNames.has(prefix.trim())) continue;
        const resolved = dex().episodes.resolve(prefix);
        const first = dex().episodes.autocomplete(prefix)[0];
        if (resolved.kind !== 'none' && resolved.episode !== first) disagree.push(`${prefix}: ${resolved.episode.title} / ${first?.title}`);
      }
    }
    expect(disagree).toEqual([]);
  });
});

describe('rough edges', () => {
  it('labels an episode 0 as the pilot before the numbered episodes', async () => {
    const cage = firstEmbed(await run('/episode query:the cage'));
    expect(cage.fields?.find((f) => f.name === 'Position')?.value).toBe('Season 1, pilot before episode 1 (episode 0) · 1 of 80 in the series');
    const trap = firstEmbed(await run('/episode query:the man trap'));
    expect(trap.fields?.find((f) => f.name === 'Position')?.value).toBe('Season 1, episode 1 of 29 · 2 of 80 in the series');
  });

  it('offers a way back from a season to its series card', async () => {
    const season = await click('season:show:tng', ['3']);
    const back = buttons(season).find((b) => 'custom_id' in b && b.custom_id === 'series:show:tng');
    expect(back && 'label' in back ? back.label : '').toBe('TNG overview');
    expect(back?.style).toBe(ButtonStyle.Secondary);
    const series = await click('series:show:tng');
    expect(series.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(series).title).toBe('Star Trek: The Next Generation');
    assertValidReply(series);
    expect(messageData(await click('series:show:nosuch')).flags).toBe(MessageFlags.Ephemeral);
  });

  it('lets "Another one" be clicked right after /random, and only refuses a burst of clicks', async () => {
    let clock = 1_000_000;
    const bot = await botOn('memory://', { now: () => clock });
    try {
      const place = guildPlace(snowflake(), '0', snowflake());
      const first = await bot.ask(slashCommandPayload(APP_ID, place, 'random', []));
      expect(first.data.embeds).toHaveLength(1);
      const again = first.data.components.at(-1).components[0].custom_id as string;
      expect(again).toBe('random:again:*:*');
      const message = botMessage(APP_ID, place.channelId, first.data);
      clock += 500; // a click at a normal pace, half a second after the card arrived
      const clicked = await bot.ask(componentPayload(APP_ID, place, message, again));
      expect(clicked.type).toBe(InteractionResponseType.UpdateMessage);
      const burst = await bot.ask(componentPayload(APP_ID, place, message, again));
      expect(burst.data.flags).toBe(MessageFlags.Ephemeral);
      expect(burst.data.content).toMatch(/^Easy there — that button is cooling down/);
      clock += 1_000;
      expect((await bot.ask(componentPayload(APP_ID, place, message, again))).type).toBe(InteractionResponseType.UpdateMessage);
      // The slash command keeps its own, longer cooldown.
      expect((await bot.ask(slashCommandPayload(APP_ID, place, 'random', []))).data.content).toMatch(/`\/random` is cooling down/);
    } finally {
      await closeClean(bot.store);
    }
  });
});

describe('autocomplete answers kept for reuse', () => {
  it('answers the same keystroke with the same frozen reply, and a different default series differently', async () => {
    let settings = DEFAULT_SETTINGS;
    const dispatch = createDispatcher({ dex, commands, settingsFor: () => ({ settings, available: true }) });
    const keystroke = (value: string) =>
      dispatch({
        id: '1',
        user: { id: '1', name: 'a' },
        guildId: '100',
        guildInstalled: true,
        permissions: '0',
        locale: 'en-GB',
        kind: 'autocomplete',
        name: 'episode',
        options: [{ name: 'query', type: 3, value, focused: true }],
      });
    const first = await keystroke('unification');
    expect(await keystroke('unification')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(await keystroke('unificatio')).not.toBe(first);
    settings = { ...DEFAULT_SETTINGS, defaultSeries: 'dis' };
    const preferring = await keystroke('unification');
    expect(preferring).not.toBe(first);
    const top = (r: any) => r.data.choices[0].value;
    expect([top(first), top(preferring)]).toEqual(['tng-s05e07', 'dis-s03e07']);
  });
});
