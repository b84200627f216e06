import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChannelType, EmbedBuilder, MessageFlags, PermissionFlagsBits, type APIInteractionResponse } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { parseCommandLine } from '../src/cli/command-line.ts';
import { createDispatcher } from '../src/interactions/dispatch.ts';
import type { InteractionInput } from '../src/interactions/types.ts';
import { createLogger } from '../src/log.ts';
import { clubKey } from '../src/rewatch/club.ts';
import type { BullmqEngine, Clock } from '../src/rewatch/engine.ts';
import { cronPattern, nextRun } from '../src/rewatch/plan.ts';
import type { RunOutcome } from '../src/rewatch/runner.ts';
import { startRewatch } from '../src/rewatch/setup.ts';
import { DEFAULT_SETTINGS } from '../src/settings.ts';
import { openStore, type OpenedStore } from '../src/store/open.ts';
import { dex, messageData, run } from './helpers.ts';
import { closeClean, TEST_NAMESPACE } from './store-helpers.ts';

const logger = createLogger('silent');
const GUILD = '700000000000000001';
const CHANNEL = '700000000000000010';
const OTHER = '700000000000000020';
const ADMIN = String(PermissionFlagsBits.ManageGuild);
const CAN_POST = String(
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.CreatePublicThreads,
);

/** Timers on a clock the test moves: days pass in milliseconds and nothing waits on real time. */
class FakeClock implements Clock {
  private readonly timers = new Map<number, { at: number; run: () => void }>();
  private id = 0;
  constructor(public t: number) {}
  now = () => this.t;
  setTimeout(run: () => void, ms: number) {
    this.timers.set(++this.id, { at: this.t + ms, run });
    return this.id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  /** Moves to `until`, firing each due timer in order and letting what it started finish. */
  async advance(until: number, settle: () => Promise<void>) {
    for (;;) {
      const next = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].run();
      await settle();
    }
    this.t = until;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator() {
  const discord = await new DiscordEmulator().start();
  cleanups.push(() => discord.stop());
  return discord;
}

async function storeAt(url: string, clock: Clock): Promise<OpenedStore> {
  const store = await openStore(url, logger, { namespace: TEST_NAMESPACE, now: () => clock.now() });
  cleanups.push(() => closeClean(store));
  return store;
}

/** Run outcomes as bots report them (one list may be shared by several bots), and a way to wait for a count. */
class Outcomes {
  readonly list: RunOutcome[] = [];
  private readonly waiting: { count: number; resolve: () => void }[] = [];
  add(outcome: RunOutcome) {
    this.list.push(outcome);
    for (const w of [...this.waiting]) if (this.list.length >= w.count) (this.waiting.splice(this.waiting.indexOf(w), 1), w.resolve());
  }
  /** Resolves once this many runs have reported (BullMQ workers run on their own). */
  reach(count: number): Promise<void> {
    return new Promise((resolve) => (this.list.length >= count ? resolve() : this.waiting.push({ count, resolve })));
  }
}

/** One bot process: its rewatch engine on `store`, and a dispatcher that answers /rewatch. */
async function bot(discord: DiscordEmulator, store: OpenedStore, clock: FakeClock, url = 'memory://', outcomes = new Outcomes()) {
  const rewatch = await startRewatch({
    store,
    storeUrl: url,
    namespace: TEST_NAMESPACE,
    token: discord.token,
    apiBase: discord.apiBase,
    dex,
    logger,
    clock,
    resyncMs: 6 * 3_600_000,
    onOutcome: (_, outcome) => outcomes.add(outcome),
  });
  let closed = false;
  const close = async () => {
    if (!closed) await rewatch.close();
    closed = true;
  };
  cleanups.push(close);
  const dispatch = createDispatcher({
    dex,
    commands,
    settingsFor: () => ({ settings: DEFAULT_SETTINGS, available: true }),
    rewatch: () => rewatch.service,
    now: () => new Date(clock.now()),
  });
  const ask = (line: string, place: Partial<InteractionInput> & { resolved?: Record<string, number> } = {}): Promise<APIInteractionResponse> => {
    const { command, options } = parseCommandLine(line, commands);
    const channels = Object.fromEntries(
      Object.entries(place.resolved ?? { [CHANNEL]: ChannelType.GuildText, [OTHER]: ChannelType.GuildText }).map(([id, type]) => [id, { type }]),
    );
    return dispatch({
      id: '1',
      user: { id: '800000000000000001', name: 'admin' },
      guildId: GUILD,
      guildInstalled: true,
      permissions: ADMIN,
      locale: 'en-US',
      channelId: CHANNEL,
      appPermissions: CAN_POST,
      ...place,
      kind: 'command',
      name: command.definition.name,
      options,
      resolved: { channels },
    } as InteractionInput);
  };
  const settle = async () => {
    if (rewatch.engine.kind === 'timer') await (rewatch.engine as import('../src/rewatch/engine.ts').TimerEngine).idle();
  };
  return { rewatch, ask, settle, close };
}

const text = (response: APIInteractionResponse) => messageData(response).content ?? '';
const posts = (discord: DiscordEmulator) => discord.channelPosts.map((p) => `${p.channelId} ${p.body.content}`);

describe('a daily rewatch club', () => {
  it('posts once a day across simulated days, with a thread per episode, and says when the next post is', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, settle } = await bot(discord, await storeAt('memory://', clock), clock);
    const started = await ask(`/rewatch start series:tng channel:${CHANNEL} at:20:00 timezone:UTC`);
    const embed = messageData(started).embeds![0]!;
    expect(messageData(started).flags).toBe(MessageFlags.Ephemeral);
    expect(embed.title).toBe('Rewatch club started: Star Trek: The Next Generation');
    const first = Math.floor(Date.UTC(2026, 11, 1, 20, 0) / 1000);
    expect(embed.description).toContain(`First post: <t:${first}:F> (<t:${first}:R>)`);
    expect(embed.description).toContain('First episode: TNG S01E01 · Encounter at Farpoint (Part 1) (1987) (1 of 178)');

    await clock.advance(Date.UTC(2026, 11, 1, 19, 59), settle);
    expect(discord.channelPosts).toHaveLength(0);
    await clock.advance(Date.UTC(2026, 11, 5, 12, 0), settle);
    expect(posts(discord)).toEqual([1, 2, 3, 4].map((n) => `${CHANNEL} 📺 Rewatch club: episode ${n} of 178 of Star Trek: The Next Generation`));
    // The card is the /episode card, spoilers hidden per the server's policy, and nobody is pinged.
    const card = discord.channelPosts[0]!;
    expect((card.body.embeds as ReturnType<EmbedBuilder['toJSON']>[])[0]!.title).toBe('S01E01 · Encounter at Farpoint (Part 1)');
    expect((card.body.embeds as { description: string }[])[0]!.description).toMatch(/\|\|[\s\S]+\|\|$/);
    expect(card.body.allowed_mentions).toEqual({ parse: [] });
    expect(card.problems).toEqual([]);
    expect(discord.threads.map((t) => t.name)).toEqual([
      'S01E01 · Encounter at Farpoint (Part 1)',
      'S01E02 · Encounter at Farpoint (Part 2)',
      'S01E03 · The Naked Now',
      'S01E04 · Code of Honor',
    ]);

    const status = messageData(await ask('/rewatch status')).embeds![0]!;
    const next = Math.floor(Date.UTC(2026, 11, 5, 20, 0) / 1000);
    expect(status.fields![0]!.value).toBe(
      [
        `<#${CHANNEL}> · every day at 20:00 (UTC)`,
        `Next: TNG S01E05 · The Last Outpost (1987), <t:${next}:F> (<t:${next}:R>)`,
        'Posted so far: 4',
        '▶️ Running.',
      ].join('\n'),
    );
  });

  it('neither repeats nor skips across a restart, and makes a post missed while down once', async () => {
    const discord = await emulator();
    const url = `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'trekdex-rewatch-')), 'clubs.sqlite')}`;
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const store = await storeAt(url, clock);
    const first = await bot(discord, store, clock, url);
    await first.ask(`/rewatch start series:ds9 channel:${CHANNEL} at:20:00 timezone:UTC threads:false`);
    await clock.advance(Date.UTC(2026, 11, 2, 21, 0), first.settle);
    expect(discord.channelPosts).toHaveLength(2);
    await first.close();

    // Down for three days, 20:00 passing three times: one post when it is back, then the plan goes on.
    clock.t = Date.UTC(2026, 11, 6, 9, 0);
    const second = await bot(discord, store, clock, url);
    await second.settle();
    await clock.advance(Date.UTC(2026, 11, 6, 9, 1), second.settle);
    expect(posts(discord).map((p) => p.replace(/ of 176.*/, ''))).toEqual([1, 2, 3].map((n) => `${CHANNEL} 📺 Rewatch club: episode ${n}`));
    await clock.advance(Date.UTC(2026, 11, 7, 21, 0), second.settle);
    expect(posts(discord).map((p) => p.replace(/ of 176.*/, ''))).toEqual([1, 2, 3, 4, 5].map((n) => `${CHANNEL} 📺 Rewatch club: episode ${n}`));
    expect(discord.threads).toEqual([]);
  });

  it('keeps 20:00 local across a daylight-saving change', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2027, 2, 25, 12, 0));
    const { ask, settle } = await bot(discord, await storeAt('memory://', clock), clock);
    const times: number[] = [];
    discord.onChannelPost = () => times.push(clock.now());
    await ask(`/rewatch start series:tos channel:${CHANNEL} at:20:00 timezone:Europe/Berlin threads:false`);
    await clock.advance(Date.UTC(2027, 2, 30, 12, 0), settle);
    // Berlin moves to summer time on 28 March 2027: 20:00 is 19:00 UTC before and 18:00 UTC after.
    expect(times.map((t) => new Date(t).toISOString())).toEqual([
      '2027-03-25T19:00:00.000Z',
      '2027-03-26T19:00:00.000Z',
      '2027-03-27T19:00:00.000Z',
      '2027-03-28T18:00:00.000Z',
      '2027-03-29T18:00:00.000Z',
    ]);
    expect(cronPattern({ every: 'weekdays', at: '7:05', timezone: 'UTC' })).toBe('5 7 * * 1-5');
    expect(nextRun({ every: 'weekdays', at: '20:00', timezone: 'UTC' }, new Date(Date.UTC(2026, 11, 4, 21, 0))).toISOString()).toBe('2026-12-07T20:00:00.000Z');
  });

  it('posts the next episode now with /rewatch next, and the plan continues from the one after', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, settle } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:pic channel:${CHANNEL} from:2x02 at:20:00 timezone:UTC`);
    expect(text(await ask('/rewatch next'))).toMatch(new RegExp(`^Posted in <#${CHANNEL}>\\. Next: PIC S02E03 · Assimilation \\(2022\\)`));
    await clock.advance(Date.UTC(2026, 11, 1, 21, 0), settle);
    expect(posts(discord)).toEqual([
      `${CHANNEL} 📺 Rewatch club: episode 12 of 30 of Star Trek: Picard`,
      `${CHANNEL} 📺 Rewatch club: episode 13 of 30 of Star Trek: Picard`,
    ]);
    expect(discord.channelPosts.map((p) => (p.body.embeds as { title: string }[])[0]!.title)).toEqual(['S02E02 · Penance', 'S02E03 · Assimilation']);
  });

  it('ends with a closing message after the last episode', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, settle } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:vst channel:${CHANNEL} from:1x04 threads:false`);
    await clock.advance(Date.UTC(2026, 11, 5, 12, 0), settle);
    expect(posts(discord)).toEqual([
      `${CHANNEL} 📺 Rewatch club: episode 4 of 5 of Star Trek: Very Short Treks`,
      `${CHANNEL} 📺 Rewatch club: episode 5 of 5 of Star Trek: Very Short Treks`,
      `${CHANNEL} 🏁 That was the last episode of Star Trek: Very Short Treks. The rewatch club has finished after 2 episodes. Thanks for watching together!`,
    ]);
    expect(messageData(await ask('/rewatch status')).embeds![0]!.fields![0]!.value).toContain('🏁 Finished.');
  });
});

describe('when Discord refuses a post', () => {
  it.each([
    ['403 missing permissions', (d: DiscordEmulator) => d.forbiddenChannels.add(OTHER), /lacks permission in that channel/],
    ['404 deleted channel', (d: DiscordEmulator) => d.deletedChannels.add(OTHER), /the channel no longer exists/],
  ])('pauses the club on %s, keeps its place, tells the admins, and resumes', async (_, fault, reason) => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, settle } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:tng channel:${OTHER} at:20:00 threads:false`);
    fault(discord);
    await clock.advance(Date.UTC(2026, 11, 3, 12, 0), settle);
    expect(discord.channelPosts).toHaveLength(0);
    const status = messageData(await ask('/rewatch status')).embeds![0]!.fields![0]!.value;
    expect(status).toMatch(reason);
    expect(status).toMatch(/⏸️ Paused: .*Fix that, then `\/rewatch resume`\./);
    expect(status).toContain('Next: TNG S01E01 · Encounter at Farpoint (Part 1) (1987), when resumed');

    discord.forbiddenChannels.clear();
    discord.deletedChannels.clear();
    expect(text(await ask(`/rewatch resume channel:${OTHER}`))).toMatch(/^The club in <#\d+> continues\. Next: TNG S01E01/);
    await clock.advance(Date.UTC(2026, 11, 3, 21, 0), settle);
    expect(posts(discord)).toEqual([`${OTHER} 📺 Rewatch club: episode 1 of 178 of Star Trek: The Next Generation`]);
  });

  it('retries a minute later while Discord fails (5xx), never in a tight loop, and posts once it is back', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, settle, rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:tng channel:${CHANNEL} at:20:00 threads:false`);
    const failing = { route: /^POST \/channels\/\d+\/messages$/, status: 503 as const, times: 1_000 };
    discord.faults.push(failing);
    await clock.advance(Date.UTC(2026, 11, 1, 20, 10), settle);
    const attempts = 1_000 - failing.times;
    // Ten minutes of failures: about one run a minute (the REST client retries each a few times).
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThanOrEqual(11 * 4);
    expect(discord.channelPosts).toHaveLength(0);
    expect((await rewatch.service.clubs.list())[0]).toMatchObject({ posted: 0, next: 0 });
    expect((await rewatch.service.clubs.list())[0]!.paused).toBeUndefined();
    failing.times = 0;
    await clock.advance(Date.UTC(2026, 11, 1, 20, 12), settle);
    expect(posts(discord)).toEqual([`${CHANNEL} 📺 Rewatch club: episode 1 of 178 of Star Trek: The Next Generation`]);
  });

  it('waits out a 429 (the REST client retries) and posts once', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:tng channel:${CHANNEL} threads:false`);
    discord.faults.push({ route: /^POST \/channels\/\d+\/messages$/, status: 429, retryAfter: 0.01, times: 1 });
    expect(text(await ask('/rewatch next'))).toMatch(/^Posted in/);
    expect(discord.channelPosts).toHaveLength(1);
    expect(discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/channels/')).map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('/rewatch input', () => {
  it.each([
    ['/rewatch start series:zzzz channel:CH', 'No series matched “zzzz”. Start typing to see the series I know.'],
    [
      '/rewatch start series:tng channel:CH from:penance',
      '“penance” is not an episode of Star Trek: The Next Generation. Start typing `from` to see its episodes.',
    ],
    ['/rewatch start series:tng channel:CH at:25:00', '“25:00” is not a time. Use 24-hour HH:MM, for example `20:00` or `7:30`.'],
    ['/rewatch start series:tng channel:CH at:8pm', '“8pm” is not a time. Use 24-hour HH:MM, for example `20:00` or `7:30`.'],
    [
      '/rewatch start series:tng channel:CH timezone:Mars/Olympus',
      '“Mars/Olympus” is not a time zone I know. Use an IANA name such as `Europe/Berlin` or `America/New_York`; start typing to see them.',
    ],
    ['/rewatch start series:tng channel:VOICE', '<#700000000000000030> is not a text channel: a club posts to a text or announcement channel.'],
    ['/rewatch next', 'This server has no rewatch club yet. Start one with `/rewatch start`.'],
    ['/rewatch pause channel:OTHER', "There is no rewatch club in <#700000000000000020>. `/rewatch status` lists this server's clubs."],
  ])('%s gets a private explanation and changes nothing', async (line, reply) => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    const response = await ask(line.replace('CH', CHANNEL).replace('OTHER', OTHER).replace('VOICE', '700000000000000030'), {
      resolved: { [CHANNEL]: ChannelType.GuildText, '700000000000000030': ChannelType.GuildVoice },
    });
    expect(messageData(response)).toMatchObject({ content: reply, flags: MessageFlags.Ephemeral });
    expect(await rewatch.service.clubs.list()).toEqual([]);
    expect(discord.channelPosts).toEqual([]);
  });

  it('refuses a second club in the same channel and keeps the first', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:tng channel:${CHANNEL}`);
    expect(text(await ask(`/rewatch start series:voy channel:${CHANNEL}`))).toBe(
      `<#${CHANNEL}> already has a rewatch club. \`/rewatch status\` shows it; \`/rewatch stop\` ends it.`,
    );
    expect((await rewatch.service.clubs.list()).map((c) => c.seriesId)).toEqual(['tng']);
  });

  it('says what TrekDex lacks in this channel before starting a club here', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    const response = await ask(`/rewatch start series:tng channel:${CHANNEL}`, {
      appPermissions: String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages),
    });
    expect(text(response)).toBe(
      `TrekDex cannot post here yet: it lacks Embed Links, Create Public Threads in <#${CHANNEL}>. Give it those permissions, then start the club again.`,
    );
    expect(await rewatch.service.clubs.list()).toEqual([]);
  });

  it('refuses members without Manage Server, for every subcommand', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:tng channel:${CHANNEL}`);
    for (const line of [`/rewatch start series:voy channel:${OTHER}`, '/rewatch next', '/rewatch stop', '/rewatch pause', '/rewatch status']) {
      const response = await ask(line, { permissions: String(PermissionFlagsBits.SendMessages) });
      expect(text(response), line).toBe('Only members with the **Manage Server** permission can run rewatch clubs.');
    }
    expect((await rewatch.service.clubs.list()).map((c) => [c.seriesId, c.posted])).toEqual([['tng', 0]]);
    expect(discord.channelPosts).toEqual([]);
  });

  it('pauses, resumes and stops a club, with several clubs told apart by channel', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { ask, rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    await ask(`/rewatch start series:tng channel:${CHANNEL}`);
    await ask(`/rewatch start series:voy channel:${OTHER} every:weekly`);
    expect(text(await ask('/rewatch pause', { channelId: '700000000000000099' }))).toBe(
      'This server has several clubs: name the club’s `channel`. `/rewatch status` lists them.',
    );
    expect(text(await ask(`/rewatch pause channel:${OTHER}`))).toBe(`The club in <#${OTHER}> is paused; it keeps its place. \`/rewatch resume\` continues.`);
    expect(messageData(await ask('/rewatch status')).embeds![0]!.fields!.map((f) => f.value.split('\n').at(-1))).toEqual([
      '▶️ Running.',
      '⏸️ Paused by an admin. `/rewatch resume` continues.',
    ]);
    // The weekly club keeps the weekday of its first post (Tuesday 1 December 2026).
    expect(messageData(await ask('/rewatch status')).embeds![0]!.fields![1]!.value).toContain('weekly on Tuesdays at 20:00 (UTC)');
    expect(text(await ask(`/rewatch stop channel:${OTHER}`))).toBe(`The rewatch club in <#${OTHER}> has ended after 0 episodes.`);
    expect((await rewatch.service.clubs.list()).map((c) => c.seriesId)).toEqual(['tng']);
  });

  it('says that posting needs the bot token when there is none', async () => {
    expect(text(await run(`/rewatch start series:tng channel:${CHANNEL}`, { permissions: ADMIN }))).toBe(
      'Posting to channels needs the bot token: set `DISCORD_TOKEN` (in HTTP mode too) and restart TrekDex, then start the club again.',
    );
  });

  it('completes series, episodes within the series, and time zones', async () => {
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const { rewatch } = await bot(discord, await storeAt('memory://', clock), clock);
    const dispatch = createDispatcher({ dex, commands, settingsFor: () => ({ settings: DEFAULT_SETTINGS, available: true }), rewatch: () => rewatch.service });
    const complete = async (line: string) => {
      const { command, options } = parseCommandLine(line, commands, true);
      const response = await dispatch({
        id: '1',
        user: { id: '1', name: 'a' },
        guildId: GUILD,
        guildInstalled: true,
        permissions: ADMIN,
        locale: 'en-US',
        kind: 'autocomplete',
        name: command.definition.name,
        options,
      });
      return (response as { data: { choices: { name: string; value: string }[] } }).data.choices;
    };
    expect((await complete('/rewatch start series:voyag'))[0]?.value).toBe('voy');
    const episodes = await complete('/rewatch start series:pic channel:1 from:pen');
    expect(episodes[0]).toEqual({ name: 'PIC S02E02 · Penance (2022)', value: 'pic-s02e02' });
    expect(episodes.every((c) => c.value.startsWith('pic-'))).toBe(true);
    expect((await complete('/rewatch start series:tng channel:1 timezone:berl')).map((c) => c.value)).toEqual(['Europe/Berlin']);
    expect((await complete('/rewatch start series:tng channel:1 timezone:new_y')).map((c) => c.value)).toContain('America/New_York');
  });
});

describe('several processes', () => {
  it('two bots on one SQLite file post each episode once', async () => {
    const discord = await emulator();
    const url = `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'trekdex-rewatch-')), 'clubs.sqlite')}`;
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const a = await bot(discord, await storeAt(url, clock), clock, url);
    const b = await bot(discord, await storeAt(url, clock), clock, url);
    await a.ask(`/rewatch start series:tng channel:${CHANNEL} threads:false`);
    // b learns of the club from the shared file on its next resync.
    await clock.advance(Date.UTC(2026, 11, 4, 12, 0), async () => {
      await a.settle();
      await b.settle();
    });
    expect(posts(discord).map((p) => p.replace(/ of 178.*/, ''))).toEqual([1, 2, 3].map((n) => `${CHANNEL} 📺 Rewatch club: episode ${n}`));
  });

  it.skipIf(!process.env.REDIS_URL)('two HTTP replicas on one Redis (BullMQ) post each episode exactly once', async () => {
    const url = process.env.REDIS_URL!;
    const discord = await emulator();
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
    const outcomes = new Outcomes();
    const a = await bot(discord, await storeAt(url, clock), clock, url, outcomes);
    const b = await bot(discord, await storeAt(url, clock), clock, url, outcomes);
    expect(a.rewatch.engine.kind).toBe('bullmq');
    await a.ask(`/rewatch start series:tng channel:${CHANNEL} at:20:00 timezone:Europe/Berlin threads:false`);
    const key = clubKey(GUILD, CHANNEL);
    // The club's plan is a BullMQ job scheduler: its cron pattern in its time zone.
    const queue = (a.rewatch.engine as unknown as { queue: import('bullmq').Queue }).queue;
    expect((await queue.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz])).toEqual([[key, '0 20 * * *', 'Europe/Berlin']]);

    for (let round = 1; round <= 3; round++) {
      // Due now (the clock moved past its time), and both replicas are asked to run it twice.
      clock.t = (await a.rewatch.service.clubs.byKey(key))!.dueAt;
      const before = outcomes.list.length;
      for (const engine of [a, b, a, b]) await (engine.rewatch.engine as BullmqEngine).runSoon(key);
      await outcomes.reach(before + 4);
      expect(discord.channelPosts).toHaveLength(round);
    }
    expect(outcomes.list.filter((o) => o === 'posted')).toHaveLength(3);
    expect(posts(discord).map((p) => p.replace(/ of 178.*/, ''))).toEqual([1, 2, 3].map((n) => `${CHANNEL} 📺 Rewatch club: episode ${n}`));
    await a.ask('/rewatch stop');
    expect(await queue.getJobSchedulers()).toEqual([]);
    await a.close();
    await b.close();
  });
});
