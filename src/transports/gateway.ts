import { Client, Events, GatewayIntentBits, Options, Routes, type APIInteraction } from 'discord.js';
import { describeError, type Logger } from '../log.ts';
import type { Answer } from './answer.ts';
import { fromApiInteraction } from '../interactions/from-api.ts';
import { responseBytes } from './json.ts';

export interface GatewayBot {
  client: Client;
  /** Stops taking interactions, waits for those in flight, then disconnects. */
  stop(): Promise<void>;
}

/**
 * TrekDex only reads interactions, so it needs no cached messages, members, users or presences:
 * the Guilds intent and empty caches keep memory flat however many servers it joins.
 */
function trimmedCaches() {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    ApplicationCommandManager: 0,
    BaseGuildEmojiManager: 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildBanManager: 0,
    GuildInviteManager: 0,
    GuildScheduledEventManager: 0,
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    StageInstanceManager: 0,
    ThreadManager: 0,
    ThreadMemberManager: 0,
    VoiceStateManager: 0,
    AutoModerationRuleManager: 0,
    GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
  });
}

/** Close codes after which reconnecting cannot help: the configuration must change. */
const FATAL_CLOSE_CODES: Record<number, string> = {
  4004: 'Discord rejected the token (gateway close code 4004, authentication failed). Copy DISCORD_TOKEN again from the Bot page of the Developer Portal.',
  4010: 'Discord refused the shard settings (close code 4010, invalid shard). Check SHARD_COUNT.',
  4011: 'Discord requires sharding for this bot (close code 4011). Set SHARD_COUNT=auto.',
  4013: 'Discord refused the gateway intents (close code 4013).',
  4014: 'Discord refused a privileged intent (close code 4014); TrekDex needs none, so check the code has not been changed.',
};

export interface GatewayOptions {
  token: string;
  apiBase: string;
  answer: Answer;
  logger: Logger;
  /** Called once when the gateway closed for good (bad token, ...): the process should stop, not retry. */
  onFatal?: (message: string) => void;
  /** REST request timeout; @discordjs/rest retries a request that times out. */
  restTimeoutMs?: number;
}

export async function startGatewayBot(options: GatewayOptions): Promise<GatewayBot> {
  const { answer, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    makeCache: trimmedCaches(),
    // @discordjs/rest keeps a handler per interaction callback (the interaction id is the route's
    // major parameter) until a sweep finds it idle: sweeping every few seconds rather than every
    // hour keeps a busy bot's memory flat.
    rest: { api: options.apiBase, handlerSweepInterval: 5_000, hashSweepInterval: 60_000, timeout: options.restTimeoutMs ?? 15_000 },
  });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const handle = async (interaction: APIInteraction) => {
    const input = fromApiInteraction(interaction);
    if (!input) return;
    const response = await answer(input);
    // The raw callback route: exactly the JSON bytes the HTTP transport returns (a shared reply is
    // serialised once), passed through without @discordjs/rest re-serialising them.
    await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: responseBytes(response),
      passThroughBody: true,
      headers: { 'Content-Type': 'application/json' },
      auth: false,
    });
  };

  // Interactions are read from the gateway's raw INTERACTION_CREATE payload with the same adapter as
  // the HTTP endpoint, instead of discord.js's Interaction classes: those throw from inside the
  // socket handler on a malformed payload (the fuzzer found one), which would take the process down,
  // and building them costs time and memory the bot does not need.
  const actions = (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): unknown } } }).actions;
  actions.InteractionCreate.handle = (data: unknown) => {
    const interaction = data as APIInteraction;
    if (!accepting || typeof interaction?.id !== 'string' || typeof interaction.token !== 'string') return;
    const task = handle(interaction)
      .catch((error: unknown) => logger.warn({ interaction: interaction.id, err: describeError(error) }, 'could not answer the interaction'))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  // While stopping, discord.js reports the closing socket as a reconnect; that would be the last word otherwise.
  client.on(Events.ShardReconnecting, (shard) => accepting && logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardError, (error, shard) => logger.warn({ shard, err: describeError(error) }, 'gateway error'));
  client.on(Events.Error, (error) => logger.error({ err: describeError(error) }, 'client error'));
  client.on(Events.ShardDisconnect, (event, shard) => {
    const message = FATAL_CLOSE_CODES[event.code] ?? `The Discord gateway closed for good (close code ${event.code}).`;
    logger.fatal({ shard, code: event.code }, message);
    options.onFatal?.(message);
  });

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.options.shards, pid: process.pid }, 'connected to the gateway');

  return {
    client,
    async stop() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      logger.info('disconnected from the gateway');
    },
  };
}
