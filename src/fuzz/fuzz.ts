import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIInteractionResponse } from 'discord.js';
import { createAnswer } from '../app.ts';
import type { Dex } from '../dex.ts';
import { DiscordEmulator } from '../emulator/emulator.ts';
import { createLogger } from '../log.ts';
import { replyProblems } from '../render/validate.ts';
import { Cooldowns } from '../store/cooldowns.ts';
import { openStore } from '../store/open.ts';
import { SettingsStore } from '../store/settings-store.ts';
import { startRewatch } from '../rewatch/setup.ts';
import { startGatewayBot } from '../transports/gateway.ts';
import { createInteractionServer } from '../transports/http.ts';
import { interactionStream } from './generate.ts';

/** Discord gives a bot three seconds to answer an interaction. */
const DEADLINE_MS = 3_000;

export interface FuzzReport {
  sent: number;
  answered: number;
  crashes: number;
  invalid: number;
  late: number;
  viaGateway: number;
  failures: { what: string; problem: string }[];
}

export function summaryLine(r: FuzzReport): string {
  return `${r.sent} sent, ${r.answered} answered, ${r.crashes} crashes, ${r.invalid} invalid payloads` + (r.late ? `, ${r.late} late` : '');
}

/**
 * Sends `count` generated interactions to the real HTTP endpoint (signed with the emulator's key) and,
 * one in `gatewayEvery`, through the emulator's gateway to the discord.js bot, and checks every answer.
 */
export async function fuzz(options: {
  count: number;
  seed: number;
  dex: () => Dex;
  gatewayEvery?: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzReport> {
  const logger = createLogger('silent');
  const store = await openStore('memory://', logger);
  const emulator = await new DiscordEmulator().start();
  // Rewatch clubs post through the emulator, so /rewatch is fuzzed all the way to Discord's channel routes.
  const rewatch = await startRewatch({
    store,
    storeUrl: 'memory://',
    namespace: 'trekdex',
    token: emulator.token,
    apiBase: emulator.apiBase,
    dex: options.dex,
    logger,
  });
  const answer = createAnswer({
    dex: options.dex,
    logger,
    settingsStore: new SettingsStore(store.keyv, logger),
    cooldowns: new Cooldowns(store.claim, logger),
    rewatch: () => rewatch.service,
  });
  const server: Server = createInteractionServer({ publicKey: emulator.publicKeyHex, answer, logger });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`;
  const bot = await startGatewayBot({ token: emulator.token, apiBase: emulator.apiBase, answer, logger });
  const report: FuzzReport = { sent: 0, answered: 0, crashes: 0, invalid: 0, late: 0, viaGateway: 0, failures: [] };
  const next = interactionStream(options.seed);
  const every = options.gatewayEvery ?? 10;
  try {
    for (let i = 0; i < options.count; i++) {
      const { interaction, what } = next();
      report.sent++;
      const started = performance.now();
      let response: APIInteractionResponse | undefined;
      try {
        if (i % every === every - 1) {
          report.viaGateway++;
          response = (await emulator.dispatch(interaction, DEADLINE_MS)).response;
        } else {
          const res = await emulator.postSigned(url, interaction);
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
          response = (await res.json()) as APIInteractionResponse;
        }
      } catch (error) {
        report.crashes++;
        report.failures.push({ what, problem: (error as Error).message.slice(0, 200) });
        continue;
      }
      report.answered++;
      if (performance.now() - started > DEADLINE_MS) report.late++;
      const problems = replyProblems(response);
      if (problems.length) {
        report.invalid++;
        report.failures.push({ what, problem: problems.join('; ').slice(0, 300) });
      }
      options.onProgress?.(i + 1);
    }
  } finally {
    await bot.stop();
    await rewatch.close();
    server.closeAllConnections();
    server.close();
    await emulator.stop();
    await store.close();
  }
  return report;
}
