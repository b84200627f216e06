import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import Keyv from 'keyv';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAnswer } from '../src/app.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { slashCommandPayload } from '../src/emulator/payloads.ts';
import { snowflake } from '../src/emulator/snowflake.ts';
import { fromApiInteraction } from '../src/interactions/from-api.ts';
import { createLogger } from '../src/log.ts';
import { CHANGE_BOUND_MS } from '../src/store/change-feed.ts';
import { Cooldowns } from '../src/store/cooldowns.ts';
import { openStore, type OpenedStore } from '../src/store/open.ts';
import { SettingsCache } from '../src/store/settings-cache.ts';
import { SettingsStore, type Scope } from '../src/store/settings-store.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { dex, storyHidden } from './helpers.ts';
import { APP_ID, closeClean, guildPlace, MANAGE_SERVER, settingsCommand, spoilers, TEST_NAMESPACE } from './store-helpers.ts';

const REDIS = process.env.REDIS_URL;
const ROUNDS = 20;
const BURSTS = 5;
const BURST = 20;
const B = ApplicationCommandOptionType.Boolean;
const S = ApplicationCommandOptionType.String;

/** N HTTP endpoints, each with its own store connection, as N replicas behind a load balancer would be. */
async function replicas(url: string, count: number, emulator: DiscordEmulator) {
  const logger = createLogger('silent');
  const stores: OpenedStore[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const store = await openStore(url, logger, { namespace: TEST_NAMESPACE });
    const settingsStore = new SettingsCache(new SettingsStore(store.keyv, logger), store.feed, logger);
    const answer = createAnswer({ dex, logger, settingsStore, cooldowns: new Cooldowns(store.claim, logger) });
    const server = createInteractionServer({ publicKey: emulator.publicKeyHex, answer, logger });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    stores.push(store);
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`);
  }
  return {
    urls,
    feeds: stores.map((store) => store.feed),
    /** What the store holds, read past every replica's memory. */
    stored: (scope: Scope) => new SettingsStore(stores[0]!.keyv, logger).read(scope),
    async ask(i: number, interaction: unknown): Promise<any> {
      return (await emulator.postSigned(urls[i % urls.length]!, interaction)).json();
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
      for (const store of stores) await closeClean(store);
    },
  };
}

const sqliteUrl = () => `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'trekdex-race-')), 'settings.sqlite')}`;

/** Where the suite runs: one process on SQLite, and two replicas on one Redis when there is one. */
const setups: [string, () => string, number][] = [
  ['one process on SQLite', sqliteUrl, 1],
  ['two connections to one SQLite file', sqliteUrl, 2],
  ...(REDIS ? ([['two HTTP replicas sharing Redis', () => REDIS, 2]] as [string, () => string, number][]) : []),
];

describe.each(setups)('concurrent state, %s', (_name, url, count) => {
  const emulator = new DiscordEmulator();
  let cluster: Awaited<ReturnType<typeof replicas>> | undefined;
  const start = async () => (cluster ??= await replicas(url(), count, emulator));
  afterAll(async () => cluster?.close());

  it(`loses none of three admins' simultaneous changes to different settings, over ${ROUNDS} rounds`, async () => {
    const bots = await start();
    let acknowledged = 0;
    let lost = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const guild = snowflake();
      const admin = () => guildPlace(guild, MANAGE_SERVER, snowflake());
      const replies = await Promise.all([
        bots.ask(round, settingsCommand(admin(), 'spoilers', spoilers('never'))),
        bots.ask(round + 1, settingsCommand(admin(), 'series', [{ name: 'default', type: S, value: 'tng' }])),
        bots.ask(round + 2, settingsCommand(admin(), 'private', [{ name: 'default', type: B, value: true }])),
      ]);
      for (const reply of replies) expect(reply.data.embeds?.[0]?.description, JSON.stringify(reply.data)).toBe('Saved.');
      acknowledged += replies.length;
      const { settings } = await bots.stored(`guild:${guild}`);
      lost += [settings.spoilers.mode === 'never', settings.defaultSeries === 'tng', settings.private].filter((ok) => !ok).length;
    }
    expect({ acknowledged, lost }).toEqual({ acknowledged: 3 * ROUNDS, lost: 0 });
  });

  it.skipIf(count < 2)('serves a setting changed through one replica from the other within the documented bound', async () => {
    const bots = await start();
    const guild = snowflake();
    const episode = () => bots.ask(1, slashCommandPayload(APP_ID, guildPlace(guild), 'episode', [{ name: 'query', type: S, value: 'penance' }]));
    // Replica 1 has this server's settings (the defaults) in memory.
    expect(storyHidden((await episode()).data.embeds[0].description)).toBe(true);
    let stop = () => {};
    const heard = new Promise<number>((resolve) => (stop = bots.feeds[1]!.onChange(() => resolve(performance.now()))));
    const saved = await bots.ask(0, settingsCommand(guildPlace(guild, MANAGE_SERVER), 'spoilers', spoilers('never')));
    const acknowledged = performance.now();
    expect(saved.data.embeds[0].description).toBe('Saved.');
    // SQLite is polled once a second (CHANGE_BOUND_MS): run that poll now instead of waiting for it.
    await bots.feeds[1]!.check?.();
    const arrived = await heard;
    stop();
    expect(arrived - acknowledged).toBeLessThan(CHANGE_BOUND_MS.redis);
    expect(storyHidden((await episode()).data.embeds[0].description)).toBe(false);
  });

  it(`lets exactly one of ${BURST} simultaneous /random uses through, in each of ${BURSTS} bursts`, async () => {
    const bots = await start();
    const passed: number[] = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      const user = snowflake();
      const place = guildPlace(snowflake(), '0', user);
      const replies = await Promise.all(Array.from({ length: BURST }, (_, i) => bots.ask(i, slashCommandPayload(APP_ID, place, 'random', []))));
      const cards = replies.filter((r) => r.data.embeds?.length > 0);
      const refused = replies.filter((r) => r.data.flags === MessageFlags.Ephemeral && /cooling down/.test(r.data.content));
      expect(cards.length + refused.length).toBe(BURST);
      passed.push(cards.length);
    }
    expect(passed).toEqual(Array(BURSTS).fill(1));
  });
});

describe('a settings write the store does not acknowledge in time', () => {
  it('says the change could not be confirmed and how to check, never that nothing was changed', async () => {
    vi.useFakeTimers();
    try {
      // A store that takes the write and never answers: the change may well have been stored.
      const keyv = new Keyv({ namespace: TEST_NAMESPACE });
      keyv.set = () => new Promise<boolean>(() => {});
      const logger = createLogger('silent');
      const answer = createAnswer({ dex, logger, settingsStore: new SettingsStore(keyv, logger) });
      const reply: Promise<any> = answer(fromApiInteraction(settingsCommand(guildPlace(snowflake(), MANAGE_SERVER), 'spoilers', spoilers('never')))!);
      await vi.advanceTimersByTimeAsync(2_000);
      const data = (await reply).data;
      expect(data.flags).toBe(MessageFlags.Ephemeral);
      expect(data.content).toMatch(/did not confirm it in time, so it may or may not have been saved/);
      expect(data.content).toContain('/settings show');
      expect(data.content).not.toMatch(/nothing was changed/);
    } finally {
      vi.useRealTimers();
    }
  });
});
