import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function preview(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/preview.ts', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run preview', () => {
  it('prints the Penance card as a person reads it', () => {
    const { code, out } = preview('/episode query:penance');
    expect(code).toBe(0);
    expect(out).toContain('S02E02 · Penance  <https://memory-alpha.fandom.com/wiki/Penance_(episode)>');
    expect(out).toContain('||Picard learns from Q');
    expect(out).toContain('Released: 10 March 2022');
    expect(out).toContain('[Season 2 index] → https://memory-alpha.fandom.com/wiki/PIC_Season_2');
    expect(out).toContain('[▶️ S02E03 · Assimilation] (episode:show:pic-s02e03)');
  });

  it('prints the exact interaction response JSON with --json', () => {
    const { code, out } = preview('--json', '/episode query:penance private:true');
    expect(code).toBe(0);
    const response = JSON.parse(out);
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(64);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    expect(response.data.embeds[0].title).toBe('S02E02 · Penance');
  });

  it('shows autocomplete choices and component clicks', () => {
    expect(preview('--autocomplete', '/episode query:pen').out).toContain('PIC S02E02 · Penance (2022)  →  pic-s02e02');
    const click = preview('--component', 'episode:show:pic-s02e03');
    expect(click.out).toMatch(/^\[updates the message in place\]/);
    expect(click.out).toContain('S02E03 · Assimilation');
    expect(preview('--component', 'episode:pick:0', '--values', 'tng-s02e20').out).toContain('S02E20 · The Emissary');
  });

  it('exits non-zero with a clear message on bad input', () => {
    expect(preview('/warp factor:9')).toMatchObject({ code: 2, err: expect.stringContaining('There is no /warp command. Commands: /episode, /film, /series') });
    expect(preview('/season series:tng number:two')).toMatchObject({ code: 2, err: 'number: "two" is not a whole number.\n' });
    expect(preview('/episode')).toMatchObject({ code: 2, err: '/episode needs query:\n' });
    expect(preview()).toMatchObject({ code: 2, err: expect.stringContaining('Give exactly one command line') });
    expect(preview('--bogus')).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--bogus'") });
  });
});
