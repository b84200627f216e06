import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswer } from '../src/app.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { makeUser } from '../src/emulator/payloads.ts';
import { shardOf } from '../src/emulator/snowflake.ts';
import { createLogger } from '../src/log.ts';
import { Cooldowns } from '../src/store/cooldowns.ts';
import { openStore, type OpenedStore } from '../src/store/open.ts';
import { SettingsStore } from '../src/store/settings-store.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { dex } from './helpers.ts';
import { closeClean, episodeCommand, hidden, MANAGE_SERVER, settingsCommand, spoilers, TEST_NAMESPACE } from './store-helpers.ts';
import type { AddressInfo } from 'node:net';

const REDIS = process.env.REDIS_URL;
/** Guild ids whose timestamp bits put them on shard 0 and shard 1 of 2: (id >> 22) % 2. */
const GUILD_0 = (300000000000n << 22n).toString();
const GUILD_1 = (300000000001n << 22n).toString();
const S = ApplicationCommandOptionType.String;

describe.skipIf(!REDIS)('two shards sharing Redis', () => {
  let emulator: DiscordEmulator;
  let manager: ChildProcess;
  let output = '';

  const waitFor = (test: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (test()) {
          manager.stdout!.off('data', check);
          resolve();
        }
      };
      manager.stdout!.on('data', check);
      check();
    });
  const shardPids = () =>
    [...output.matchAll(/"shards":\[(\d+)\],"pid":(\d+),"msg":"connected to the gateway"/g)].map((m) => ({ shard: Number(m[1]), pid: Number(m[2]) }));

  beforeAll(async () => {
    emulator = await new DiscordEmulator({
      shardCount: 2,
      guilds: [
        { id: GUILD_0, name: 'Shard zero' },
        { id: GUILD_1, name: 'Shard one' },
      ],
    }).start();
    manager = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_BASE: emulator.apiBase,
        SHARD_COUNT: 'auto',
        STORE_URL: REDIS,
        STORE_NAMESPACE: TEST_NAMESPACE,
        BOT_MODE: 'gateway',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    manager.stdout!.on('data', (chunk) => (output += String(chunk)));
    manager.stderr!.on('data', (chunk) => (output += String(chunk)));
    await waitFor(() => new Set(shardPids().map((p) => p.shard)).size === 2);
  });
  afterAll(async () => {
    if (manager && manager.exitCode === null) {
      manager.kill('SIGTERM');
      await once(manager, 'exit');
    }
    await emulator?.stop();
    // The shards wrote under this run's namespace on the shared Redis; leave nothing behind.
    await closeClean(await openStore(REDIS!, createLogger('silent'), { namespace: TEST_NAMESPACE }));
  });

  it("spreads the guilds over the shards by Discord's formula", () => {
    expect([shardOf(GUILD_0, 2), shardOf(GUILD_1, 2)]).toEqual([0, 1]);
    expect(
      shardPids()
        .map((p) => p.shard)
        .sort(),
    ).toEqual([0, 1]);
  });

  it('holds a cooldown started in a guild on shard 0 in a guild on shard 1', async () => {
    const user = makeUser(`9${Date.now()}`.slice(0, 18), 'traveller');
    const search = (guildId: string) => emulator.slashCommand('search', [{ name: 'text', type: S, value: 'borg queen' }], emulator.place({ guildId, user }));
    const first = await emulator.dispatch(search(GUILD_0));
    expect((first.response as any).data.embeds[0].title).toBe('Matches for “borg queen”');
    const second = await emulator.dispatch(search(GUILD_1));
    expect((second.response as any).data.flags).toBe(MessageFlags.Ephemeral);
    expect((second.response as any).data.content).toMatch(/is cooling down/);
  });

  it('respawns a killed shard process, which then answers again', async () => {
    const victim = shardPids().find((p) => p.shard === 0)!;
    const before = shardPids().length;
    process.kill(victim.pid, 'SIGKILL');
    await waitFor(() => shardPids().length > before && shardPids().at(-1)!.shard === 0);
    expect(shardPids().at(-1)!.pid).not.toBe(victim.pid);
    const callback = await emulator.dispatch(
      emulator.slashCommand('episode', [{ name: 'query', type: S, value: 'penance' }], emulator.place({ guildId: GUILD_0 })),
    );
    expect((callback.response as any).data.embeds[0].title).toBe('S02E02 · Penance');
  });

  it('stops every shard and exits 0 on SIGTERM', async () => {
    manager.kill('SIGTERM');
    const [code] = await once(manager, 'exit');
    expect(code).toBe(0);
    expect(output).not.toContain(emulator.token);
  });
});

describe.skipIf(!REDIS)('two HTTP replicas sharing Redis', () => {
  it('serves a setting changed through one replica from the other', async () => {
    const emulator = new DiscordEmulator();
    const logger = createLogger('silent');
    const stores: OpenedStore[] = [];
    const urls: string[] = [];
    const servers = [];
    for (let i = 0; i < 2; i++) {
      const store = await openStore(REDIS!, logger, { namespace: TEST_NAMESPACE });
      stores.push(store);
      const answer = createAnswer({ dex, logger, settingsStore: new SettingsStore(store.keyv, logger), cooldowns: new Cooldowns(store.claim, logger) });
      const server = createInteractionServer({ publicKey: emulator.publicKeyHex, answer, logger });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`);
    }
    try {
      const guild = (300000000123n << 22n).toString();
      const admin = emulator.place({ guildId: guild, permissions: MANAGE_SERVER });
      const saved = (await (await emulator.postSigned(urls[0]!, settingsCommand(admin, 'spoilers', spoilers('never')))).json()) as any;
      expect(saved.data.embeds[0].description).toBe('Saved.');
      const card = await (await emulator.postSigned(urls[1]!, episodeCommand(emulator.place({ guildId: guild }), 'penance'))).json();
      expect(hidden(card)).toBe(false);
    } finally {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
      for (const store of stores) await closeClean(store);
    }
  });
});
