import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, PermissionFlagsBits, type APIInteraction } from 'discord.js';
import { createAnswer } from '../src/app.ts';
import { autocompletePayload, makeUser, slashCommandPayload, type EmulatedOption, type Place } from '../src/emulator/payloads.ts';
import { snowflake } from '../src/emulator/snowflake.ts';
import { fromApiInteraction } from '../src/interactions/from-api.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { Cooldowns } from '../src/store/cooldowns.ts';
import { openStore, type OpenedStore } from '../src/store/open.ts';
import { SettingsCache } from '../src/store/settings-cache.ts';
import { SettingsStore } from '../src/store/settings-store.ts';
import { dex } from './helpers.ts';
import { storyHidden } from './helpers.ts';

export const APP_ID = '100000000000000001';
export const MANAGE_SERVER = String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages);
export const MEMBER = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands);

/** The backends the settings suite runs on: always memory and SQLite, and Redis when REDIS_URL is set. */
export function backends(): [string, () => string][] {
  const list: [string, () => string][] = [
    ['memory', () => 'memory://'],
    ['sqlite', () => `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'trekdex-store-')), 'settings.sqlite')}`],
  ];
  if (process.env.REDIS_URL) list.push(['redis', () => process.env.REDIS_URL!]);
  return list;
}

/** This test file's keys, apart from a bot's and any other run's on the shared Redis; cleared by closeClean. */
export const TEST_NAMESPACE = `trekdex-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** Closes a store after removing every key this test run wrote to it. */
export async function closeClean(store: OpenedStore): Promise<void> {
  try {
    await store.keyv.clear();
  } finally {
    await store.close();
  }
}

/** One bot process's worth of answering: its own store connection, as a separate process would have. */
export async function botOn(url: string, options: { now?: () => number; logger?: Logger } = {}) {
  const logger = options.logger ?? createLogger('silent');
  const store: OpenedStore = await openStore(url, logger, { namespace: TEST_NAMESPACE, now: options.now });
  const answer = createAnswer({
    dex,
    logger,
    settingsStore: new SettingsCache(new SettingsStore(store.keyv, logger), store.feed, logger),
    cooldowns: new Cooldowns(store.claim, logger),
  });
  return {
    store,
    async ask(interaction: APIInteraction): Promise<any> {
      return answer(fromApiInteraction(interaction)!);
    },
  };
}

export function guildPlace(guildId = snowflake(), permissions = MEMBER, userId = '900000000000000001'): Place {
  return { guildId, channelId: snowflake(), user: makeUser(userId, 'crew'), permissions };
}

export function dmPlace(userId: string): Place {
  return { guildId: null, channelId: snowflake(), user: makeUser(userId, 'crew') };
}

const S = ApplicationCommandOptionType.String;

/** "/settings spoilers mode:never days:3" as the interaction Discord would deliver. */
export function settingsCommand(place: Place, sub: string, options: EmulatedOption[] = []): APIInteraction {
  return slashCommandPayload(APP_ID, place, 'settings', [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options }]);
}

export function episodeCommand(place: Place, query: string, extra: EmulatedOption[] = []): APIInteraction {
  return slashCommandPayload(APP_ID, place, 'episode', [{ name: 'query', type: S, value: query }, ...extra]);
}

export function searchCommand(place: Place, text: string): APIInteraction {
  return slashCommandPayload(APP_ID, place, 'search', [{ name: 'text', type: S, value: text }]);
}

export function episodeAutocomplete(place: Place, value: string): APIInteraction {
  return autocompletePayload(APP_ID, place, 'episode', [{ name: 'query', type: S, value, focused: true }]);
}

export const spoilers = (mode: string, days?: number): EmulatedOption[] => [
  { name: 'mode', type: S, value: mode },
  ...(days === undefined ? [] : [{ name: 'days', type: ApplicationCommandOptionType.Integer, value: days }]),
];

export const hidden = (response: any) => storyHidden(response.data.embeds[0].description);

type Bot = Awaited<ReturnType<typeof botOn>>;

/**
 * Sends `interaction` (a settings change) through `actor` and resolves with its reply once `other`
 * has heard of the change through its store's change feed: Redis delivers it by pub/sub, SQLite's
 * poll is run now instead of waited for. The same bot needs no feed: it drops its own copy at once.
 */
export async function changeSeenBy(actor: Bot, other: Bot, interaction: APIInteraction): Promise<any> {
  if (actor === other) return actor.ask(interaction);
  let stop = () => {};
  const heard = new Promise<void>((resolve) => (stop = other.store.feed.onChange(() => resolve())));
  try {
    const reply = await actor.ask(interaction);
    await other.store.feed.check?.();
    await heard;
    return reply;
  } finally {
    stop();
  }
}
