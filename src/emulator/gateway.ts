import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { GatewayOpcodes } from 'discord.js';
import type { WebSocket } from 'ws';
import type { DiscordEmulator } from './emulator.ts';
import { shardOf } from './snowflake.ts';

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  /** Sent dispatches, replayed on RESUME. */
  sent: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

const HEARTBEAT_INTERVAL = 41_250;

/**
 * Discord's gateway protocol, as much of it as a bot with the Guilds intent meets. Emits
 * 'identified' and 'resumed' (with the shard id) so tests can wait for a session instead of sleeping.
 */
export class GatewayEmulator extends EventEmitter {
  readonly sessions = new Map<string, Session>();
  /** Every op code the bots sent, for tests about heartbeats and resumes. */
  readonly received: { op: number; shard?: number }[] = [];
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly emulator: DiscordEmulator) {
    super();
  }

  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.terminate());
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL }, s: null, t: null }));
    socket.on('message', (raw) => {
      let packet: { op: number; d: any };
      try {
        packet = JSON.parse(String(raw));
      } catch {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      this.received.push({ op: packet.op });
      switch (packet.op) {
        case GatewayOpcodes.Heartbeat:
          socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
          break;
        case GatewayOpcodes.Identify:
          this.identify(socket, packet.d);
          break;
        case GatewayOpcodes.Resume:
          this.resume(socket, packet.d);
          break;
        default:
          break;
      }
    });
  }

  private identify(socket: WebSocket, d: { token?: string; shard?: [number, number]; intents?: number }): void {
    if (d?.token !== this.emulator.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? d.shard : [0, 1];
    if (shard[1] !== this.emulator.shardCount || shard[0] >= shard[1]) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    for (const old of this.sessions.values()) if (old.shard[0] === shard[0]) this.sessions.delete(old.id);
    const session: Session = { id: randomBytes(16).toString('hex'), shard, seq: 0, sent: [], socket };
    this.sessions.set(session.id, session);
    const guilds = this.emulator.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.send(session, 'READY', {
      v: 10,
      user: this.emulator.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.emulator.gatewayUrl,
      shard,
      application: { id: this.emulator.applicationId, flags: 0 },
      private_channels: [],
    });
    for (const guild of guilds) this.send(session, 'GUILD_CREATE', guildCreate(guild));
    this.emit('identified', shard[0]);
  }

  private resume(socket: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = d?.session_id ? this.sessions.get(d.session_id) : undefined;
    if (d?.token !== this.emulator.token || !session) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return;
    }
    session.socket = socket;
    for (const packet of session.sent) if (packet.s > (d.seq ?? 0)) socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...packet }));
    this.send(session, 'RESUMED', {});
    this.emit('resumed', session.shard[0]);
  }

  private send(session: Session, t: string, d: unknown): void {
    const packet = { s: ++session.seq, t, d };
    session.sent.push(packet);
    if (session.sent.length > 500) session.sent.shift();
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...packet }));
  }

  /** Queues a dispatch for a shard; if its socket is down it is delivered on RESUME. */
  dispatchEvent(shard: number, t: string, d: unknown): void {
    const session = [...this.sessions.values()].find((s) => s.shard[0] === shard);
    if (!session) throw new Error(`no bot is connected on shard ${shard}`);
    this.send(session, t, d);
  }

  /** Is a bot identified (or resumed) and connected on this shard right now? */
  connected(shard = 0): boolean {
    return [...this.sessions.values()].some((s) => s.shard[0] === shard && s.socket?.readyState === 1);
  }

  /** Fault injection: cut the connection without a close frame (network loss). */
  drop(shard = 0): void {
    for (const session of this.sessions.values()) if (session.shard[0] === shard) session.socket?.terminate();
  }

  /** Fault injection: send a raw op to the shard (7 reconnect, 9 invalid session) or close with a code. */
  sendOp(shard: number, op: number, d: unknown = null): void {
    for (const session of this.sessions.values()) if (session.shard[0] === shard) session.socket?.send(JSON.stringify({ op, d, s: null, t: null }));
  }

  close(shard: number, code: number, reason = ''): void {
    for (const session of this.sessions.values()) if (session.shard[0] === shard) session.socket?.close(code, reason);
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }
}

function guildCreate(guild: { id: string; name: string }) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '900000000000000009',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: guild.id, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}
