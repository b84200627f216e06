export interface Summary {
  n: number;
  median: number;
  p99: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, median: at(0.5), p99: at(0.99), mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1) };
}

/**
 * Times `fn` once per input, in milliseconds, after a warm-up: `warmup` inputs of the same kind (a
 * running bot has answered many before), or that many of `inputs` themselves.
 */
export function timeEach<T>(inputs: T[], fn: (input: T) => unknown, warmup: number | T[] = Math.min(200, inputs.length)): Summary {
  // A clean heap to start from: garbage left by the build or an earlier series is not billed to
  // this one (its own garbage still is). Before the warm-up, because a full GC may drop compiled code.
  (globalThis as { gc?: () => void }).gc?.();
  if (Array.isArray(warmup)) for (const input of warmup) fn(input);
  else for (let i = 0; i < warmup; i++) fn(inputs[i % inputs.length]!);
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    fn(input);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3));
