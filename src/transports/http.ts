import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { InteractionResponseType, InteractionType, type APIInteraction } from 'discord.js';
import { fromApiInteraction } from '../interactions/from-api.ts';
import type { Logger } from '../log.ts';
import type { Answer } from './answer.ts';
import { responseBytes } from './json.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/** Discord signs every request; one older than this is a replay. */
const MAX_AGE_SECONDS = 5 * 60;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKey(hex: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/**
 * Checks Discord's Ed25519 signature of `timestamp + body` and the timestamp's age. The signature is
 * checked on libuv's thread pool (node:crypto's callback form): it is the costliest step of a
 * request, and there it does not hold up the event loop, so a busy endpoint uses a second core.
 */
export function verifyDiscordRequest(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer): Promise<boolean> {
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return Promise.resolve(false);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return Promise.resolve(false);
  return new Promise((resolve) => {
    verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'), (error, ok) => resolve(!error && ok));
  });
}

function send(res: ServerResponse, status: number, body: object, headers?: Record<string, string>): void {
  const bytes = responseBytes(body);
  // Object.assign, not a spread: see interactions/from-api.ts.
  res.writeHead(status, Object.assign({ 'content-type': 'application/json', 'content-length': String(bytes.length) }, headers)).end(bytes);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve('too-large');
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Discord's HTTP interactions endpoint. Stateless: every request carries what it needs, so any
 * number of copies can sit behind a load balancer.
 */
export function createInteractionServer(options: {
  publicKey: string;
  answer: Answer;
  logger: Logger;
  timeouts?: { headersMs: number; requestMs: number };
}): Server {
  const key = ed25519PublicKey(options.publicKey);
  const { answer, logger } = options;
  // Slow clients may not hold connections open: Discord sends whole requests at once.
  const timeouts = options.timeouts ?? { headersMs: 5_000, requestMs: 10_000 };

  const server = createServer(
    { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs) },
    async (req, res) => {
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const path = query < 0 ? url : url.slice(0, query);
      if (path === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
        return send(res, 200, { status: 'ok' });
      }
      if (path !== '/interactions') return send(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
        send(res, 413, { error: 'request body too large' }, { connection: 'close' });
        req.destroy();
        return;
      }
      let body: Buffer | 'too-large';
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch {
        return; // the client went away
      }
      if (body === 'too-large') return send(res, 413, { error: 'request body too large' }, { connection: 'close' });
      const signature = req.headers['x-signature-ed25519'];
      const timestamp = req.headers['x-signature-timestamp'];
      if (
        !(await verifyDiscordRequest(key, typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, body))
      ) {
        return send(res, 401, { error: 'invalid request signature' });
      }
      let interaction: APIInteraction;
      try {
        interaction = JSON.parse(body.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'body is not valid JSON' });
      }
      if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') {
        return send(res, 400, { error: 'body is not an interaction' });
      }
      if (interaction.type === InteractionType.Ping) return send(res, 200, { type: InteractionResponseType.Pong });
      const input = fromApiInteraction(interaction);
      if (!input) return send(res, 400, { error: 'unsupported interaction type' });
      try {
        send(res, 200, await answer(input));
      } catch (error) {
        logger.error({ interaction: input.id, err: { message: (error as Error).message } }, 'interaction failed');
        send(res, 500, { error: 'internal error' });
      }
    },
  );
  server.keepAliveTimeout = 5_000;
  return server;
}
