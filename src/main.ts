import type { Server } from 'node:http';
import { once } from 'node:events';
import { createAnswer } from './app.ts';
import { CatalogError } from './catalog/errors.ts';
import { ConfigError, loadEnvFile, readConfig, type Config } from './config.ts';
import { loadDex } from './dex.ts';
import { Cooldowns } from './store/cooldowns.ts';
import { openStore } from './store/open.ts';
import { SettingsCache } from './store/settings-cache.ts';
import { SettingsStore } from './store/settings-store.ts';
import type { startRewatch } from './rewatch/setup.ts';
import type { Answer } from './transports/answer.ts';
import { createAsyncLogger, type Logger } from './log.ts';
import { fileURLToPath } from 'node:url';

/** Writes out buffered log lines; replaced by the logger's own once it exists. */
let flushLog = () => {};
/** Exits only after the last log lines are written. */
function exit(code: number): never {
  flushLog();
  process.exit(code);
}

/** Set by discord.js in the processes a ShardingManager spawns. */
const isShardProcess = () => process.env.SHARDING_MANAGER === 'true';

const NO_TOKEN_HINT = `To run on Discord instead:
  - set DISCORD_TOKEN (the bot token from the Discord Developer Portal, Bot page) to run the gateway bot, or
  - set BOT_MODE=http and DISCORD_PUBLIC_KEY to serve Discord's HTTP interactions endpoint.
Put them in a .env file (see .env.example) or in the environment. README.md explains each step.`;

/** A running transport: how to stop it, and the token and API it posts with, when it has them. */
interface Serving {
  stop(): Promise<void>;
  posting?: { token: string; apiBase: string };
}

/** HTTP mode posts (rewatch clubs) only when a bot token is configured beside the public key. */
const postingOf = (config: Config) => (config.DISCORD_TOKEN ? { token: config.DISCORD_TOKEN, apiBase: config.DISCORD_API_BASE } : undefined);

async function serveHttp(config: Config, answer: Answer, logger: Logger): Promise<Serving> {
  if (!config.DISCORD_PUBLIC_KEY) throw new ConfigError(['DISCORD_PUBLIC_KEY is not set: BOT_MODE=http needs it to verify that requests come from Discord.']);
  // Each mode loads only its own transport: a gateway bot carries no HTTP server or playground code.
  const { createInteractionServer } = await import('./transports/http.ts');
  const server: Server = createInteractionServer({ publicKey: config.DISCORD_PUBLIC_KEY, answer, logger });
  server.listen(config.PORT);
  await once(server, 'listening');
  logger.info({ port: config.PORT }, `HTTP interactions endpoint listening on :${config.PORT}/interactions`);
  return {
    posting: postingOf(config),
    async stop() {
      // close() stops new connections and waits for requests in flight.
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveGateway(config: Config, answer: Answer, logger: Logger): Promise<Serving> {
  const { startGatewayBot } = await import('./transports/gateway.ts');
  const bot = await startGatewayBot({
    token: config.DISCORD_TOKEN!,
    apiBase: config.DISCORD_API_BASE,
    answer,
    logger,
    onFatal: (message) => {
      console.error(`TrekDex stopped: ${message}`);
      void bot.stop().finally(() => exit(1));
    },
  });
  return { stop: () => bot.stop(), posting: postingOf(config) };
}

/** No token: the offline playground, so people can try TrekDex before creating a Discord application. */
async function servePlayground(config: Config, answer: Answer, logger: Logger): Promise<Serving> {
  const { startPlayground } = await import('./playground/server.ts');
  const playground = await startPlayground({ port: config.PLAYGROUND_PORT, answer, logger });
  console.log(
    `\nNo DISCORD_TOKEN is set, so TrekDex is running its offline playground.\n  Open ${playground.url} and type /episode penance\n${NO_TOKEN_HINT}\n`,
  );
  return { stop: () => playground.stop(), posting: playground.posting };
}

async function main(): Promise<void> {
  loadEnvFile();
  const config = readConfig();
  const { logger, flush } = createAsyncLogger(config.LOG_LEVEL);
  flushLog = flush;
  if (config.SHARD_COUNT && config.DISCORD_TOKEN && config.BOT_MODE === 'gateway' && !isShardProcess()) {
    // This process only supervises: each shard process runs main() again as a plain gateway bot.
    const { resolveShardCount, runShardManager } = await import('./transports/shards.ts');
    const total = await resolveShardCount(config.SHARD_COUNT, config.DISCORD_TOKEN, config.DISCORD_API_BASE);
    const stopShards = await runShardManager({ file: fileURLToPath(import.meta.url), token: config.DISCORD_TOKEN, totalShards: total, logger });
    logger.info({ shards: total }, 'all shards spawned');
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopShards().then(() => exit(0)));
    return;
  }
  const started = performance.now();
  let dex = loadDex(config.DATA_DIR, { background: true });
  logger.info(
    { series: dex.catalog.series.length, episodes: dex.catalog.episodes.length, ms: Math.round(performance.now() - started) },
    'episode index loaded',
  );
  const store = await openStore(config.STORE_URL, logger, { namespace: config.STORE_NAMESPACE });
  logger.info({ store: store.kind }, 'settings store opened');
  // SIGHUP reloads the data packs. The new index is built beside the old one and swapped in one
  // assignment, so interactions in flight finish on the data they started with; a broken pack is
  // refused and the old one keeps serving.
  process.on('SIGHUP', () => {
    const started = performance.now();
    try {
      dex = loadDex(config.DATA_DIR, { background: true });
      logger.info({ series: dex.catalog.series.length, episodes: dex.catalog.episodes.length, ms: Math.round(performance.now() - started) }, 'data reloaded');
    } catch (error) {
      const reason = error instanceof CatalogError ? error.message : String(error);
      logger.error({ reason }, 'data reload rejected, still serving the previous data');
    }
  });
  const settingsStore = new SettingsCache(new SettingsStore(store.keyv, logger), store.feed, logger);
  let rewatch: Awaited<ReturnType<typeof startRewatch>> | undefined;
  const answer = createAnswer({
    dex: () => dex,
    logger,
    settingsStore,
    cooldowns: new Cooldowns(store.claim, logger),
    rewatch: () => rewatch?.service,
  });
  const serve = config.BOT_MODE === 'http' ? serveHttp : config.DISCORD_TOKEN ? serveGateway : servePlayground;
  let serving: Serving;
  try {
    serving = await serve(config, answer, logger);
  } catch (error) {
    await store.close();
    throw error;
  }
  const stop = async () => {
    await serving.stop();
    await rewatch?.close();
    await store.close();
  };
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing interactions in flight');
    stop().then(
      () => {
        logger.info({ signal }, 'TrekDex stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: String(error) }, 'unclean shutdown');
        exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Clubs start once the transport serves and a signal can stop everything cleanly.
  if (serving.posting) {
    const { startRewatch } = await import('./rewatch/setup.ts');
    const posting = serving.posting;
    const start = () =>
      startRewatch({ store, storeUrl: config.STORE_URL, namespace: config.STORE_NAMESPACE, ...posting, dex: () => dex, settings: settingsStore, logger });
    rewatch = await start().catch((error: unknown) => {
      // Lookups go on without clubs; /rewatch says posting is unavailable until the next start.
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'rewatch clubs not started');
      return undefined;
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CatalogError) {
    console.error(`TrekDex cannot start:\n${error.message}`);
  } else if (error instanceof Error && error.name === 'PortInUse') {
    console.error(`TrekDex cannot start the playground: ${error.message}.`);
  } else if (error instanceof Error && /TokenInvalid|An invalid token/i.test(`${error.name} ${error.message}`)) {
    console.error('TrekDex cannot start: Discord rejected DISCORD_TOKEN. Copy the token again from the Bot page of the Developer Portal.');
  } else {
    console.error(`TrekDex cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  exit(1);
});
