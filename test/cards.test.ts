import { ButtonStyle, InteractionResponseType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { message } from '../src/render/reply.ts';
import { episodeCard } from '../src/render/episode-card.ts';
import { assertValidReply, buttons, click, context, dex, firstEmbed, menus, messageData, run, storyHidden } from './helpers.ts';

describe('the episode card', () => {
  it('renders every one of the 970 episodes inside Discord limits and through discord.js builders', () => {
    const ctx = context();
    for (const episode of dex().catalog.episodes) {
      const response = message(episodeCard(ctx, episode));
      expect(() => assertValidReply(response), episode.id).not.toThrow();
    }
  });

  it('shows Penance as the seed page describes it', async () => {
    const response = await run('/episode query:penance');
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = messageData(response);
    expect(data.flags).toBeUndefined();
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = firstEmbed(response);
    expect(embed.title).toBe('S02E02 · Penance');
    expect(embed.url).toBe('https://memory-alpha.fandom.com/wiki/Penance_(episode)');
    expect(embed.author?.name).toBe('Star Trek: Picard');
    // The logline in plain sight, then the seed page's synopsis behind spoiler bars.
    const penance = dex().catalog.episode('pic-s02e02')!;
    expect(embed.description).toBe(`${penance.logline}\n\n||${penance.synopsis!.text}||`);
    expect(penance.logline).toMatch(/^Q strands Picard in a twisted 2401 where a xenophobic Earth rules by conquest/);
    expect(embed.description).toMatch(/\n\n\|\|Picard learns from Q that he and his companions are in an alternate timeline/);
    expect(embed.description).toMatch(/prepare to execute them all for treason\.\|\|$/);
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Released: '10 March 2022', 'Running time': '46 min', Country: 'US', Language: 'English', 'Production code': '202' });
    // The reference has no stardate for Penance, so the card has no Stardate field rather than an empty one.
    expect(fields).not.toHaveProperty('Stardate');
    expect(fields.Position).toBe('Season 2, episode 2 of 10 · 12 of 30 in the series');
    const links = buttons(response).filter((b) => b.style === ButtonStyle.Link);
    expect(links.map((b) => ('url' in b ? b.url : ''))).toEqual([
      'https://memory-alpha.fandom.com/wiki/PIC_Season_2',
      'https://memory-alpha.fandom.com/wiki/Star_Trek:_Picard',
      'https://memory-alpha.fandom.com/wiki/Star_Trek',
      'https://www.imdb.com/title/tt14435038/',
    ]);
    expect(links.map((b) => ('label' in b ? b.label : ''))).toEqual([
      'Season 2 index',
      'Star Trek: Picard index',
      'All Star Trek TV series, films and documentaries',
      'IMDb',
    ]);
    assertValidReply(response);
  });

  it('shows the release date as the same calendar day in every time zone', async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        process.env.TZ = tz;
        const us = firstEmbed(await run('/episode query:penance', { locale: 'en-US' }));
        const gb = firstEmbed(await run('/episode query:penance', { locale: 'en-GB' }));
        expect(us.fields?.find((f) => f.name === 'Released')?.value, tz).toBe('March 10, 2022');
        expect(gb.fields?.find((f) => f.name === 'Released')?.value, tz).toBe('10 March 2022');
      }
    } finally {
      process.env.TZ = zone;
    }
  });

  it('falls back to British English dates for a locale it cannot format', async () => {
    const embed = firstEmbed(await run('/episode query:penance', { locale: 'not a locale!' }));
    expect(embed.fields?.find((f) => f.name === 'Released')?.value).toBe('10 March 2022');
  });

  it('says so plainly when an episode has no texts, or only a logline, instead of an empty spoiler', () => {
    const cage = dex().catalog.episode('tos-s01e00')!;
    const untold = { ...cage, logline: undefined, synopsis: undefined };
    expect(episodeCard(context(), untold).embeds?.[0]?.description).toBe('*No logline or synopsis has been written for this episode yet.*');
    const premiseOnly = { ...cage, synopsis: undefined };
    expect(episodeCard(context(), premiseOnly).embeds?.[0]?.description).toBe(`${cage.logline}\n\n*No synopsis has been written for this episode yet.*`);
    for (const episode of [untold, premiseOnly]) assertValidReply(message(episodeCard(context(), episode)));
  });

  it('shows the logline outside the spoiler bars and the synopsis inside them, both plain under never', () => {
    const city = dex().catalog.episode('tos-s01e28')!;
    expect(city.title).toBe('The City on the Edge of Forever');
    const always = episodeCard(context(), city).embeds?.[0]?.description ?? '';
    const [logline, story, ...rest] = always.split('\n\n');
    expect(rest).toEqual([]);
    expect(logline).toBe(city.logline);
    expect(logline).not.toContain('||');
    expect(story).toBe(`||${city.synopsis!.text}||`);
    expect(story).toContain('Edith');
    const never = context({ settings: { spoilers: { mode: 'never', days: 14 }, private: false } });
    expect(episodeCard(never, city).embeds?.[0]?.description).toBe(`${city.logline}\n\n${city.synopsis!.text}`);
  });

  it('follows the spoiler setting: always, recent (at the boundary day) and never', async () => {
    const now = new Date('2022-03-24T23:59:00Z'); // 14 days after 10 March 2022
    const ctx = (mode: 'always' | 'recent' | 'never', days = 14) => context({ now, settings: { spoilers: { mode, days }, private: false } });
    const penance = dex().catalog.episode('pic-s02e02')!;
    expect(storyHidden(episodeCard(ctx('always'), penance).embeds?.[0]?.description)).toBe(true);
    expect(storyHidden(episodeCard(ctx('never'), penance).embeds?.[0]?.description)).toBe(false);
    expect(storyHidden(episodeCard(ctx('recent', 14), penance).embeds?.[0]?.description)).toBe(true);
    expect(storyHidden(episodeCard(ctx('recent', 13), penance).embeds?.[0]?.description)).toBe(false);
  });

  it('cuts a synopsis that is too long on a word boundary and always closes the spoiler', () => {
    const penance = dex().catalog.episode('pic-s02e02')!;
    const long = { ...penance, logline: undefined, synopsis: { text: `${'Borg '.repeat(1500)}end \\*`, credit: 'test' } };
    const description = episodeCard(context(), long).embeds?.[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/^\|\|Borg( Borg)*…\|\|$/);
    assertValidReply(message(episodeCard(context(), long)));
  });

  it('escapes markdown in data text so a synopsis cannot break out of its spoiler', () => {
    const penance = dex().catalog.episode('pic-s02e02')!;
    const tricky = { ...penance, logline: 'Q *waves* ||early||', synopsis: { text: 'Q says ||surprise|| and *waves* @everyone', credit: 'test' } };
    const description = episodeCard(context(), tricky).embeds?.[0]?.description ?? '';
    expect(description).toBe('Q \\*waves\\* \\|\\|early\\|\\|\n\n||Q says \\|\\|surprise\\|\\| and \\*waves\\* @everyone||');
  });
});

describe('previous and next', () => {
  const navigation = async (id: string) =>
    buttons(await click(`episode:show:${id}`))
      .filter((b) => b.style === ButtonStyle.Secondary)
      .map((b) => ('custom_id' in b ? b.custom_id : ''));

  it('moves one episode at a time and updates the message in place', async () => {
    const response = await click('episode:show:pic-s02e03');
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(response).title).toBe('S02E03 · Assimilation');
    expect(await navigation('pic-s02e02')).toEqual(['episode:show:pic-s02e01', 'episode:show:pic-s02e03']);
  });

  it('crosses season boundaries and stops at the ends of the series', async () => {
    expect(await navigation('pic-s01e10')).toEqual(['episode:show:pic-s01e09', 'episode:show:pic-s02e01']);
    expect(await navigation('pic-s01e01')).toEqual(['episode:show:pic-s01e02']);
    expect(await navigation('pic-s03e10')).toEqual(['episode:show:pic-s03e09']);
    expect(await navigation('tos-s01e00')).toEqual(['episode:show:tos-s01e01']);
  });

  it('answers a forged or stale button with an ephemeral message, not an error', async () => {
    for (const id of ['episode:show:pic-s09e99', 'episode:show:', 'episode:explode:1', 'nosuchcommand:x', '', `episode:show:${'9'.repeat(90)}`]) {
      const response = await click(id);
      expect(response.type, id).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(messageData(response).flags, id).toBe(MessageFlags.Ephemeral);
      assertValidReply(response);
    }
  });
});

describe('ambiguous queries', () => {
  it('names the alternatives and offers them in a menu', async () => {
    const response = await run('/episode query:emissary');
    const embed = firstEmbed(response);
    expect(embed.title).toBe('S01E01 · Emissary (Part 1)');
    expect(embed.fields?.find((f) => f.name === 'Also matches')?.value).toBe('DS9 S01E02 · Emissary (Part 2) (1993)\nTNG S02E20 · The Emissary (1989)');
    expect(menus(response)[0]?.options.map((o) => o.value)).toEqual(['ds9-s01e02', 'tng-s02e20']);
    const picked = await click('episode:pick:0', ['tng-s02e20']);
    expect(firstEmbed(picked).title).toBe('S02E20 · The Emissary');
  });

  it('lists a bare episode code in every series and keeps the list inside Discord limits', async () => {
    const response = await run('/episode query:S01E01');
    const also = firstEmbed(response).fields?.find((f) => f.name === 'Also matches')?.value ?? '';
    expect(also.split('\n')).toHaveLength(13);
    assertValidReply(response);
  });
});

describe('rendered card reuse', () => {
  it('reuses a card for the same inputs, never across locales, spoiler states or data reloads', async () => {
    const { loadDex } = await import('../src/dex.ts');
    const ctx = context();
    const penance = dex().catalog.episode('pic-s02e02')!;
    const first = episodeCard(ctx, penance);
    expect(episodeCard(ctx, penance)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(episodeCard(context({ locale: 'en-US' }), penance)).not.toBe(first);
    expect(episodeCard(context({ settings: { spoilers: { mode: 'never', days: 14 }, private: false } }), penance).embeds?.[0]?.description).not.toMatch(
      /^\|\|/,
    );
    const reloaded = loadDex('data').catalog.episode('pic-s02e02')!;
    expect(episodeCard(ctx, reloaded)).not.toBe(first);
    expect(episodeCard(ctx, reloaded)).toEqual(first);
  });
});
