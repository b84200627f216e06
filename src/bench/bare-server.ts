import { createServer } from 'node:http';
import { ed25519PublicKey, verifyDiscordRequest } from '../transports/http.ts';

/**
 * The benchmark's yardstick: the least an interactions endpoint can do (verify the signature, answer
 * a constant PONG). TrekDex's endpoint is measured against it in the same run.
 */
const key = ed25519PublicKey(process.env.DISCORD_PUBLIC_KEY ?? '');
// BARE_REPLY: another constant to answer (the benchmark passes TrekDex's own reply, to tell the
// cost of sending its bytes from the cost of working them out).
const body = process.env.BARE_REPLY ?? JSON.stringify({ type: 1 });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    // The same check as TrekDex's endpoint, thread pool included: the difference measured is all the rest.
    const ok = await verifyDiscordRequest(
      key,
      req.headers['x-signature-ed25519'] as string,
      req.headers['x-signature-timestamp'] as string,
      Buffer.concat(chunks),
    );
    if (!ok) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
