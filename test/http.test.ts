import type { Server } from 'node:http';
import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswer } from '../src/app.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { pingPayload } from '../src/emulator/payloads.ts';
import { createLogger } from '../src/log.ts';
import { startGatewayBot, type GatewayBot } from '../src/transports/gateway.ts';
import { dex, listenEndpoint } from './helpers.ts';

const STRING = ApplicationCommandOptionType.String;

describe('the HTTP interactions endpoint', () => {
  let emulator: DiscordEmulator;
  let server: Server;
  let url: string;
  let base: string;

  beforeAll(async () => {
    emulator = await new DiscordEmulator().start();
    ({ server, base } = await listenEndpoint(emulator.publicKeyHex));
    url = `${base}/interactions`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    server?.close();
    await emulator?.stop();
  });

  it('answers a PING with a PONG', async () => {
    const res = await emulator.postSigned(url, pingPayload(emulator.applicationId));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers /episode, autocomplete and a button in the response body', async () => {
    const card = (await (await emulator.postSigned(url, emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'penance' }]))).json()) as any;
    expect(card.type).toBe(4);
    expect(card.data.embeds[0].title).toBe('S02E02 · Penance');
    const choices = (await (
      await emulator.postSigned(url, emulator.autocomplete('episode', [{ name: 'query', type: STRING, value: 'pen', focused: true }]))
    ).json()) as any;
    expect(choices.data.choices).toContainEqual({ name: 'PIC S02E02 · Penance (2022)', value: 'pic-s02e02' });
    const message = emulator.messageOf({ interaction: emulator.slashCommand('episode'), response: card, problems: [] });
    const next = (await (await emulator.postSigned(url, emulator.component(message, 'episode:show:pic-s02e03'))).json()) as any;
    expect(next.type).toBe(7);
    expect(next.data.embeds[0].title).toBe('S02E03 · Assimilation');
  });

  it('gives the same payloads as the gateway bot', async () => {
    const logger = createLogger('silent');
    const bot: GatewayBot = await startGatewayBot({ token: emulator.token, apiBase: emulator.apiBase, answer: createAnswer({ dex, logger }), logger });
    try {
      const cases = [
        emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'penance' }]),
        emulator.slashCommand('series', [{ name: 'name', type: STRING, value: 'picard' }]),
        emulator.autocomplete('episode', [{ name: 'query', type: STRING, value: 'pen', focused: true }]),
        emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: '@everyone zzzz' }]),
      ];
      for (const interaction of cases) {
        const viaGateway = await emulator.dispatch(interaction);
        const viaHttp = (await (await emulator.postSigned(url, { ...interaction, id: `${interaction.id}1` })).json()) as any;
        expect(viaHttp).toEqual(JSON.parse(JSON.stringify(viaGateway.response)));
      }
    } finally {
      await bot.stop();
    }
  });

  it('refuses a missing, forged or wrong-key signature with 401 before reading the body', async () => {
    const interaction = emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'penance' }]);
    const other = await new DiscordEmulator().start();
    try {
      const forged = await other.postSigned(url, interaction);
      expect(forged.status).toBe(401);
      expect(await forged.json()).toEqual({ error: 'invalid request signature' });
    } finally {
      await other.stop();
    }
    const unsigned = await fetch(url, { method: 'POST', body: JSON.stringify(interaction), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    const tampered = await emulator.postSigned(url, interaction, { signature: emulator.signature('1', 'x') });
    expect(tampered.status).toBe(401);
    const garbage = await emulator.postSigned(url, interaction, { signature: 'zz' });
    expect(garbage.status).toBe(401);
  });

  it('refuses a request signed more than five minutes ago, or in the future', async () => {
    const interaction = emulator.slashCommand('help');
    expect((await emulator.postSigned(url, interaction, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await emulator.postSigned(url, interaction, { timestamp: Math.floor(Date.now() / 1000) + 301 })).status).toBe(401);
    expect((await emulator.postSigned(url, interaction, { timestamp: Math.floor(Date.now() / 1000) - 200 })).status).toBe(200);
  });

  it('answers malformed JSON with 400 and a body over 64 KiB with 413', async () => {
    const malformed = await emulator.postSigned(url, undefined, { body: '{"type": 2,' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'body is not valid JSON' });
    expect((await emulator.postSigned(url, undefined, { body: '"just a string"' })).status).toBe(400);
    const huge = await emulator.postSigned(url, undefined, { body: JSON.stringify({ type: 2, padding: 'x'.repeat(70_000) }) });
    expect(huge.status).toBe(413);
  });

  it('answers wrong methods with 405 and unknown paths with 404, and serves /healthz', async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(`${base}/nope`, { method: 'POST' })).status).toBe(404);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
