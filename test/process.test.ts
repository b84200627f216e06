import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { commands } from '../commands/index.ts';
import { startBot } from './bot-process.ts';

const CLEAN_ENV = {
  DISCORD_TOKEN: '',
  DISCORD_APPLICATION_ID: '',
  DISCORD_PUBLIC_KEY: '',
  DISCORD_GUILD_ID: '',
  DISCORD_API_BASE: '',
  BOT_MODE: '',
  PORT: '',
  DATA_DIR: '',
  LOG_LEVEL: '',
  PLAYGROUND_PORT: '',
  STORE_URL: 'memory://',
};

function env(extra: Record<string, string>) {
  return { ...process.env, ...CLEAN_ENV, ...extra };
}

/** Asynchronous on purpose: the emulator the script talks to lives in this process's event loop. */
function runScript(script: string, extra: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  child.stderr.on('data', (chunk) => (err += String(chunk)));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** `npm start`'s entry point with a clean configuration plus `extra`. */
const start = (extra: Record<string, string>) => startBot({ ...CLEAN_ENV, ...extra });

let emulator: DiscordEmulator;
beforeAll(async () => {
  emulator = await new DiscordEmulator().start();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('npm start', () => {
  it('without a token, starts the offline playground on 127.0.0.1, says how to go live, and stops cleanly', async () => {
    const port = await freePort();
    const bot = start({ PLAYGROUND_PORT: String(port) });
    await bot.waitFor(/Open http:\/\/127\.0\.0\.1:\d+/);
    expect(bot.output()).toContain(`Open http://127.0.0.1:${port} and type /episode penance`);
    expect(bot.output()).toContain('set DISCORD_TOKEN');
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('<title>TrekDex playground</title>');
    const res = await fetch(`http://127.0.0.1:${port}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'episode', options: [{ name: 'query', type: 3, value: 'penance' }] }),
    });
    expect(((await res.json()) as any).response.data.embeds[0].title).toBe('S02E02 · Penance');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    // The last word is that the bot stopped, not a reconnect reported by the closing socket.
    const lines = bot.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/"msg":"TrekDex stopped"/);
    expect(bot.output()).not.toMatch(/gateway reconnecting/);
  });

  it('with the playground port taken, names PLAYGROUND_PORT and how to set it, and claims nothing else first', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = (holder.address() as AddressInfo).port;
    try {
      const bot = start({ PLAYGROUND_PORT: String(port) });
      expect(await bot.exited).toBe(1);
      expect(bot.output()).toContain(
        `TrekDex cannot start the playground: port ${port} is already in use by another program. Set PLAYGROUND_PORT to a free port`,
      );
      expect(bot.output()).not.toMatch(/connected to the gateway|Open http/);
    } finally {
      holder.close();
    }
  });

  it('names every bad variable at once', async () => {
    const { code, err } = await runScript('src/main.ts', { PORT: 'eighty', BOT_MODE: 'websocket', DISCORD_GUILD_ID: '12', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(err).toContain('PORT ("eighty") must be a port number');
    expect(err).toContain('BOT_MODE ("websocket") must be gateway or http');
    expect(err).toContain('DISCORD_GUILD_ID ("12") is not a Discord id (17-20 digits)');
    expect(err).toContain('LOG_LEVEL ("loud") must be one of');
  });

  it('refuses to start on a broken data folder and names it', async () => {
    const { code, err } = await runScript('src/main.ts', { DATA_DIR: 'no-such-folder', DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase });
    expect(code).toBe(1);
    expect(err).toBe('TrekDex cannot start:\nno-such-folder: data folder not found (set DATA_DIR to the folder holding your packs)\n');
  });

  it('runs the gateway bot, answers, and exits 0 on SIGTERM without logging the token', async () => {
    const bot = start({ DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase });
    await bot.waitFor(/connected to the gateway/);
    const callback = await emulator.dispatch(
      emulator.slashCommand('episode', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'penance' }]),
    );
    expect((callback.response as any).data.embeds[0].title).toBe('S02E02 · Penance');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const lines = bot
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const answered = lines.find((l) => l.msg === 'answered');
    expect(answered).toMatchObject({ interaction: callback.interaction.id, kind: 'command', command: 'episode', outcome: 'response type 4' });
    expect(typeof answered.latencyMs).toBe('number');
    expect(bot.output()).not.toContain(emulator.token);
  });

  it('exits 1 with a clear message when the gateway closes with 4004, without reconnecting', async () => {
    const bot = start({ DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase });
    await bot.waitFor(/connected to the gateway/);
    emulator.gateway.close(0, 4004, 'Authentication failed.');
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('TrekDex stopped: Discord rejected the token (gateway close code 4004');
    expect(bot.output()).not.toContain(emulator.token);
  });

  it('exits with a clear message when Discord rejects the token', async () => {
    const { code, err } = await runScript('src/main.ts', { DISCORD_TOKEN: 'x'.repeat(40), DISCORD_API_BASE: emulator.apiBase });
    expect(code).toBe(1);
    expect(err).toContain('cannot start');
    expect(err).not.toContain('x'.repeat(40));
  });

  it('serves the HTTP endpoint with BOT_MODE=http and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const bot = start({ BOT_MODE: 'http', DISCORD_PUBLIC_KEY: emulator.publicKeyHex, PORT: String(port) });
    await bot.waitFor(/listening/);
    const res = await emulator.postSigned(
      `http://127.0.0.1:${port}/interactions`,
      emulator.slashCommand('series', [{ name: 'name', type: ApplicationCommandOptionType.String, value: 'picard' }]),
    );
    expect(((await res.json()) as any).data.embeds[0].title).toBe('Star Trek: Picard');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('in HTTP mode with a bot token, runs rewatch clubs: /rewatch next posts to the channel with the token', async () => {
    const port = await freePort();
    const bot = start({
      BOT_MODE: 'http',
      DISCORD_PUBLIC_KEY: emulator.publicKeyHex,
      PORT: String(port),
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_BASE: emulator.apiBase,
    });
    await bot.waitFor(/rewatch clubs running/);
    const place = emulator.place({ permissions: String(PermissionFlagsBits.ManageGuild) });
    const sub = (name: string, options: { name: string; type: number; value: string | boolean }[] = []) => [
      { name, type: ApplicationCommandOptionType.Subcommand, options },
    ];
    const ask = async (name: string, options: { name: string; type: number; value: string | boolean }[] = []) =>
      ((await (await emulator.postSigned(`http://127.0.0.1:${port}/interactions`, emulator.slashCommand('rewatch', sub(name, options), place))).json()) as any)
        .data;
    const S = ApplicationCommandOptionType.String;
    const started = await ask('start', [
      { name: 'series', type: S, value: 'tas' },
      { name: 'channel', type: ApplicationCommandOptionType.Channel, value: place.channelId },
      { name: 'threads', type: ApplicationCommandOptionType.Boolean, value: false },
    ]);
    expect(started.embeds[0].title).toBe('Rewatch club started: Star Trek: The Animated Series');
    const before = emulator.channelPosts.length;
    expect((await ask('next')).content).toMatch(/^Posted in <#\d+>\./);
    expect(emulator.channelPosts.slice(before).map((p) => [p.channelId, p.body.content])).toEqual([
      [place.channelId, '📺 Rewatch club: episode 1 of 22 of Star Trek: The Animated Series'],
    ]);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).not.toContain(emulator.token);
  });

  it('starts, answers and stops with its Redis store unreachable, instead of waiting for it', async () => {
    const port = await freePort();
    const nowhere = await freePort(); // nothing listens there
    const bot = start({ BOT_MODE: 'http', DISCORD_PUBLIC_KEY: emulator.publicKeyHex, PORT: String(port), STORE_URL: `redis://127.0.0.1:${nowhere}` });
    await bot.waitFor(/listening/);
    const res = await emulator.postSigned(
      `http://127.0.0.1:${port}/interactions`,
      emulator.slashCommand('episode', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'penance' }]),
    );
    expect(((await res.json()) as any).data.embeds[0].title).toBe('S02E02 · Penance');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(/"msg":"TrekDex stopped"/);
  });

  it('in HTTP mode, asks for the public key', async () => {
    const { code, err } = await runScript('src/main.ts', { BOT_MODE: 'http' });
    expect(code).toBe(1);
    expect(err).toContain('DISCORD_PUBLIC_KEY is not set');
  });
});

describe('npm run deploy', () => {
  const base = () => ({ DISCORD_TOKEN: emulator.token, DISCORD_APPLICATION_ID: emulator.applicationId, DISCORD_API_BASE: emulator.apiBase });

  it('registers every command globally', async () => {
    const { code, out } = await runScript('src/deploy.ts', base());
    expect(code).toBe(0);
    expect(out).toMatch(/^Registered 11 commands globally/);
    expect(out).toContain('/episode  Show an episode');
    // Exactly the registry, in its order (test/commands.test.ts names it).
    expect(emulator.globalCommands.map((c) => c.name)).toEqual(commands.map((c) => c.definition.name));
  });

  it('registers every command in one guild when DISCORD_GUILD_ID is set', async () => {
    const guild = emulator.guilds[0]!.id;
    const { code, out } = await runScript('src/deploy.ts', { ...base(), DISCORD_GUILD_ID: guild });
    expect(code).toBe(0);
    expect(out).toContain(`Registered 11 commands in guild ${guild}`);
    const registered = emulator.guildCommands.get(guild) ?? [];
    expect(registered.map((c) => c.name)).toHaveLength(11);
    // Global-only fields stay out of a guild command's body (the emulator refuses them, as Discord documents).
    for (const command of registered) expect(Object.keys(command), command.name).not.toEqual(expect.arrayContaining(['contexts']));
    for (const command of registered) expect(command.integration_types, command.name).toBeUndefined();
    expect(emulator.globalCommands.every((c) => Array.isArray(c.contexts))).toBe(true);
  });

  it('names the missing variable and exits 1', async () => {
    const { code, err } = await runScript('src/deploy.ts', { DISCORD_TOKEN: emulator.token });
    expect(code).toBe(1);
    expect(err).toContain('DISCORD_APPLICATION_ID is not set');
  });

  it('reports a rejected token without printing it', async () => {
    const { code, err } = await runScript('src/deploy.ts', { ...base(), DISCORD_TOKEN: 'y'.repeat(40) });
    expect(code).toBe(1);
    expect(err).toContain('Cannot deploy commands: 401: Unauthorized');
    expect(err).not.toContain('y'.repeat(40));
  });
});
