import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { startBot } from './bot-process.ts';
import { episodeCommand, hidden, MANAGE_SERVER, settingsCommand, spoilers } from './store-helpers.ts';

const ROOT = path.resolve('.');

/** `npm start` in a fresh working directory, so the default STORE_URL makes a brand-new .data/trekdex.sqlite there. */
function startInFolder(cwd: string, emulator: DiscordEmulator) {
  const bot = startBot(
    { DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATA_DIR: path.join(ROOT, 'data'), STORE_URL: '', BOT_MODE: '' },
    { cwd },
  );
  return { ...bot, ready: bot.waitFor(/connected to the gateway/) };
}

describe('settings across a restart with the default SQLite file', () => {
  let emulator: DiscordEmulator;
  beforeAll(async () => {
    emulator = await new DiscordEmulator().start();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('keeps an acknowledged setting after the bot process is killed and started again', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'trekdex-restart-'));
    const guild = emulator.guilds[0]!.id;
    const admin = emulator.place({ permissions: MANAGE_SERVER });
    const member = () => emulator.place();

    const first = startInFolder(cwd, emulator);
    await first.ready;
    expect(hidden((await emulator.dispatch(episodeCommand(member(), 'penance'))).response)).toBe(true);
    const saved = await emulator.dispatch(settingsCommand(admin, 'spoilers', spoilers('never')));
    expect((saved.response as any).data.embeds[0].description).toBe('Saved.');
    expect(existsSync(path.join(cwd, '.data', 'trekdex.sqlite'))).toBe(true);
    // A crash, not a clean stop: only what was acknowledged on disk can survive this.
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startInFolder(cwd, emulator);
    await second.ready;
    const after = await emulator.dispatch(episodeCommand(member(), 'penance'));
    expect(hidden(after.response)).toBe(false);
    expect((after.interaction as any).guild_id).toBe(guild);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
