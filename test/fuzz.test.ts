import { describe, expect, it } from 'vitest';
import { fuzz, summaryLine } from '../src/fuzz/fuzz.ts';
import { dex } from './helpers.ts';

describe('fuzzed interactions (HTTP endpoint and gateway)', () => {
  it('answers every one within the deadline with a payload Discord accepts, mentions off and user text escaped', async () => {
    const report = await fuzz({ count: 400, seed: 20261123, dex, gatewayEvery: 5 });
    expect(report.failures).toEqual([]);
    expect(summaryLine(report)).toBe('400 sent, 400 answered, 0 crashes, 0 invalid payloads');
    expect(report.viaGateway).toBe(80);
  });
});
