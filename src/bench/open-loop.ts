import { connect, type Socket } from 'node:net';

/**
 * An open-loop load generator, run as its own process: it sends requests at a fixed rate whatever
 * the server does, and counts each request's latency from the moment it was scheduled, so a slow
 * answer cannot hide the requests queued behind it (a closed loop would just send fewer). Prints
 * one JSON line: the latency percentiles in ms and the errors.
 *
 * It writes prebuilt request bytes on raw keep-alive sockets and reads only the status line and
 * Content-Length of each answer: node:http's client costs several times more per request, and on a
 * two-core machine a heavy generator would measure itself rather than the server.
 *
 * Input (JSON in argv[2]): { url, rate, seconds, body, headers }.
 */
interface Job {
  url: string;
  rate: number;
  seconds: number;
  body: string;
  headers: Record<string, string>;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const target = new URL(job.url);
const total = Math.max(1, Math.round(job.rate * job.seconds));
const body = Buffer.from(job.body);
const head = [
  `POST ${target.pathname} HTTP/1.1`,
  `Host: ${target.host}`,
  'Connection: keep-alive',
  ...Object.entries(job.headers).map(([k, v]) => `${k}: ${v}`),
  `Content-Length: ${body.length}`,
  '',
  '',
].join('\r\n');
const requestBytes = Buffer.concat([Buffer.from(head), body]);
const latencies = new Float64Array(total);
const MAX_SOCKETS = 2000;
let done = 0;
let errors = 0;
let sent = 0;
let open = 0;

interface Conn {
  socket: Socket;
  /** When the request in flight on this socket was due, or -1 when idle. */
  scheduled: number;
  index: number;
  buffer: Buffer;
}
const idle: Conn[] = [];
/** Requests that fell due while every socket was busy and no more could be opened. */
const backlog: { scheduled: number; index: number }[] = [];

function finish(conn: Conn, ok: boolean): void {
  if (!ok) errors++;
  latencies[conn.index] = performance.now() - conn.scheduled;
  conn.scheduled = -1;
  if (++done === total) return report();
  const next = backlog.shift();
  if (next) dispatch(conn, next.scheduled, next.index);
  else idle.push(conn);
}

/** Reads whole responses off the socket: status line, headers, then Content-Length bytes of body. */
function onData(conn: Conn, chunk: Buffer): void {
  conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
  for (;;) {
    const end = conn.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const header = conn.buffer.subarray(0, end).toString('latin1');
    const length = Number(/content-length:\s*(\d+)/i.exec(header)?.[1] ?? 0);
    if (conn.buffer.length < end + 4 + length) return;
    conn.buffer = conn.buffer.subarray(end + 4 + length);
    if (conn.scheduled >= 0) finish(conn, header.startsWith('HTTP/1.1 200'));
  }
}

function newConn(): Conn {
  open++;
  const socket = connect(Number(target.port), target.hostname);
  socket.setNoDelay(true);
  const conn: Conn = { socket, scheduled: -1, index: -1, buffer: Buffer.alloc(0) };
  socket.on('data', (chunk: Buffer) => onData(conn, chunk));
  socket.on('error', () => {});
  socket.on('close', () => {
    open--;
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
    if (conn.scheduled >= 0) finish(conn, false);
  });
  return conn;
}

function dispatch(conn: Conn, scheduled: number, index: number): void {
  conn.scheduled = scheduled;
  conn.index = index;
  conn.socket.write(requestBytes);
}

function send(scheduled: number, index: number): void {
  const conn = idle.pop() ?? (open < MAX_SOCKETS ? newConn() : undefined);
  if (conn) dispatch(conn, scheduled, index);
  else backlog.push({ scheduled, index });
}

function report(): void {
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  console.log(JSON.stringify({ requests: total, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), errors }));
  process.exit(0);
}

// Requests are due at start + i / rate; each tick sends every request that has fallen due.
const interval = 1000 / job.rate;
const start = performance.now() + 20;
const tick = () => {
  const now = performance.now();
  while (sent < total && start + sent * interval <= now) {
    send(start + sent * interval, sent);
    sent++;
  }
  if (sent < total) setTimeout(tick, 0);
};
// Open a few sockets ahead, as a client that has been talking to the server would have them.
for (let i = 0; i < 32; i++) idle.push(newConn());
setTimeout(tick, 20);
