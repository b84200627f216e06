import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REST } from '@discordjs/rest';
import { ApplicationCommandOptionType, ChannelType, InteractionResponseType, Routes, type APIInteraction, type APIMessage } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { DiscordEmulator, type RecordedCallback } from '../emulator/emulator.ts';
import type { EmulatedOption } from '../emulator/payloads.ts';
import type { Logger } from '../log.ts';
import type { Answer } from '../transports/answer.ts';
import { startGatewayBot, type GatewayBot } from '../transports/gateway.ts';

const PUBLIC = path.join(import.meta.dirname, 'public');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** Managers may change settings in the playground: it is the visitor's own server. */
const ADMIN_PERMISSIONS = '2248473465835135';

export interface Playground {
  url: string;
  /** Where the playground's bot posts with its token (rewatch clubs): the emulator's API. */
  posting: { token: string; apiBase: string };
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const json = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(json);
}

/**
 * `npm start` without a token: the local Discord emulator, the real gateway bot logged in to it, and a
 * Discord-like page (served from this process, no build step) whose every action is a real
 * interaction sent through the emulator's gateway. Listens on 127.0.0.1 only.
 */
export class PortInUse extends Error {
  override name = 'PortInUse';
}

/** Takes the port before anything else starts, so a port that is taken is the first and only thing said. */
async function claimPort(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUse(
              `port ${port} is already in use by another program. Set PLAYGROUND_PORT to a free port, for example PLAYGROUND_PORT=${port + 1} npm start`,
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

export async function startPlayground(options: { port: number; answer: Answer; logger: Logger }): Promise<Playground> {
  const { logger } = options;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => send(res, 503, { error: 'The playground is still starting.' });
  const server: Server = createServer((req, res) => handle(req, res));
  await claimPort(server, options.port);
  const emulator = await new DiscordEmulator({ guilds: [{ id: '1234567890123456789', name: 'Playground' }] }).start();
  // Commands are registered the way `npm run deploy` does it, so the page lists what Discord would.
  await new REST({ api: emulator.apiBase })
    .setToken(emulator.token)
    .put(Routes.applicationCommands(emulator.applicationId), { body: commands.map((c) => c.definition) });
  const bot: GatewayBot = await startGatewayBot({ token: emulator.token, apiBase: emulator.apiBase, answer: options.answer, logger });
  const messages = new Map<string, APIMessage>();
  const place = () => emulator.place({ permissions: ADMIN_PERMISSIONS });

  const reply = (callback: RecordedCallback, messageId?: string) => {
    const response = callback.response;
    if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) return { response };
    const message = emulator.messageOf(callback);
    const id = messageId ?? message.id;
    messages.set(id, { ...message, id });
    return { response, messageId: id };
  };

  // The page's channel is the playground's only channel: a channel option names it whatever was typed.
  const inThisChannel = (options: EmulatedOption[]): EmulatedOption[] =>
    options.map((o) =>
      o.type === ApplicationCommandOptionType.Channel
        ? { ...o, value: place().channelId }
        : o.options
          ? { ...o, options: inThisChannel(o.options as EmulatedOption[]) }
          : o,
    );
  // Posts the bot makes with its token (rewatch clubs), for the page to show as they arrive.
  const posted: { messageId: string; response: { type: number; data: unknown } }[] = [];
  emulator.onChannelPost = (post) => {
    messages.set(post.message.id, post.message);
    posted.push({ messageId: post.message.id, response: { type: InteractionResponseType.ChannelMessageWithSource, data: post.body } });
  };

  handle = async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/api/commands') return send(res, 200, emulator.globalCommands);
      if (req.method === 'GET' && url.pathname === '/api/posts') return send(res, 200, posted.slice(Number(url.searchParams.get('after')) || 0));
      if (req.method === 'POST' && url.pathname === '/api/command') {
        const { name, options: opts } = (await body(req)) as { name: string; options: EmulatedOption[] };
        const interaction = emulator.slashCommand(String(name), inThisChannel(opts ?? []), place()) as APIInteraction & { data: { resolved?: unknown } };
        interaction.data.resolved = { channels: { [place().channelId]: { id: place().channelId, type: ChannelType.GuildText, name: 'playground' } } };
        return send(res, 200, reply(await emulator.dispatch(interaction)));
      }
      if (req.method === 'POST' && url.pathname === '/api/autocomplete') {
        const { name, options: opts } = (await body(req)) as { name: string; options: EmulatedOption[] };
        return send(res, 200, reply(await emulator.dispatch(emulator.autocomplete(String(name), opts ?? [], place()))));
      }
      if (req.method === 'POST' && url.pathname === '/api/component') {
        const { messageId, customId, values } = (await body(req)) as { messageId: string; customId: string; values?: string[] };
        const message = messages.get(String(messageId));
        if (!message) return send(res, 404, { error: 'That message is gone; run the command again.' });
        const callback = await emulator.dispatch(emulator.component(message, String(customId), values, place()));
        // An update replaces the message in place; a new reply is a new message.
        const inPlace = callback.response.type === InteractionResponseType.UpdateMessage;
        return send(res, 200, reply(callback, inPlace ? message.id : undefined));
      }
      if (req.method === 'GET') {
        const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
        if (!/^[\w-]+\.(html|js|css)$/.test(file)) return send(res, 404, { error: 'not found' });
        const content = await readFile(path.join(PUBLIC, file));
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)]!, 'cache-control': 'no-store' }).end(content);
        return;
      }
      send(res, 404, { error: 'not found' });
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'playground request failed');
      if (!res.headersSent) send(res, 500, { error: 'The bot did not answer. Is it still running?' });
    }
  };
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    posting: { token: emulator.token, apiBase: emulator.apiBase },
    async stop() {
      server.closeAllConnections();
      server.close();
      await bot.stop();
      await emulator.stop();
    },
  };
}
