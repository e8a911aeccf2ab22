import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommonGround } from '../test-support/cli.js';
import { runCli } from './main.js';

function capture() {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    io: { stdout: (text: string) => (output.stdout += text), stderr: (text: string) => (output.stderr += text) },
  };
}

describe('common-ground export --polis', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cg-export-cli-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('says when no review has the slug, writing nothing (real command, SQLite file)', async () => {
    const out = join(folder, 'out');
    const result = await runCommonGround(['export', '--polis', 'no-such-review', out], {
      DATABASE_URL: join(folder, 'common-ground.sqlite'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no review has the slug "no-such-review"');
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it.each([
    [['export', 'out'], '--polis SLUG is required'],
    [['export', '--polis', 'a-review'], 'give one output folder'],
    [['export', '--polis', 'a-review', 'one', 'two'], 'give one output folder'],
    [['import'], '--polis DIR is required'],
    [['import', '--polis', 'dir', 'extra'], 'Unexpected argument'],
  ])('exits 2 with the usage for %j, before touching any database', async (argv, message) => {
    const { io, output } = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(output.stderr).toContain(message);
    expect(output.stderr).toMatch(/usage: common-ground (export|import) --polis/);
    expect(output.stdout).toBe('');
  });

  it('is listed in the help', async () => {
    const { io, output } = capture();
    expect(await runCli(['help'], io)).toBe(0);
    expect(output.stdout).toContain('import --polis DIR [--owner EMAIL]');
    expect(output.stdout).toContain('export --polis SLUG OUT_DIR');
  });
});
