import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load.ts';

/**
 * Kills `npm run import` (SIGKILL, as a power cut or the OOM killer would) at every step of its
 * commit and loads the pack after each: it must be the old pack or the new one, never a mix.
 */
const B5_PAGE = [
  'Babylon 5 (1994): S01E01 – Midnight on the Firing Line',
  '',
  'An old enemy strikes at a colony and the station has to choose a side.',
  '',
  'Production & Filming Details',
  '',
  '  • Release Date: 26 January 1994.',
  '  • Running Time: 44 minutes.',
  '',
  'Leave a Reply',
].join('\n');

function freshPack(): { data: string; pack: string; pages: string[] } {
  const root = mkdtempSync(path.join(tmpdir(), 'trekdex-kill-'));
  const data = path.join(root, 'data');
  const pack = path.join(data, 'star-trek');
  cpSync('data/star-trek', pack, { recursive: true });
  // Penance without its seed details, so importing the seed page changes picard.json.
  const picard = JSON.parse(readFileSync(path.join(pack, 'picard.json'), 'utf8'));
  for (const key of ['synopsis', 'runtimeMinutes', 'country', 'language']) delete picard.seasons[1].episodes[1][key];
  writeFileSync(path.join(pack, 'picard.json'), `${JSON.stringify(picard, null, 2)}\n`);
  const b5 = path.join(root, 'b5.txt');
  writeFileSync(b5, B5_PAGE);
  return { data, pack, pages: ['test/fixtures/penance.txt', b5] };
}

function runImport(pack: string, pages: string[], crashAt?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...pages, '--pack', pack], {
    encoding: 'utf8',
    env: { ...process.env, TREKDEX_IMPORT_CRASH_AT: crashAt ?? '' },
  });
}

type State = 'old' | 'new' | 'mixed';
function stateOf(data: string): State {
  const catalog = loadCatalog(data);
  const penance = catalog.episode('pic-s02e02')?.synopsis !== undefined;
  const b5 = catalog.series.some((s) => s.title === 'Babylon 5' && s.episodes.length === 1);
  return penance && b5 ? 'new' : !penance && !b5 ? 'old' : 'mixed';
}

describe('an import killed at any step of its commit', () => {
  it('leaves the old pack or the new one, and the next run finishes or cleans up', () => {
    const probe = freshPack();
    const full = runImport(probe.pack, probe.pages);
    expect(full.status, full.stderr).toBe(0);
    expect(stateOf(probe.data)).toBe('new');
    const files = [...full.stdout.matchAll(/star-trek\/([\w.-]+\.json)/g)].map((m) => m[1]!);
    const written = [...new Set(files)].sort();
    expect(written).toEqual(expect.arrayContaining(['pack.json', 'picard.json']));
    expect(written.length).toBe(3);

    const steps = ['staged', ...written.map((f) => `new:${f}`), 'marked', ...written.map((f) => `renamed:${f}`), 'done'];
    const seen: Record<string, State> = {};
    for (const step of steps) {
      const { data, pack, pages } = freshPack();
      const killed = runImport(pack, pages, step);
      expect(killed.signal, step).toBe('SIGKILL');
      seen[step] = stateOf(data);
      const again = runImport(pack, pages);
      expect(again.status, `${step}: ${again.stderr}`).toBe(0);
      expect(stateOf(data), step).toBe('new');
      expect(
        readdirSync(pack).filter((f) => f.endsWith('.new') || f.startsWith('.import-commit')),
        step,
      ).toEqual([]);
      expect(readdirSync(data), step).toEqual(['star-trek']);
    }
    // Before the marker is in place the pack is the old one; from then on it is the new one.
    const expected = Object.fromEntries(steps.map((s) => [s, s === 'staged' || s.startsWith('new:') ? 'old' : 'new']));
    expect(seen).toEqual(expected);
  });
});
