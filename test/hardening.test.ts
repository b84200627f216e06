import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { startBot } from './bot-process.ts';
import { listenEndpoint } from './helpers.ts';

const penance = (emulator: DiscordEmulator) =>
  emulator.slashCommand('episode', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'penance' }]);

describe('HTTP endpoint abuse', () => {
  let emulator: DiscordEmulator;
  let server: Server;
  let port: number;
  let url: string;

  beforeAll(async () => {
    emulator = new DiscordEmulator();
    let base: string;
    ({ server, port, base } = await listenEndpoint(emulator.publicKeyHex, { headersMs: 300, requestMs: 600 }));
    url = `${base}/interactions`;
  });
  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  /** Opens a raw connection, writes `data`, and resolves with what the server sent before it closed the socket. */
  function trickle(data: string): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    socket.write(data);
    return new Promise((resolve) => socket.on('close', () => resolve(received)));
  }

  it('times out clients that trickle their headers or their body, and keeps serving others meanwhile', async () => {
    const slowHeaders = trickle('POST /interactions HTTP/1.1\r\nHost: x\r\n');
    const slowBody = trickle('POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
    const ok = await emulator.postSigned(url, penance(emulator));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).data.embeds[0].title).toBe('S02E02 · Penance');
    expect(await slowHeaders).toMatch(/^(HTTP\/1\.1 408|$)/);
    expect(await slowBody).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('answers valid traffic while hundreds of idle connections are open', async () => {
    const idle = Array.from({ length: 200 }, () => connect(port, '127.0.0.1'));
    try {
      const responses = await Promise.all(Array.from({ length: 50 }, () => emulator.postSigned(url, penance(emulator))));
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it('never puts a stack trace or internal detail in a response body', async () => {
    const bodies: string[] = [];
    const interaction = penance(emulator);
    const cases = [
      emulator.postSigned(url, interaction, { signature: '0'.repeat(128) }),
      emulator.postSigned(url, interaction, { timestamp: 1 }),
      emulator.postSigned(url, undefined, { body: '{"type":' }),
      emulator.postSigned(url, undefined, { body: JSON.stringify({ type: 2, data: 'x'.repeat(70_000) }) }),
      emulator.postSigned(url, undefined, { body: JSON.stringify({ type: 99 }) }),
      emulator.postSigned(url, undefined, { body: JSON.stringify({ type: 2, id: {}, data: { name: ['episode'] } }) }),
      fetch(url, { method: 'PUT' }),
      fetch(`http://127.0.0.1:${port}/admin`),
    ];
    for (const res of await Promise.all(cases)) bodies.push(`${res.status} ${await res.text()}`);
    for (const body of bodies) {
      expect(body).not.toMatch(/\n\s+at |node_modules|\/work\/|Error:/);
      expect(body.length).toBeLessThan(2000);
    }
    expect(bodies.map((b) => Number(b.slice(0, 3)))).toEqual([401, 401, 400, 413, 400, 200, 405, 404]);
  });
});

describe('reloading data on SIGHUP', () => {
  it('serves the new pack without a restart, and keeps the old one when the new one is broken', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'trekdex-reload-'));
    cpSync('data', data, { recursive: true });
    const emulator = new DiscordEmulator();
    const port = await freePort();
    const bot = startBot({
      BOT_MODE: 'http',
      DISCORD_PUBLIC_KEY: emulator.publicKeyHex,
      PORT: String(port),
      DATA_DIR: data,
      STORE_URL: 'memory://',
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: '',
    });
    const { child, waitFor } = bot;
    const title = async () =>
      ((await (await emulator.postSigned(`http://127.0.0.1:${port}/interactions`, penance(emulator))).json()) as any).data.embeds[0].title;
    try {
      await waitFor(/listening/);
      expect(await title()).toBe('S02E02 · Penance');

      const file = path.join(data, 'star-trek', 'picard.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"title": "Penance"', '"title": "Penance (Director\'s Cut)"'));
      child.kill('SIGHUP');
      await waitFor(/data reloaded/);
      expect(await title()).toBe("S02E02 · Penance (Director's Cut)");

      writeFileSync(file, readFileSync(file, 'utf8').replace('"2022-03-10"', '"2022-13-10"'));
      child.kill('SIGHUP');
      await waitFor(/data reload rejected/);
      expect(bot.output()).toContain('picard.json: seasons[1].episodes[1].releaseDate: \\"2022-13-10\\" is not a date');
      expect(await title()).toBe("S02E02 · Penance (Director's Cut)");
    } finally {
      child.kill('SIGTERM');
      await bot.exited;
    }
  });
});
