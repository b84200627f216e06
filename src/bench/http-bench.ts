import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApplicationCommandOptionType } from 'discord.js';
import autocannon from 'autocannon';
import { createLogger } from '../log.ts';
import { openStore } from '../store/open.ts';
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
  /** TrekDex at LOG_LEVEL=warn: what the log line per interaction costs. */
  quiet: LoadFigures;
  bare: LoadFigures;
  /** The bare server answering TrekDex's own reply: what sending those bytes costs by itself. */
  sameReply: LoadFigures;
  ratio: number;
  /** TrekDex against the bare server that sends the same reply (median of the rounds' ratios). */
  sameReplyRatio: number;
  sameReplyBytes: number;
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

/** An endpoint under test, started on a free port: until `ready` prints, or until /healthz answers. */
interface Endpoint {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

async function startEndpoint(script: string, env: Record<string, string>, ready?: RegExp): Promise<Endpoint> {
  const port = await freePort();
  const child = await startProcess(script, { ...env, PORT: String(port) }, ready);
  if (!ready) await waitForHealth(`http://127.0.0.1:${port}/healthz`);
  return { url: `http://127.0.0.1:${port}/interactions`, pid: child.pid!, stop: () => stopProcess(child) };
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
  const env = { DISCORD_PUBLIC_KEY: emulator.publicKeyHex };
  const started: Endpoint[] = [];
  const serve = async (script: string, extra: Record<string, string>, ready?: RegExp) => {
    started.push(await startEndpoint(script, { ...env, ...extra }, ready));
    return started.at(-1)!.url;
  };
  try {
    // As `BOT_MODE=http npm start` runs by default: the SQLite store and a log line per interaction.
    const trekdexUrl = await serve('dist/src/main.js', { ...defaultStore(), BOT_MODE: 'http', LOG_LEVEL: 'info' });
    const quietUrl = await serve('dist/src/main.js', { ...defaultStore(), BOT_MODE: 'http', LOG_LEVEL: 'warn' });
    const bareUrl = await serve('src/bench/bare-server.ts', {}, /listening/);
    const answered = await fetch(trekdexUrl, { method: 'POST', body, headers });
    if (!answered.ok) throw new Error(`TrekDex answered the benchmark's request with ${answered.status}`);
    const reply = await answered.text();
    const sameReplyUrl = await serve('src/bench/bare-server.ts', { BARE_REPLY: reply }, /listening/);
    const urls = [trekdexUrl, quietUrl, bareUrl, sameReplyUrl];
    // A short warm-up for each, so none is measured while its JIT is cold. Then they take turns,
    // so a machine that gets slower or faster during the run weighs on all alike.
    for (const url of urls) await load(url, body, headers, options.connections, 1);
    const rounds = urls.map(() => [] as LoadFigures[]);
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, url] of urls.entries()) rounds[i]!.push(await load(url, body, headers, options.connections, options.seconds));
    }
    const [ours, quiet, baseline, sameBytes] = rounds as [LoadFigures[], LoadFigures[], LoadFigures[], LoadFigures[]];
    const medianRatio = (against: LoadFigures[]) => {
      const ratios = ours.map((r, i) => r.requestsPerSecond / against[i]!.requestsPerSecond).sort((a, b) => a - b);
      return ratios[Math.floor((ratios.length - 1) / 2)]!;
    };
    return {
      trekdex: combine(ours),
      quiet: combine(quiet),
      bare: combine(baseline),
      sameReply: combine(sameBytes),
      ratio: medianRatio(baseline),
      sameReplyRatio: medianRatio(sameBytes),
      sameReplyBytes: Buffer.byteLength(reply),
      ...options,
    };
  } finally {
    for (const endpoint of started) await endpoint.stop();
  }
}

/** The default store, in a fresh file so no earlier run's settings are read. */
function defaultStore(): Record<string, string> {
  return { STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'trekdex-bench-')), 'trekdex.sqlite')}` };
}

export interface OpenLoopRow {
  server: string;
  kind: 'episode' | 'autocomplete';
  /** Share of the floor's closed-loop maximum. */
  share: number;
  rate: number;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  errors: number;
  /** The server process's CPU time per request, in µs: all threads, and the main thread alone. */
  cpuUs: number;
  mainCpuUs: number;
}

const run = promisify(execFile);

/**
 * CPU time a process has used so far, in ms: all its threads, and its main thread alone (where
 * JavaScript runs; the others are libuv's pool checking signatures and V8's helpers). From Linux's
 * schedstat, in nanoseconds.
 */
function cpuMs(pid: number): { all: number; main: number } {
  let all = 0;
  let main = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let ns = 0;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // the thread ended meanwhile
    }
    all += ns / 1e6;
    if (task === String(pid)) main = ns / 1e6;
  }
  return { all, main };
}

async function openLoop(url: string, rate: number, seconds: number, body: string, headers: Record<string, string>) {
  const job = JSON.stringify({ url, rate, seconds, body, headers });
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.resolve('src/bench/open-loop.ts'), job], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<OpenLoopRow, 'server' | 'kind' | 'share' | 'rate'>;
}

/**
 * Open-loop phase: requests at fixed rates (a share of the floor's closed-loop maximum), latency
 * counted from each request's scheduled send time, by a generator in its own process. The floor,
 * TrekDex on the default SQLite store and, with `redis`, TrekDex on Redis take turns at each rate.
 */
export async function benchOpenLoop(options: { floorMax: number; seconds: number; rounds: number; shares: number[]; redis?: string }): Promise<OpenLoopRow[]> {
  const emulator = new DiscordEmulator();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signed = (interaction: unknown) => {
    const body = JSON.stringify(interaction);
    return {
      body,
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': emulator.signature(timestamp, body), 'x-signature-timestamp': timestamp },
    };
  };
  const S = ApplicationCommandOptionType.String;
  const requests = {
    episode: signed(emulator.slashCommand('episode', [{ name: 'query', type: S, value: 'penance' }])),
    autocomplete: signed(emulator.autocomplete('episode', [{ name: 'query', type: S, value: 'pen', focused: true }])),
  };
  const env = { DISCORD_PUBLIC_KEY: emulator.publicKeyHex };
  const namespace = `trekdex-bench-${process.pid}`;
  const servers: (Endpoint & { name: string })[] = [];
  const start = async (name: string, script: string, extra: Record<string, string>, ready?: RegExp) => {
    servers.push({ name, ...(await startEndpoint(script, { ...env, ...extra }, ready)) });
  };
  try {
    await start('floor (signature check + constant)', 'src/bench/bare-server.ts', {}, /listening/);
    await start('TrekDex, SQLite (default)', 'dist/src/main.js', { ...defaultStore(), BOT_MODE: 'http', LOG_LEVEL: 'info' });
    if (options.redis)
      await start('TrekDex, Redis', 'dist/src/main.js', { STORE_URL: options.redis, STORE_NAMESPACE: namespace, BOT_MODE: 'http', LOG_LEVEL: 'info' });
    const rows: OpenLoopRow[] = [];
    for (const kind of ['episode', 'autocomplete'] as const) {
      const { body, headers } = requests[kind];
      // A warm-up at the lower rate for each, so no JIT is cold when measured.
      for (const server of servers) await openLoop(server.url, options.floorMax * options.shares[0]!, 1, body, headers);
      for (const share of options.shares) {
        const rate = Math.round(options.floorMax * share);
        // Rounds in turn, so a slower or faster spell of this VM weighs on every server alike; each
        // figure is the median of the rounds, errors add up.
        const results = new Map(servers.map((server) => [server, [] as (Awaited<ReturnType<typeof openLoop>> & { cpuMs: number; mainMs: number })[]]));
        for (let round = 0; round < options.rounds; round++) {
          for (const server of servers) {
            const before = cpuMs(server.pid);
            const result = await openLoop(server.url, rate, options.seconds, body, headers);
            const after = cpuMs(server.pid);
            results.get(server)!.push({ ...result, cpuMs: after.all - before.all, mainMs: after.main - before.main });
          }
        }
        for (const [server, runs] of results) {
          const median = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)]!;
          rows.push({
            server: server.name,
            kind,
            share,
            rate,
            requests: runs.reduce((n, r) => n + r.requests, 0),
            p50: median((r) => r.p50),
            p90: median((r) => r.p90),
            p99: median((r) => r.p99),
            p999: median((r) => r.p999),
            errors: runs.reduce((n, r) => n + r.errors, 0),
            cpuUs: (runs.reduce((n, r) => n + r.cpuMs, 0) / runs.reduce((n, r) => n + r.requests, 0)) * 1000,
            mainCpuUs: (runs.reduce((n, r) => n + r.mainMs, 0) / runs.reduce((n, r) => n + r.requests, 0)) * 1000,
          });
        }
      }
    }
    return rows;
  } finally {
    for (const server of servers) await server.stop();
    if (options.redis) {
      const store = await openStore(options.redis, createLogger('silent'), { namespace });
      await store.keyv.clear();
      await store.close();
    }
  }
}
