import { generateKeyPairSync, sign, verify } from 'node:crypto';

/**
 * How fast this machine is right now: the median time of one Ed25519 check of a 1.2 KB body (what
 * every interaction costs), in µs. A shared VM's speed moves between runs (by up to 3x here), so
 * BENCHMARKS.md prints this at the start and the end of a run to make runs comparable.
 */
export function signatureCheckMicros(runs = 500): number {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const message = Buffer.alloc(1200, 'x');
  const signature = sign(null, message, privateKey);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    verify(null, message, publicKey, signature);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]! * 1000;
}
