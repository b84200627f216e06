import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ComponentType, InteractionResponseType, type APIEmbed, type APIInteractionResponse } from 'discord.js';
import { commands } from '../commands/index.ts';
import { parseCommandLine } from '../src/cli/command-line.ts';
import { loadDex, type Dex } from '../src/dex.ts';
import { createDispatcher } from '../src/interactions/dispatch.ts';
import type { CommandContext, InteractionInput } from '../src/interactions/types.ts';
import { replyProblems } from '../src/render/validate.ts';
import { createAnswer } from '../src/app.ts';
import { createLogger } from '../src/log.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { DEFAULT_SETTINGS, type Settings } from '../src/settings.ts';

let shared: Dex | undefined;
export function dex(): Dex {
  shared ??= loadDex('data');
  return shared;
}

/** TrekDex's HTTP endpoint on a free loopback port, answering from the Star Trek pack with default settings. */
export async function listenEndpoint(
  publicKey: string,
  timeouts?: { headersMs: number; requestMs: number },
): Promise<{ server: Server; port: number; base: string }> {
  const logger = createLogger('silent');
  const server = createInteractionServer({ publicKey, answer: createAnswer({ dex, logger }), logger, timeouts });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, port, base: `http://127.0.0.1:${port}` };
}

export const NOW = new Date('2026-11-23T12:00:00Z');

export function context(overrides: Partial<CommandContext> = {}): CommandContext {
  const data = overrides.dex ?? dex();
  return {
    dex: data,
    catalog: data.catalog,
    user: { id: '1', name: 'tester' },
    guildId: '100',
    locale: 'en-GB',
    settings: DEFAULT_SETTINGS,
    settingsAvailable: true,
    scope: 'guild:100',
    permissions: null,
    channelId: null,
    appPermissions: null,
    resolved: {},
    now: NOW,
    random: () => 0,
    ...overrides,
  };
}

interface Env {
  settings?: Settings;
  locale?: string;
  random?: () => number;
  /** Other data than the shipped pack. */
  dex?: Dex;
  /** The member's permission bits (default none). */
  permissions?: string;
}

function dispatcher(env: Env) {
  return createDispatcher({
    dex: env.dex ? () => env.dex! : dex,
    commands,
    settingsFor: () => ({ settings: env.settings ?? DEFAULT_SETTINGS, available: true }),
    now: () => NOW,
    random: env.random ?? (() => 0),
    onError: (error) => {
      throw error;
    },
  });
}

const common = (env: Env) => ({
  id: '1',
  user: { id: '1', name: 'tester' },
  guildId: '100',
  guildInstalled: true,
  permissions: env.permissions ?? '0',
  locale: env.locale ?? 'en-GB',
});

/** Runs a command line as Discord would deliver it and returns the response JSON. */
export async function run(line: string, env: Env = {}): Promise<APIInteractionResponse> {
  const { command, options } = parseCommandLine(line, commands);
  return dispatcher(env)({ ...common(env), kind: 'command', name: command.definition.name, options });
}

export async function autocomplete(line: string, env: Env = {}) {
  const { command, options } = parseCommandLine(line, commands, true);
  const response = await dispatcher(env)({ ...common(env), kind: 'autocomplete', name: command.definition.name, options });
  if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) throw new Error('not an autocomplete response');
  return response.data.choices ?? [];
}

export async function click(customId: string, values: string[] = [], env: Env = {}) {
  return dispatcher(env)({ ...common(env), kind: 'component', customId, values } as InteractionInput);
}

export function messageData(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource && response.type !== InteractionResponseType.UpdateMessage) {
    throw new Error(`expected a message, got response type ${response.type}`);
  }
  return response.data ?? {};
}

export function firstEmbed(response: APIInteractionResponse): APIEmbed {
  const embed = messageData(response).embeds?.[0];
  if (!embed) throw new Error('no embed in the reply');
  return embed;
}

/** The action rows of a reply, each as its list of components. */
export function rows(response: APIInteractionResponse) {
  return (messageData(response).components ?? []).flatMap((row) => (row.type === ComponentType.ActionRow ? [row.components] : []));
}

export function buttons(response: APIInteractionResponse) {
  return rows(response)
    .flat()
    .filter((c) => c.type === ComponentType.Button);
}

export function menus(response: APIInteractionResponse) {
  return rows(response)
    .flat()
    .flatMap((c) => (c.type === ComponentType.StringSelect ? [c] : []));
}

/** Whether a card's story is behind spoiler bars: its last paragraph, after the logline shown in plain sight. */
export function storyHidden(description: string | undefined): boolean {
  return /(?:^|\n\n)\|\|[\s\S]*\|\|$/.test(description ?? '');
}

/** Throws the first reason Discord would refuse or regret this reply (limits, builders, mentions). */
export function assertValidReply(response: APIInteractionResponse): void {
  const problems = replyProblems(response);
  if (problems.length) throw new Error(problems.join('; '));
}
