import { parseArgs } from 'node:util';
import { loadDex } from '../dex.ts';
import { fuzz, summaryLine } from './fuzz.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    data: { type: 'string', default: process.env.DATA_DIR || 'data' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  console.error('Usage: npm run fuzz -- --count 10000 --seed 1');
  process.exit(2);
}
const dex = loadDex(values.data);
const report = await fuzz({
  count,
  seed,
  dex: () => dex,
  onProgress: (done) => {
    if (done % 1000 === 0) process.stderr.write(`${done}/${count}\n`);
  },
});
for (const failure of report.failures.slice(0, 20)) console.log(`  ${failure.what}: ${failure.problem}`);
console.log(summaryLine(report));
process.exit(report.crashes || report.invalid || report.late || report.answered !== report.sent ? 1 : 0);
