import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, type APIInteraction, type APIInteractionResponse, type APIMessage, type APIUser } from 'discord.js';
import { WebSocketServer } from 'ws';
import { responseProblems } from '../render/limits.ts';
import { GatewayEmulator } from './gateway.ts';
import { autocompletePayload, botMessage, componentPayload, makeUser, slashCommandPayload, type EmulatedOption, type Place } from './payloads.ts';
import { shardOf, snowflake } from './snowflake.ts';

/** Interactions and callbacks remembered at most. */
const KEPT_INTERACTIONS = 5_000;

export interface EmulatorOptions {
  token?: string;
  applicationId?: string;
  guilds?: { id: string; name: string }[];
  shardCount?: number;
  port?: number;
}

/** A REST failure the emulator serves instead of the real answer, `times` times. */
export interface Fault {
  route: RegExp;
  status: 429 | 500 | 502 | 503 | 404 | 403;
  retryAfter?: number;
  global?: boolean;
  /** Discord JSON error code, e.g. 10062 Unknown interaction. */
  code?: number;
  /** Hold the request this long before answering (a slow or hanging Discord). */
  delayMs?: number;
  times: number;
}

export interface RecordedCallback {
  interaction: APIInteraction;
  response: APIInteractionResponse;
  /** Discord limit violations found in the response; empty when Discord would accept it. */
  problems: string[];
}

interface PendingInteraction {
  interaction: APIInteraction;
  answered: boolean;
  original?: APIMessage;
  waiters: ((callback: RecordedCallback) => void)[];
}

/** A message the bot posted to a channel with its token (rewatch posts), as Discord stored it. */
export interface ChannelPost {
  channelId: string;
  message: APIMessage;
  /** The body as sent, nonce included. */
  body: Record<string, unknown>;
  problems: string[];
}

export interface StartedThread {
  channelId: string;
  messageId: string;
  name: string;
}

export interface RegisteredCommand {
  id: string;
  name: string;
  guild_id?: string;
  [key: string]: unknown;
}

/**
 * The parts of Discord TrekDex talks to, on loopback: REST under /api/v10 and a gateway WebSocket.
 * It dispatches interactions shaped as Discord sends them, records what the bot answers, signs
 * HTTP-mode requests with its own Ed25519 key, and can misbehave on request.
 */
export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guilds: { id: string; name: string }[];
  readonly shardCount: number;
  readonly callbacks: RecordedCallback[] = [];
  readonly requests: { method: string; path: string; status: number }[] = [];
  readonly globalCommands: RegisteredCommand[] = [];
  readonly guildCommands = new Map<string, RegisteredCommand[]>();
  readonly faults: Fault[] = [];
  /** Messages posted with the bot token, in order; a repeated nonce (enforce_nonce) is stored once. */
  readonly channelPosts: ChannelPost[] = [];
  readonly threads: StartedThread[] = [];
  /** Channels that answer 403 Missing Permissions, or 404 Unknown Channel (deleted). */
  readonly forbiddenChannels = new Set<string>();
  readonly deletedChannels = new Set<string>();
  /** Called for every new channel post (the playground shows them as they arrive). */
  onChannelPost?: (post: ChannelPost) => void;
  readonly publicKeyHex: string;
  readonly gateway: GatewayEmulator;
  private readonly privateKey: KeyObject;
  private readonly pending = new Map<string, PendingInteraction>();
  private readonly byToken = new Map<string, PendingInteraction>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private port = 0;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.token = options.token ?? `emulated-${randomBytes(18).toString('base64url')}`;
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { ...makeUser(this.applicationId, 'TrekDex'), bot: true };
    this.guilds = options.guilds ?? [{ id: snowflake(), name: 'Emulated Starbase' }];
    this.shardCount = options.shardCount ?? 1;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    this.publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
    this.server = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.gateway = new GatewayEmulator(this);
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway.accept(ws));
    });
  }

  async start(): Promise<this> {
    this.server.listen(this.options.port ?? 0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.gateway.closeAll();
    this.wss.close();
    this.server.closeAllConnections();
    this.server.close();
  }

  /** What DISCORD_API_BASE should be for a bot talking to this emulator. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  // ---- Interactions -------------------------------------------------------------------------

  /** One text channel per guild (and one DM channel), as in a real server: ids do not grow per interaction. */
  private readonly channels = new Map<string, string>();

  place(overrides: Partial<Place> = {}): Place {
    const guildId = overrides.guildId === undefined ? this.guilds[0]!.id : overrides.guildId;
    const key = guildId ?? 'dm';
    let channelId = this.channels.get(key);
    if (!channelId) this.channels.set(key, (channelId = snowflake()));
    return { guildId, channelId, user: makeUser('900000000000000001', 'crew'), ...overrides };
  }

  slashCommand(name: string, options: EmulatedOption[] = [], place = this.place()): APIInteraction {
    const registered = [...this.globalCommands, ...(place.guildId ? (this.guildCommands.get(place.guildId) ?? []) : [])].find((c) => c.name === name);
    return slashCommandPayload(this.applicationId, place, name, options, registered?.id);
  }

  autocomplete(name: string, options: EmulatedOption[], place = this.place()): APIInteraction {
    return autocompletePayload(this.applicationId, place, name, options);
  }

  /** A click on a component of a message the bot sent (see `messageOf`). */
  component(message: APIMessage, customId: string, values?: string[], place = this.place()): APIInteraction {
    return componentPayload(this.applicationId, { ...place, channelId: message.channel_id }, message, customId, values);
  }

  /** The message a callback created, as Discord would hand it back in a later component interaction. */
  messageOf(callback: RecordedCallback): APIMessage {
    const data = 'data' in callback.response && callback.response.data && 'embeds' in callback.response.data ? callback.response.data : {};
    const channelId = (callback.interaction as { channel_id?: string }).channel_id ?? snowflake();
    return botMessage(this.applicationId, channelId, data as Parameters<typeof botMessage>[2]);
  }

  private track(interaction: APIInteraction): PendingInteraction {
    const entry: PendingInteraction = { interaction, answered: false, waiters: [] };
    this.pending.set(interaction.id, entry);
    this.byToken.set(interaction.token, entry);
    // The playground runs for hours: forget the oldest interactions (Discord's tokens expire too).
    if (this.pending.size > KEPT_INTERACTIONS) {
      const [oldest] = this.pending.values();
      this.pending.delete(oldest!.interaction.id);
      this.byToken.delete(oldest!.interaction.token);
    }
    return entry;
  }

  /** Sends INTERACTION_CREATE over the gateway (to the guild's shard) and resolves with the bot's callback. */
  dispatch(interaction: APIInteraction, timeoutMs = 10_000): Promise<RecordedCallback> {
    const entry = this.track(interaction);
    const shard = interaction.guild_id ? shardOf(interaction.guild_id, this.shardCount) : 0;
    const answered = new Promise<RecordedCallback>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no callback for interaction ${interaction.id} within ${timeoutMs} ms`)), timeoutMs);
      entry.waiters.push((callback) => {
        clearTimeout(timer);
        resolve(callback);
      });
    });
    this.gateway.dispatchEvent(shard, 'INTERACTION_CREATE', interaction);
    return answered;
  }

  /** POSTs an interaction to an HTTP interactions endpoint, signed as Discord signs it. */
  async postSigned(url: string, interaction: unknown, tweak: { timestamp?: number; body?: string; signature?: string } = {}): Promise<Response> {
    if (typeof interaction === 'object' && interaction && 'id' in interaction) this.track(interaction as APIInteraction);
    const body = tweak.body ?? JSON.stringify(interaction);
    const timestamp = String(tweak.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = tweak.signature ?? this.signature(timestamp, body);
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
      body,
    });
  }

  signature(timestamp: string, body: string): string {
    return sign(null, Buffer.from(timestamp + body), this.privateKey).toString('hex');
  }

  // ---- REST ---------------------------------------------------------------------------------

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/api(\/v\d+)?/, '');
    const respond = (status: number, body: unknown, headers?: Record<string, string>) => {
      this.requests.push({ method, path, status });
      this.json(res, status, body, headers);
    };

    const fault = this.faults.find((f) => f.times > 0 && f.route.test(`${method} ${path}`));
    if (fault) {
      fault.times--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status === 429) {
        const retryAfter = fault.retryAfter ?? 0.05;
        return respond(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(fault.global), code: fault.global ? 0 : 0 },
          {
            'retry-after': String(Math.max(1, Math.ceil(retryAfter))),
            'x-ratelimit-scope': fault.global ? 'global' : 'user',
            ...(fault.global
              ? { 'x-ratelimit-global': 'true' }
              : { 'x-ratelimit-bucket': 'emulated', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retryAfter) }),
          },
        );
      }
      if (fault.code !== undefined) return respond(fault.status, { message: 'Unknown interaction', code: fault.code });
      return respond(fault.status, { message: `${fault.status}: emulated failure`, code: 0 });
    }

    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return respond(400, { message: 'The request body contains invalid JSON.', code: 50109 });
    }

    let m: RegExpExecArray | null;
    // Interaction callbacks and webhooks are authorised by the interaction token, not the bot token.
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') return this.callback(m[1]!, m[2]!, body, respond);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) return this.original(m[2]!, method, body, respond);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path)) && method === 'POST') {
      const entry = this.byToken.get(m[2]!);
      if (!entry) return respond(404, { message: 'Unknown Webhook', code: 10015 });
      return respond(200, this.storeMessage(entry, body, false));
    }

    if (req.headers.authorization !== `Bot ${this.token}`) return respond(401, { message: '401: Unauthorized', code: 0 });
    if (path === '/gateway/bot' && method === 'GET') {
      return respond(200, {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') return this.channelPost(m[1]!, body, respond);
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      const refused = this.channelRefusal(m[1]!);
      if (refused) return respond(refused.status, refused.body);
      const name = String((body as { name?: unknown })?.name ?? '');
      if (!name || name.length > 100) return respond(400, { message: 'Invalid Form Body', code: 50035, errors: { name: 'must be 1-100 characters' } });
      this.threads.push({ channelId: m[1]!, messageId: m[2]!, name });
      return respond(201, { id: snowflake(), type: 11, parent_id: m[1], name });
    }
    if (path === '/users/@me' && method === 'GET') return respond(200, this.botUser);
    if (path === '/applications/@me' && method === 'GET') return respond(200, { id: this.applicationId, name: 'TrekDex', flags: 0, bot: this.botUser });
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (m[1] !== this.applicationId) return respond(404, { message: 'Unknown Application', code: 10002 });
      const list = m[2] ? (this.guildCommands.get(m[2]) ?? []) : this.globalCommands;
      if (method === 'GET') return respond(200, list);
      if (method === 'PUT' && Array.isArray(body)) {
        // As Discord documents: installation and interaction contexts belong to global commands only.
        const globalOnly = m[2] ? body.find((c: Record<string, unknown>) => 'integration_types' in c || 'contexts' in c) : undefined;
        if (globalOnly) return respond(400, { message: 'Invalid Form Body', code: 50035, errors: { contexts: 'only valid for global commands' } });
        const registered = body.map((command: Record<string, unknown>) => ({
          ...command,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...(m![2] ? { guild_id: m![2] } : {}),
        })) as unknown as RegisteredCommand[];
        if (m[2]) this.guildCommands.set(m[2], registered);
        else this.globalCommands.splice(0, this.globalCommands.length, ...registered);
        return respond(200, registered);
      }
    }
    return respond(404, { message: '404: Not Found', code: 0 });
  }

  private channelRefusal(channelId: string): { status: number; body: unknown } | undefined {
    if (this.deletedChannels.has(channelId)) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    if (this.forbiddenChannels.has(channelId)) return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
    return undefined;
  }

  /** POST /channels/:id/messages, with Discord's nonce rule: with enforce_nonce, a nonce seen before returns that message. */
  private channelPost(channelId: string, body: unknown, respond: (status: number, body: unknown) => void): void {
    const refused = this.channelRefusal(channelId);
    if (refused) return respond(refused.status, refused.body);
    const data = (body ?? {}) as Record<string, unknown>;
    const nonce = data.nonce;
    if (nonce !== undefined && (typeof nonce !== 'string' || nonce.length > 25)) {
      return respond(400, { message: 'Invalid Form Body', code: 50035, errors: { nonce: 'must be a string of at most 25 characters' } });
    }
    if (data.enforce_nonce && nonce !== undefined) {
      const earlier = this.channelPosts.find((p) => p.channelId === channelId && p.body.nonce === nonce);
      if (earlier) return respond(200, earlier.message);
    }
    const response = { type: InteractionResponseType.ChannelMessageWithSource, data } as APIInteractionResponse;
    const message = botMessage(this.applicationId, channelId, data as Parameters<typeof botMessage>[2]);
    const post: ChannelPost = { channelId, message, body: data, problems: responseProblems(response) };
    this.channelPosts.push(post);
    this.onChannelPost?.(post);
    respond(200, message);
  }

  private callback(id: string, token: string, body: unknown, respond: (status: number, body: unknown) => void): void {
    const entry = this.pending.get(id);
    if (!entry || entry.interaction.token !== token) return respond(404, { message: 'Unknown interaction', code: 10062 });
    if (entry.answered) return respond(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    entry.answered = true;
    const response = body as APIInteractionResponse;
    const callback: RecordedCallback = { interaction: entry.interaction, response, problems: responseProblems(response) };
    if (response.type === InteractionResponseType.ChannelMessageWithSource || response.type === InteractionResponseType.UpdateMessage) {
      this.storeMessage(entry, response.data, true);
    }
    this.callbacks.push(callback);
    if (this.callbacks.length > KEPT_INTERACTIONS) this.callbacks.shift();
    for (const waiter of entry.waiters.splice(0)) waiter(callback);
    respond(204, undefined);
  }

  private storeMessage(entry: PendingInteraction, data: unknown, original: boolean): APIMessage {
    const message = this.messageOf({ interaction: entry.interaction, response: { type: 4, data } as APIInteractionResponse, problems: [] });
    if (original) entry.original = message;
    return message;
  }

  private original(token: string, method: string, body: unknown, respond: (status: number, body: unknown) => void): void {
    const entry = this.byToken.get(token);
    if (!entry?.original) return respond(404, { message: 'Unknown Message', code: 10008 });
    if (method === 'GET') return respond(200, entry.original);
    if (method === 'DELETE') {
      entry.original = undefined;
      return respond(204, undefined);
    }
    if (method === 'PATCH') {
      entry.original = { ...entry.original, ...(body as object), edited_timestamp: new Date().toISOString() };
      return respond(200, entry.original);
    }
    respond(405, { message: '405: Method Not Allowed', code: 0 });
  }
}
