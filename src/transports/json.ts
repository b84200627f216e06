const serialised = new WeakMap<object, Buffer>();

/**
 * A response body as JSON bytes. A frozen response is shared between replies (a reused card), so
 * its bytes are kept beside it and it is serialised only the first time.
 */
export function responseBytes(response: object): Buffer {
  if (!Object.isFrozen(response)) return Buffer.from(JSON.stringify(response));
  let bytes = serialised.get(response);
  if (!bytes) serialised.set(response, (bytes = Buffer.from(JSON.stringify(response))));
  return bytes;
}
