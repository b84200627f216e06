import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Known secret-bearing fields are redacted as a second line of defence;
 * the first is that no code path passes the token to the logger.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream | pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'trekdex' },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'DISCORD_TOKEN', '*.DISCORD_TOKEN'], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}

/**
 * The bot's own logger: lines are written by pino's asynchronous destination, off the path of the
 * interaction that logged them (at "info" a line per interaction was adding to the tail latency).
 * `flush` writes whatever is still buffered; the process calls it before it exits.
 */
export function createAsyncLogger(level: string): { logger: Logger; flush: () => void } {
  // Lines are gathered into writes of 32 KiB rather than one system call each (measured: a line
  // per interaction cost 30 µs at the HTTP endpoint, a sixth of all its work; 4 KiB writes still
  // showed, each a trip through the thread pool the signature checks use), and written at the
  // latest a tenth of a second later, so a line someone waits for still shows up at once.
  // Buffer mode: in its string mode sonic-boom measures the pending chunk on every write, which
  // flattens it, so each line left as much garbage as there were bytes waiting (2-11 KB a line,
  // over half of what an interaction allocated). As bytes (from Buffer's pool) it only adds lengths.
  const boom = pino.destination({ dest: 1, sync: false, minLength: 32 * 1024, maxWrite: 64 * 1024, contentMode: 'buffer' });
  // (sonic-boom's types only know its string mode.)
  const destination = { write: (line: string) => boom.write(Buffer.from(line) as unknown as string) };
  setInterval(() => boom.flush(), 100).unref();
  return {
    logger: createLogger(level, destination),
    flush: () => {
      try {
        boom.flushSync();
      } catch {
        // Nothing buffered, or stdout already closed.
      }
    },
  };
}

/** Error details without request bodies or headers, which could carry the token. */
export function describeError(error: unknown): { name: string; message: string; code?: unknown; status?: unknown } {
  if (error instanceof Error) {
    const extra = error as Error & { code?: unknown; status?: unknown };
    return { name: error.name, message: error.message, code: extra.code, status: extra.status };
  }
  return { name: 'Error', message: String(error) };
}
