/** A read or a short write gives up after this long: a reply must not wait on a sick backend. */
export const STORE_TIMEOUT_MS = 750;
/**
 * A settings write may take longer (a burst of writes queues on SQLite's single writer), but still
 * answers inside Discord's three seconds for an interaction reply.
 */
export const WRITE_TIMEOUT_MS = 2_000;

/** The store could not be reached or refused the operation: nothing was changed. */
export class StoreUnavailable extends Error {}

/** A write was sent but not acknowledged in time: it may or may not have been stored. */
export class WriteUnconfirmed extends StoreUnavailable {}

/**
 * Rejects with StoreUnavailable when `promise` fails, and with `timedOut` (StoreUnavailable by
 * default) when it takes longer than `ms`. One promise and one timer per call (no Promise.race):
 * this runs for every interaction.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  what: string,
  options: { ms?: number; timedOut?: new (message: string) => StoreUnavailable } = {},
): Promise<T> {
  const ms = options.ms ?? STORE_TIMEOUT_MS;
  const TimedOut = options.timedOut ?? StoreUnavailable;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimedOut(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof StoreUnavailable ? error : new StoreUnavailable(`${what} failed: ${(error as Error)?.message ?? String(error)}`));
      },
    );
  });
}
