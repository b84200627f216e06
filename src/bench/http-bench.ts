import { ApplicationCommandOptionType } from 'discord.js';
import autocannon from 'autocannon';
import { DiscordEmulator } from '../emulator/emulator.ts';
import { freePort } from '../free-port.ts';
import { startProcess, stopProcess } from './processes.ts';

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface HttpFigures {
  trekdex: LoadFigures;
  bare: LoadFigures;
  ratio: number;
  connections: number;
  seconds: number;
  rounds: number;
}

/** Polls until the server answers: at "warn" it prints nothing when it is ready. */
async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

async function load(url: string, body: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({ url, method: 'POST', body, headers, connections, duration: seconds });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Rounds folded into one figure: requests/s and latencies are the medians of the rounds, errors add up. */
function combine(rounds: LoadFigures[]): LoadFigures {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

/**
 * autocannon against two real server processes in the same run: TrekDex's endpoint answering signed
 * `/episode` requests, and a bare Node server that only verifies the signature and returns PONG.
 */
export async function benchHttp(options: { connections: number; seconds: number; rounds: number }): Promise<HttpFigures> {
  const emulator = new DiscordEmulator();
  const interaction = emulator.slashCommand('episode', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'penance' }]);
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'x-signature-ed25519': emulator.signature(timestamp, body),
    'x-signature-timestamp': timestamp,
  };
  const env = { DISCORD_PUBLIC_KEY: emulator.publicKeyHex, STORE_URL: 'memory://' };
  const trekdexPort = await freePort();
  const barePort = await freePort();
  // Logged at "warn", as an operator would run a busy endpoint; "info" adds a log line per request.
  const trekdex = await startProcess('dist/src/main.js', { ...env, BOT_MODE: 'http', PORT: String(trekdexPort), LOG_LEVEL: 'warn' });
  await waitForHealth(`http://127.0.0.1:${trekdexPort}/healthz`);
  const bare = await startProcess('src/bench/bare-server.ts', { ...env, PORT: String(barePort) }, /listening/);
  try {
    // A short warm-up for both, so neither is measured while its JIT is cold. Then the two take
    // turns, so a machine that gets slower or faster during the run weighs on both alike.
    const trekdexUrl = `http://127.0.0.1:${trekdexPort}/interactions`;
    const bareUrl = `http://127.0.0.1:${barePort}/interactions`;
    await load(trekdexUrl, body, headers, options.connections, 1);
    await load(bareUrl, body, headers, options.connections, 1);
    const ours: LoadFigures[] = [];
    const baseline: LoadFigures[] = [];
    for (let round = 0; round < options.rounds; round++) {
      ours.push(await load(trekdexUrl, body, headers, options.connections, options.seconds));
      baseline.push(await load(bareUrl, body, headers, options.connections, options.seconds));
    }
    const trekdexFigures = combine(ours);
    const bareFigures = combine(baseline);
    const ratios = ours.map((r, i) => r.requestsPerSecond / baseline[i]!.requestsPerSecond).sort((a, b) => a - b);
    return { trekdex: trekdexFigures, bare: bareFigures, ratio: ratios[Math.floor((ratios.length - 1) / 2)]!, ...options };
  } finally {
    await stopProcess(trekdex);
    await stopProcess(bare);
  }
}
