import { ApplicationCommandOptionType } from 'discord.js';
import { DiscordEmulator } from '../emulator/emulator.ts';
import { rssMb, startProcess, stopProcess } from './processes.ts';
import { summarize, type Summary } from './stats.ts';

export interface GatewayFigures {
  latency: Summary;
  interactions: number;
  rssMb: { start: number; half: number; end: number };
}

const QUERIES = ['penance', 'pic s02e02', 'emissary', 'best of both wolds', 'tng 1x01', 'the next generation'];

/**
 * The real bot (`npm start`'s entry point) connected to the emulator over the gateway: time from
 * INTERACTION_CREATE sent to callback received, and the bot's RSS across many interactions.
 */
export async function benchGateway(interactions: number): Promise<GatewayFigures> {
  const emulator = await new DiscordEmulator().start();
  const bot = await startProcess(
    'dist/src/main.js',
    { DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, STORE_URL: 'memory://', LOG_LEVEL: 'info' },
    /connected to the gateway/,
  );
  try {
    for (let i = 0; i < 200; i++)
      await emulator.dispatch(
        emulator.slashCommand('episode', [{ name: 'query', type: ApplicationCommandOptionType.String, value: QUERIES[i % QUERIES.length]! }]),
      );
    // Recorded callbacks would otherwise grow the emulator, not the bot; keep only what is measured.
    emulator.callbacks.length = 0;
    const start = await rssMb(bot.pid!);
    let half = start;
    const samples: number[] = [];
    for (let i = 0; i < interactions; i++) {
      const interaction = emulator.slashCommand('episode', [{ name: 'query', type: ApplicationCommandOptionType.String, value: QUERIES[i % QUERIES.length]! }]);
      const sent = performance.now();
      await emulator.dispatch(interaction);
      samples.push(performance.now() - sent);
      emulator.callbacks.length = 0;
      if (i === Math.floor(interactions / 2)) half = await rssMb(bot.pid!);
    }
    const end = await rssMb(bot.pid!);
    return { latency: summarize(samples), interactions, rssMb: { start, half, end } };
  } finally {
    await stopProcess(bot);
    await emulator.stop();
  }
}
