import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchGateway, type GatewayFigures } from './gateway-bench.ts';
import { benchHttp, benchOpenLoop, type HttpFigures, type OpenLoopRow } from './http-bench.ts';
import { benchSearch, type SearchFigures } from './search-bench.ts';
import { startFlags } from './processes.ts';
import { signatureCheckMicros } from './calibrate.ts';
import { ms, summarize, type Summary } from './stats.ts';

/** The targets of the performance issue, checked against the measured figures. */
const TARGETS = {
  autocompleteP99: 1,
  exactP99: 0.05,
  plotP99: 10,
  buildStarTrek: 50,
  build100k: 2000,
  heap100k: 250,
  httpRatio: 0.9,
  /** Open loop: p99 at half the floor's maximum <= 2 x the floor's + 1 ms; at three quarters <= 4 x, no errors. */
  openHalf: { factor: 2, plusMs: 1 },
  openThreeQuarters: { factor: 4 },
  httpP99: 10,
  gatewayP99: 5,
  rss: 100,
};

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: 'BENCHMARKS.md' } } });
const quick = values.quick;
const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');
const ratio = (ours: number, baseline: number) => (ours > 0 ? `${(baseline / ours).toFixed(0)}x faster` : '-');

async function main(): Promise<void> {
  // The bot processes are measured as `npm start` runs them: compiled JavaScript.
  execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (!(globalThis as { gc?: unknown }).gc) console.warn('(run through `npm run bench` so heap figures are taken after a full GC)');
  const speedBefore = signatureCheckMicros();
  const sizes = quick ? [970, 10_000] : [970, 10_000, 100_000];
  process.stderr.write('start-up: cold index builds of the Star Trek pack...\n');
  const startup = coldStarts(quick ? 5 : 9);
  const search: SearchFigures[] = [];
  for (const size of sizes) {
    collectGarbage();
    const big = size >= 100_000;
    process.stderr.write(`search: ${size} episodes...\n`);
    search.push(
      benchSearch(size, {
        queries: quick ? 300 : 1000,
        baselineQueries: big ? (quick ? 5 : 20) : quick ? 30 : 100,
        baselinePlotQueries: big ? 2 : size >= 10_000 ? 5 : 20,
      }),
    );
  }
  // Each phase starts on a clean heap: the 100,000-episode catalog of the last one is garbage now.
  collectGarbage();
  process.stderr.write('http: autocannon, 50 connections...\n');
  const http = await benchHttp({ connections: 50, seconds: quick ? 2 : 5, rounds: quick ? 1 : 5 });
  collectGarbage();
  process.stderr.write("http: open loop at 50 % and 75 % of the floor's maximum...\n");
  const open = await benchOpenLoop({
    floorMax: http.bare.requestsPerSecond,
    seconds: quick ? 2 : 3,
    rounds: quick ? 1 : 3,
    shares: [0.5, 0.75],
    redis: process.env.REDIS_URL,
  });
  collectGarbage();
  process.stderr.write('gateway: emulator -> bot -> callback...\n');
  const gateway = await benchGateway(quick ? 2000 : 10_000);
  const speed = { before: speedBefore, after: signatureCheckMicros() };
  const report = render(startup, search, http, open, gateway, speed);
  console.log(report);
  writeFileSync(values.out, report);
  process.stderr.write(`wrote ${values.out}\n`);
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

interface StartupFigures {
  runs: number;
  load: Summary;
  episodes: Summary;
  plots: Summary;
  typos: Summary;
  total: Summary;
}

/** The Star Trek pack loaded and indexed by fresh processes running the compiled code with `npm start`'s flags. */
function coldStarts(runs: number): StartupFigures {
  const samples = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, [...startFlags(), path.resolve('dist/src/bench/startup-build.js'), 'data'], { encoding: 'utf8' });
    return JSON.parse(out) as { loadMs: number; episodesMs: number; plotsMs: number; typosMs: number };
  });
  return {
    runs,
    load: summarize(samples.map((s) => s.loadMs)),
    episodes: summarize(samples.map((s) => s.episodesMs)),
    plots: summarize(samples.map((s) => s.plotsMs)),
    typos: summarize(samples.map((s) => s.typosMs)),
    total: summarize(samples.map((s) => s.episodesMs + s.plotsMs + s.typosMs)),
  };
}

function render(
  startup: StartupFigures,
  search: SearchFigures[],
  http: HttpFigures,
  open: OpenLoopRow[],
  gateway: GatewayFigures,
  speed: { before: number; after: number },
): string {
  const big = search.find((s) => s.episodes >= 100_000) ?? search.at(-1)!;
  const lines: string[] = [];
  lines.push('# TrekDex benchmarks', '');
  lines.push(`Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}.`);
  lines.push(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${os.platform()} ${os.release()}.`,
  );
  lines.push(
    `Machine speed: one Ed25519 signature check of a 1.2 KB body took ${speed.before.toFixed(0)} µs at the start of this run and ${speed.after.toFixed(0)} µs at the end ` +
      '(a shared VM speeds up and slows down between runs, every figure below with it; compare runs by this one).',
  );
  lines.push('Times are milliseconds per operation (median / p99) on one core, measured in-process after a warm-up; the');
  lines.push('baseline is fuse.js with default options over the same records (titles; titles plus synopses for plot search),');
  lines.push('measured on fewer queries where it is slow (n is shown). Synthetic episodes are seeded and deterministic.', '');

  lines.push('## Search', '');
  lines.push(
    '| episodes | load + validate | index build (before answering / background) | heap | autocomplete | exact lookup | plot search | fuse.js titles (n) | fuse.js titles+synopses (n) |',
  );
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of search) {
    lines.push(
      `| ${s.episodes.toLocaleString('en')} | ${ms(s.loadMs)} | ${ms(s.buildMs.total)} (${ms(s.buildMs.episodes)} / ${ms(s.buildMs.plots)}) | ${s.heapMb.toFixed(0)} MB | ` +
        `${ms(s.autocomplete.median)} / ${ms(s.autocomplete.p99)} | ${ms(s.exact.median)} / ${ms(s.exact.p99)} | ${ms(s.plot.median)} / ${ms(s.plot.p99)} | ` +
        `${ms(s.baselineTitles.median)} / ${ms(s.baselineTitles.p99)} (${s.baselineTitles.n}) | ${ms(s.baselinePlot.median)} / ${ms(s.baselinePlot.p99)} (${s.baselinePlot.n}) |`,
    );
  }
  lines.push(
    '',
    `Cold start: the Star Trek pack loaded and indexed by ${startup.runs} fresh processes running the compiled code with \`npm start\`'s Node flags (median / slowest, ms). ` +
      'The bot answers once the title index is built; the plot index and the typo tables follow in the background (a query that needs one first finishes it).',
    '',
  );
  lines.push('| load + validate | title index (before answering) | plot index | typo tables | everything |', '| ---: | ---: | ---: | ---: | ---: |');
  const pair = (s: Summary) => `${ms(s.median)} / ${ms(s.p99)}`;
  lines.push(`| ${pair(startup.load)} | ${pair(startup.episodes)} | ${pair(startup.plots)} | ${pair(startup.typos)} | ${pair(startup.total)} |`);
  lines.push('', 'Ratio to the baseline (medians):', '');
  for (const s of search) {
    lines.push(
      `- ${s.episodes.toLocaleString('en')} episodes: autocomplete ${ratio(s.autocomplete.median, s.baselineTitles.median)}, plot search ${ratio(s.plot.median, s.baselinePlot.median)} than fuse.js alone.`,
    );
  }
  lines.push('', `Search quality at ${big.episodes.toLocaleString('en')} episodes (the foundation's examples must keep their top answer):`, '');
  lines.push('| query | expected | got | |', '| --- | --- | --- | --- |');
  for (const q of big.quality) lines.push(`| \`${q.query}\` | ${q.expected} | ${q.got} | ${pass(q.expected === q.got)} |`);

  lines.push('', '## HTTP interactions endpoint', '');
  lines.push(
    `autocannon, ${http.connections} connections, the same signed \`/episode query:penance\` request, every server a separate process on loopback, ` +
      `taking turns: ${http.rounds} rounds of ${http.seconds} s each (figures are the medians of the rounds; the ratio is the median of the rounds' ratios).`,
    '',
  );
  lines.push('| server | requests/s | latency median | latency p99 | errors | non-2xx |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  lines.push(
    `| TrekDex (\`BOT_MODE=http npm start\`) | ${http.trekdex.requestsPerSecond.toFixed(0)} | ${http.trekdex.p50} ms | ${http.trekdex.p99} ms | ${http.trekdex.errors} | ${http.trekdex.non2xx} |`,
  );
  lines.push(
    `| TrekDex at \`LOG_LEVEL=warn\` (no line per interaction) | ${http.quiet.requestsPerSecond.toFixed(0)} | ${http.quiet.p50} ms | ${http.quiet.p99} ms | ${http.quiet.errors} | ${http.quiet.non2xx} |`,
  );
  lines.push(
    `| bare Node http, the same signature check + \`{"type":1}\` | ${http.bare.requestsPerSecond.toFixed(0)} | ${http.bare.p50} ms | ${http.bare.p99} ms | ${http.bare.errors} | ${http.bare.non2xx} |`,
  );
  lines.push(
    `| the same bare server answering TrekDex's own reply (${http.sameReplyBytes} bytes) | ${http.sameReply.requestsPerSecond.toFixed(0)} | ${http.sameReply.p50} ms | ${http.sameReply.p99} ms | ${http.sameReply.errors} | ${http.sameReply.non2xx} |`,
  );
  lines.push(
    '',
    `TrekDex reaches ${(http.ratio * 100).toFixed(0)} % of the bare server's throughput, and ${(http.sameReplyRatio * 100).toFixed(0)} % of the bare server sending the same reply ` +
      "(the third row: the difference between the second and third rows is what sending the card's bytes costs on this machine, whoever sends them; the rest is TrekDex's own work).",
  );
  // Under a closed loop of N busy connections, mean latency is N / throughput (Little's law).
  const meanMs = (rps: number) => ((http.connections / rps) * 1000).toFixed(1);
  if (http.bare.p99 > TARGETS.httpP99) {
    lines.push(
      '',
      `The bare server's own p99 is ${http.bare.p99} ms. With ${http.connections} connections kept busy, mean latency is the number of connections ` +
        `divided by throughput (${meanMs(http.bare.requestsPerSecond)} ms at the bare server's rate, ${meanMs(http.trekdex.requestsPerSecond)} ms at TrekDex's), ` +
        `and on this machine, whose two cores the load generator shares with the server, the slowest 1 % take about twice the mean for both servers.`,
    );
  }

  lines.push('', '### Open loop', '');
  lines.push(
    'Requests sent at a fixed rate by a generator in its own process, whatever the server does, with each latency counted from ' +
      "the request's scheduled send time (so a slow answer cannot hide the requests queued behind it, as it can in a closed loop). " +
      `Rates are shares of the floor's closed-loop maximum above (${http.bare.requestsPerSecond.toFixed(0)} requests/s); the floor is the bare server, ` +
      `TrekDex runs as \`BOT_MODE=http npm start\` does by default (SQLite store, \`LOG_LEVEL=info\`), and on Redis where \`REDIS_URL\` is set. ` +
      `The servers take turns at each rate, ${quick ? '1 round' : '3 rounds'} of ${quick ? 2 : 3} s each (medians of the rounds; errors add up); milliseconds.`,
    '',
  );
  lines.push(
    '| request | rate | server | p50 | p90 | p99 | p99.9 | errors | CPU per request (main thread) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of open) {
    lines.push(
      `| ${r.kind} | ${(r.share * 100).toFixed(0)} % (${r.rate}/s) | ${r.server} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.p999)} | ${r.errors} | ${r.cpuUs.toFixed(0)} µs (${r.mainCpuUs.toFixed(0)} µs) |`,
    );
  }
  lines.push(
    '',
    "CPU per request is the server process's CPU time over the run divided by the requests sent, all threads (libuv's pool checks the signatures) and, in brackets, the main thread alone, where the JavaScript runs (Linux schedstat). " +
      "The generator shares the machine's two cores with the server, so near a server's capacity its tail grows with every microsecond it spends per request.",
  );

  lines.push('', '## Gateway', '');
  lines.push(
    `The bot process (\`npm start\`) connected to the local emulator; ${gateway.interactions.toLocaleString('en')} \`/episode\` interactions, one at a time.`,
    '',
  );
  lines.push(`- INTERACTION_CREATE sent -> callback received: median ${ms(gateway.latency.median)} ms, p99 ${ms(gateway.latency.p99)} ms.`);
  lines.push(`- Bot RSS: ${gateway.rssMb.start.toFixed(0)} MB before, ${gateway.rssMb.half.toFixed(0)} MB halfway, ${gateway.rssMb.end.toFixed(0)} MB after.`);

  lines.push('', '## Targets', '');
  lines.push('| target | measured | |', '| --- | --- | --- |');
  const row = (what: string, measured: string, ok: boolean) => lines.push(`| ${what} | ${measured} | ${pass(ok)} |`);
  row(
    `autocomplete p99 <= ${TARGETS.autocompleteP99} ms at ${big.episodes.toLocaleString('en')}`,
    `${ms(big.autocomplete.p99)} ms`,
    big.autocomplete.p99 <= TARGETS.autocompleteP99,
  );
  row(`exact title / code lookup p99 <= ${TARGETS.exactP99} ms`, `${ms(big.exact.p99)} ms`, big.exact.p99 <= TARGETS.exactP99);
  row(`plot search p99 <= ${TARGETS.plotP99} ms at ${big.episodes.toLocaleString('en')}`, `${ms(big.plot.p99)} ms`, big.plot.p99 <= TARGETS.plotP99);
  row(
    `index build before the bot answers <= ${TARGETS.buildStarTrek} ms (Star Trek pack, cold start, median of ${startup.runs}; the rest then builds in the background)`,
    `${ms(startup.episodes.median)} ms (slowest ${ms(startup.episodes.p99)} ms; everything ${ms(startup.total.median)} ms)`,
    startup.episodes.median <= TARGETS.buildStarTrek,
  );
  row(
    `index build before the bot answers <= ${TARGETS.build100k} ms at ${big.episodes.toLocaleString('en')} (titles and codes; the rest then builds in the background)`,
    `${ms(big.buildMs.episodes)} ms (then ${ms(big.buildMs.plots)} ms in the background: plot index and typo tables)`,
    big.buildMs.episodes <= TARGETS.build100k,
  );
  row(`heap <= ${TARGETS.heap100k} MB at ${big.episodes.toLocaleString('en')} with synopses`, `${big.heapMb.toFixed(0)} MB`, big.heapMb <= TARGETS.heap100k);
  row(`HTTP throughput >= ${TARGETS.httpRatio * 100} % of bare`, `${(http.ratio * 100).toFixed(0)} %`, http.ratio >= TARGETS.httpRatio);
  row(`HTTP p99 <= ${TARGETS.httpP99} ms`, `${http.trekdex.p99} ms`, http.trekdex.p99 <= TARGETS.httpP99);
  for (const r of open) {
    if (r.server.startsWith('floor')) continue;
    const floor = open.find((f) => f.server.startsWith('floor') && f.kind === r.kind && f.share === r.share)!;
    const half = r.share === 0.5;
    const limit = half ? TARGETS.openHalf.factor * floor.p99 + TARGETS.openHalf.plusMs : TARGETS.openThreeQuarters.factor * floor.p99;
    row(
      `open loop, ${r.kind} at ${(r.share * 100).toFixed(0)} %, ${r.server}: p99 <= ${half ? '2 x floor + 1 ms' : '4 x floor, no errors'} (${ms(limit)} ms)`,
      `${ms(r.p99)} ms (floor ${ms(floor.p99)} ms), ${r.errors} errors`,
      r.p99 <= limit && (half || r.errors === 0),
    );
  }
  row(`gateway dispatch -> callback p99 <= ${TARGETS.gatewayP99} ms`, `${ms(gateway.latency.p99)} ms`, gateway.latency.p99 <= TARGETS.gatewayP99);
  row(
    `bot RSS <= ${TARGETS.rss} MB after ${gateway.interactions.toLocaleString('en')} interactions, no growth`,
    `${gateway.rssMb.end.toFixed(0)} MB (${(gateway.rssMb.end - gateway.rssMb.half).toFixed(0)} MB since halfway)`,
    gateway.rssMb.end <= TARGETS.rss && gateway.rssMb.end - gateway.rssMb.half <= 5,
  );
  if (quick) lines.push('', '_Quick mode: the largest catalog is 10,000 episodes; run `npm run bench` for the 100,000 figures._');
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
