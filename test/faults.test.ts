import { once } from 'node:events';
import { Writable } from 'node:stream';
import { ApplicationCommandOptionType, GatewayOpcodes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswer } from '../src/app.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { createLogger } from '../src/log.ts';
import { startGatewayBot, type GatewayBot } from '../src/transports/gateway.ts';
import { dex } from './helpers.ts';

const STRING = ApplicationCommandOptionType.String;

describe('Discord misbehaving', () => {
  let emulator: DiscordEmulator;
  let bot: GatewayBot;
  const logs: string[] = [];

  const penance = () => emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'penance' }]);
  const title = (callback: { response: unknown }) => (callback.response as any).data.embeds[0].title;

  beforeAll(async () => {
    emulator = await new DiscordEmulator().start();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('debug', sink);
    bot = await startGatewayBot({ token: emulator.token, apiBase: emulator.apiBase, answer: createAnswer({ dex, logger }), logger });
  });
  afterAll(async () => {
    await bot?.stop();
    await emulator?.stop();
  });

  it('retries an interaction callback after a 429 with retry_after', async () => {
    emulator.faults.push({ route: /^POST \/interactions\//, status: 429, retryAfter: 0.05, times: 1 });
    const callback = await emulator.dispatch(penance());
    expect(title(callback)).toBe('S02E02 · Penance');
    const statuses = emulator.requests.filter((r) => r.path.includes(callback.interaction.id)).map((r) => r.status);
    expect(statuses).toEqual([429, 204]);
  });

  it('retries after a global 429', async () => {
    emulator.faults.push({ route: /^POST \/interactions\//, status: 429, retryAfter: 0.05, global: true, times: 1 });
    const callback = await emulator.dispatch(penance());
    expect(emulator.requests.filter((r) => r.path.includes(callback.interaction.id)).map((r) => r.status)).toEqual([429, 204]);
  });

  it.each([500, 502, 503] as const)('retries a %i from the callback route', async (status) => {
    emulator.faults.push({ route: /^POST \/interactions\//, status, times: 1 });
    const callback = await emulator.dispatch(penance());
    expect(title(callback)).toBe('S02E02 · Penance');
    expect(emulator.requests.filter((r) => r.path.includes(callback.interaction.id)).map((r) => r.status)).toEqual([status, 204]);
  });

  it('resumes after the gateway connection drops, and answers the interaction sent meanwhile', async () => {
    const resumed = once(emulator.gateway, 'resumed');
    emulator.gateway.drop();
    const callback = emulator.dispatch(penance());
    await resumed;
    expect(title(await callback)).toBe('S02E02 · Penance');
  });

  it('reconnects and resumes when Discord asks it to (op 7)', async () => {
    const resumed = once(emulator.gateway, 'resumed');
    emulator.gateway.sendOp(0, GatewayOpcodes.Reconnect);
    await resumed;
    expect(title(await emulator.dispatch(penance()))).toBe('S02E02 · Penance');
  });

  it('identifies again after an invalid session (op 9)', async () => {
    const identified = once(emulator.gateway, 'identified');
    emulator.gateway.sendOp(0, GatewayOpcodes.InvalidSession, false);
    await identified;
    expect(title(await emulator.dispatch(penance()))).toBe('S02E02 · Penance');
  });

  it('logs an Unknown interaction (10062) answer and keeps going', async () => {
    emulator.faults.push({ route: /^POST \/interactions\//, status: 404, code: 10062, times: 1 });
    const lost = emulator.dispatch(penance(), 60_000).catch(() => 'never answered');
    const next = await emulator.dispatch(penance());
    expect(title(next)).toBe('S02E02 · Penance');
    expect(logs.some((line) => line.includes('could not answer the interaction') && line.includes('Unknown interaction'))).toBe(true);
    void lost;
  });

  it('never writes the token to its logs', () => {
    expect(logs.length).toBeGreaterThan(10);
    expect(logs.join('\n')).not.toContain(emulator.token);
  });
});

describe('Discord failures that need their own bot', () => {
  it('retries an interaction callback whose REST request timed out', async () => {
    const emulator = await new DiscordEmulator().start();
    const logger = createLogger('silent');
    const bot = await startGatewayBot({ token: emulator.token, apiBase: emulator.apiBase, answer: createAnswer({ dex, logger }), logger, restTimeoutMs: 300 });
    try {
      emulator.faults.push({ route: /^POST \/interactions\//, status: 503, delayMs: 1_000, times: 1 });
      const callback = await emulator.dispatch(emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'penance' }]));
      expect((callback.response as any).data.embeds[0].title).toBe('S02E02 · Penance');
    } finally {
      await bot.stop();
      await emulator.stop();
    }
  });

  it('gives up with a clear message on close code 4004 instead of reconnecting', async () => {
    const emulator = await new DiscordEmulator().start();
    const logger = createLogger('silent');
    let fatal: (message: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => (fatal = resolve));
    const bot = await startGatewayBot({
      token: emulator.token,
      apiBase: emulator.apiBase,
      answer: createAnswer({ dex, logger }),
      logger,
      onFatal: (m) => fatal(m),
    });
    try {
      const identifies = () => emulator.gateway.received.filter((p) => p.op === GatewayOpcodes.Identify || p.op === GatewayOpcodes.Resume).length;
      const before = identifies();
      emulator.gateway.close(0, 4004, 'Authentication failed.');
      expect(await stopped).toMatch(/^Discord rejected the token \(gateway close code 4004/);
      expect(identifies()).toBe(before);
      expect(emulator.gateway.connected(0)).toBe(false);
    } finally {
      await bot.stop();
      await emulator.stop();
    }
  });
});
