import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import { snowflake } from '../src/emulator/snowflake.ts';
import { freePort } from '../src/free-port.ts';
import { botOn, episodeCommand, guildPlace, hidden, MANAGE_SERVER, searchCommand, settingsCommand, spoilers } from './store-helpers.ts';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/**
 * A Redis of the test's own, with every write fsynced to its append-only file: the shared Redis on
 * 6379 keeps nothing on disk, and killing it would take other tests' data with it.
 */
function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      if (/Ready to accept connections/.test(out)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
}

describe.skipIf(!hasRedis)('Redis going away mid-run', () => {
  let redis: ChildProcess | undefined;
  afterAll(() => {
    redis?.kill('SIGKILL');
  });

  it('keeps answering with defaults, refuses to confirm writes, and finds the old settings when Redis returns', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'trekdex-redis-'));
    redis = await startRedis(port, dir);
    const bot = await botOn(`redis://127.0.0.1:${port}`);
    const guild = snowflake();
    const admin = guildPlace(guild, MANAGE_SERVER);

    const saved = await bot.ask(settingsCommand(admin, 'spoilers', spoilers('never')));
    expect(saved.data.embeds[0].description).toBe('Saved.');
    expect(hidden(await bot.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(false);

    const gone = new Promise((resolve) => redis!.once('exit', resolve));
    redis.kill('SIGKILL');
    await gone;

    // Commands still answer: with the settings already in memory for this server...
    expect(hidden(await bot.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(false);
    expect((await bot.ask(searchCommand(guildPlace(guild), 'borg queen'))).data.embeds[0].title).toBe('Matches for “borg queen”');
    // ...and with the defaults for a server whose settings were never read, which its /settings says.
    const other = snowflake();
    expect(hidden(await bot.ask(episodeCommand(guildPlace(other), 'penance')))).toBe(true);
    const shown = await bot.ask(settingsCommand(guildPlace(other, MANAGE_SERVER), 'show'));
    expect(shown.data.embeds[0].description).toBe('Settings are temporarily unavailable; TrekDex is using the defaults shown here.');
    const refused = await bot.ask(settingsCommand(admin, 'spoilers', spoilers('always')));
    expect(refused.data.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.data.content).toBe('Settings are temporarily unavailable, so nothing was changed. Please try again in a minute.');
    // A write that never happened leaves the settings in memory as they were.
    expect(hidden(await bot.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(false);

    redis = await startRedis(port, dir);
    // The client reconnects by itself; wait for it rather than for a fixed time.
    for (let attempt = 0; attempt < 200; attempt++) {
      const show = await bot.ask(settingsCommand(guildPlace(other, MANAGE_SERVER), 'show'));
      if (show.data.embeds[0].description === undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(hidden(await bot.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(false);
    await bot.store.close();
  });
});
