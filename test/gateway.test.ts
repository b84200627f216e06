import { ApplicationCommandOptionType, InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswer } from '../src/app.ts';
import { DiscordEmulator } from '../src/emulator/emulator.ts';
import { createLogger } from '../src/log.ts';
import { startGatewayBot, type GatewayBot } from '../src/transports/gateway.ts';
import { dex } from './helpers.ts';

const STRING = ApplicationCommandOptionType.String;

describe('the gateway bot against the Discord emulator', () => {
  let emulator: DiscordEmulator;
  let bot: GatewayBot;

  beforeAll(async () => {
    emulator = await new DiscordEmulator().start();
    const logger = createLogger('silent');
    bot = await startGatewayBot({ token: emulator.token, apiBase: emulator.apiBase, answer: createAnswer({ dex, logger }), logger });
  });
  afterAll(async () => {
    await bot?.stop();
    await emulator?.stop();
  });

  it('logs in with discord.js and sees the emulated guild', () => {
    expect(bot.client.user?.id).toBe(emulator.applicationId);
    expect(bot.client.guilds.cache.map((g) => g.name)).toEqual(['Emulated Starbase']);
  });

  it('answers /episode query:penance with the card, through the interaction callback route', async () => {
    const callback = await emulator.dispatch(emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'penance' }]));
    expect(callback.problems).toEqual([]);
    expect(callback.response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = (callback.response as { data: any }).data;
    expect(data.embeds[0].title).toBe('S02E02 · Penance');
    expect(data.embeds[0].description).toMatch(/^Q strands Picard[^|]*\n\n\|\|Picard learns from Q/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers autocomplete while typing "pen"', async () => {
    const callback = await emulator.dispatch(emulator.autocomplete('episode', [{ name: 'query', type: STRING, value: 'pen', focused: true }]));
    expect(callback.response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect((callback.response as any).data.choices).toContainEqual({ name: 'PIC S02E02 · Penance (2022)', value: 'pic-s02e02' });
  });

  it('follows the Next button to S02E03 and updates the message in place', async () => {
    const first = await emulator.dispatch(emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'pic-s02e02' }]));
    const next = await emulator.dispatch(emulator.component(emulator.messageOf(first), 'episode:show:pic-s02e03'));
    expect(next.response.type).toBe(InteractionResponseType.UpdateMessage);
    expect((next.response as any).data.embeds[0].title).toBe('S02E03 · Assimilation');
  });

  it('opens a pick from a select menu', async () => {
    const search = await emulator.dispatch(emulator.slashCommand('search', [{ name: 'text', type: STRING, value: 'borg queen execution' }]));
    const picked = await emulator.dispatch(emulator.component(emulator.messageOf(search), 'episode:pick:0', ['pic-s02e02']));
    expect((picked.response as any).data.embeds[0].title).toBe('S02E02 · Penance');
  });

  it('answers /series name:picard with the series card', async () => {
    const callback = await emulator.dispatch(emulator.slashCommand('series', [{ name: 'name', type: STRING, value: 'picard' }]));
    expect((callback.response as any).data.embeds[0].title).toBe('Star Trek: Picard');
    expect(callback.problems).toEqual([]);
  });

  it('answers in DMs, where there is no guild', async () => {
    const callback = await emulator.dispatch(
      emulator.slashCommand('episode', [{ name: 'query', type: STRING, value: 'tng 1x01' }], emulator.place({ guildId: null })),
    );
    expect((callback.response as any).data.embeds[0].title).toBe('S01E01 · Encounter at Farpoint (Part 1)');
  });
});
