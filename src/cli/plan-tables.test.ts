import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { parseTableSize, runPlanTablesCommand } from './plan-tables.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) }, out, err };
}

function writeCsv(text: string, name = 'registrants.csv'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plan-tables-')), name);
  writeFileSync(path, text);
  return path;
}

/** 24 registrants over four traditions, three groups and two regions; r1 and r2 together, r1 apart from r5. */
function roomCsv(): string {
  const rows = ['id,tradition,group,region,together,apart'];
  for (let index = 1; index <= 24; index++) {
    const together = index === 1 ? 'r2' : '';
    const apart = index === 1 ? 'r5; r9' : '';
    rows.push(`r${index},tradition-${index % 4},group-${index % 3},region-${index % 2},${together},${apart}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('common-ground plan-tables', () => {
  it('prints the contract JSON: every registrant once, requests honoured, identical for a seed', async () => {
    const file = writeCsv(roomCsv());
    const { io, out, err } = capture();
    expect(await runPlanTablesCommand(['--registrants', file, '--table-size', '6', '--seed', '4', '--json'], io)).toBe(
      0,
    );
    expect(err).toEqual([]);
    const result = JSON.parse(out.join(''));
    expect(Object.keys(result)).toEqual(['tables', 'score']);
    expect(result.tables).toHaveLength(4);
    expect(result.tables[0]).toEqual({ table: 1, ids: expect.any(Array) });
    const seated: string[] = result.tables.flatMap((table: { ids: string[] }) => table.ids);
    expect(seated.sort()).toEqual(Array.from({ length: 24 }, (_, index) => `r${index + 1}`).sort());
    const tableOf = (id: string) => result.tables.findIndex((table: { ids: string[] }) => table.ids.includes(id));
    expect(tableOf('r1')).toBe(tableOf('r2'));
    expect(tableOf('r1')).not.toBe(tableOf('r5'));
    expect(tableOf('r1')).not.toBe(tableOf('r9'));
    expect(result.score.attributes.map((attribute: { name: string }) => attribute.name)).toEqual([
      'tradition',
      'group',
      'region',
    ]);
    expect(result.score.attributes[0].minDistinct).toBe(4);
    expect(result.score.tables).toHaveLength(4);
    expect(result.score.problems).toEqual([]);

    const again = capture();
    await runPlanTablesCommand(['--registrants', file, '--table-size', '6', '--seed', '4', '--json'], again.io);
    expect(again.out.join('')).toBe(out.join(''));
  });

  it('accepts a range and an attribute priority list, and prints a readable plan without --json', async () => {
    const file = writeCsv(roomCsv());
    const { io, out } = capture();
    expect(
      await runPlanTablesCommand(
        ['--registrants', file, '--table-size', '5-7', '--attributes', 'region,tradition'],
        io,
      ),
    ).toBe(0);
    const text = out.join('');
    expect(text).toContain('4 table(s) for 24 registrant(s), 5–7 per table (seed 0).');
    expect(text).toMatch(/^ {2}region: at least 2 of 2 at every table/m);
    expect(text).toMatch(/^ {2}tradition: at least \d of 4 at every table/m);
    expect(text).not.toContain('group:');
    expect(text).toMatch(/^Table 1 \(6; mixing \d\.\d\d; 2 region, \d tradition\): r\d+/m);
  });

  it.each([
    ['id,tradition\na,x\nb,y\nc,x,extra\n', 'line 4: malformed CSV: Invalid Record Length: expect 2, got 3'],
    ['id,tradition\na,x\nb,y\na,z\n', 'line 4: duplicate id "a" (first on line 2)'],
    ['id,tradition,apart\na,x,\nb,y,\n\nc,x,b;x\n', 'line 5: unknown id "x" in apart'],
    ['id,tradition,together\na,x,b\nb,y,zz\n', 'line 3: unknown id "zz" in together'],
    ['id,tradition,apart\na,x,a\n', 'line 2: "a" cannot sit apart from themself'],
    ['id,tradition\na,x\n,y\n', 'line 3: empty id'],
    ['name,tradition\na,x\n', 'line 1: missing column "id"'],
    ['id,tradition,Tradition,tradition\na,x,y,z\n', 'line 1: duplicate column "tradition"'],
    ['', 'the file is empty'],
  ])('exits 2 naming the bad line for %j', async (csv, message) => {
    const file = writeCsv(csv);
    const { io, out, err } = capture();
    expect(await runPlanTablesCommand(['--registrants', file, '--table-size', '4', '--json'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toContain(`plan-tables: ${file}${message.startsWith('line') ? ' ' : ': '}${message}`);
  });

  it('exits 1 naming the line when the requests cannot be met', async () => {
    const tooBig = writeCsv('id,tradition,together\na,x,b\nb,y,c\nc,x,\n');
    const big = capture();
    expect(await runPlanTablesCommand(['--registrants', tooBig, '--table-size', '2'], big.io)).toBe(1);
    expect(big.err.join('')).toContain(
      `${tooBig} line 2: "a", "b", "c" asked to sit together: 3 people cannot share a table of at most 2`,
    );
    const conflict = writeCsv('id,tradition,together,apart\na,x,b,\nb,y,,c\nc,x,a,\n');
    const apart = capture();
    expect(await runPlanTablesCommand(['--registrants', conflict, '--table-size', '4'], apart.io)).toBe(1);
    expect(apart.err.join('')).toContain(`${conflict} line 3: "b" and "c" must sit apart`);
    expect(apart.out).toEqual([]);
  });

  it.each([
    [['--table-size', '4'], '--registrants FILE.csv is required'],
    [['--registrants', 'x.csv'], '--table-size N (or MIN-MAX) is required'],
    [['--registrants', 'x.csv', '--table-size', '0'], '--table-size takes a whole number of at least 1'],
    [['--registrants', 'x.csv', '--table-size', '8-6'], 'got "8-6"'],
    [['--registrants', 'x.csv', '--table-size', 'eight'], 'got "eight"'],
    [['--registrants', 'x.csv', '--table-size', '4', '--seed', '1.5'], '--seed must be a whole number'],
    [['--registrants', 'x.csv', '--table-size', '4', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const { io, out, err } = capture();
    expect(await runPlanTablesCommand(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toContain(message);
    expect(err.join('')).toContain('usage: common-ground plan-tables');
  });

  it('names a missing file and an unknown --attributes column', async () => {
    const missing = capture();
    expect(
      await runPlanTablesCommand(['--registrants', '/no/such/registrants.csv', '--table-size', '4'], missing.io),
    ).toBe(2);
    expect(missing.err.join('')).toContain('/no/such/registrants.csv: file not found');
    const file = writeCsv(roomCsv());
    const unknown = capture();
    expect(
      await runPlanTablesCommand(['--registrants', file, '--table-size', '4', '--attributes', 'regoin'], unknown.io),
    ).toBe(2);
    expect(unknown.err.join('')).toContain(
      '--attributes names "regoin", which is not an attribute column (tradition, group, region)',
    );
  });

  it('parses table sizes', () => {
    expect(parseTableSize('8')).toBe(8);
    expect(parseTableSize(' 6 - 8 ')).toEqual({ min: 6, max: 8 });
    expect(parseTableSize('6–8')).toEqual({ min: 6, max: 8 });
    expect(() => parseTableSize('0-4')).toThrow('got "0-4"');
  });

  it('is dispatched by the main command and runs as `npx common-ground plan-tables`', async () => {
    const file = writeCsv(roomCsv());
    const viaMain = capture();
    expect(await runCli(['plan-tables', '--registrants', file, '--table-size', '8', '--json'], viaMain.io)).toBe(0);
    expect(JSON.parse(viaMain.out.join('')).tables).toHaveLength(3);

    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'common-ground.js');
    const stdout = execFileSync(
      process.execPath,
      [bin, 'plan-tables', '--registrants', file, '--table-size', '8', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(stdout).toBe(viaMain.out.join(''));
    const bad = writeCsv('id,tradition\na,x\na,y\n');
    const failed = spawnSync(
      process.execPath,
      [bin, 'plan-tables', '--registrants', bad, '--table-size', '8', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(failed.status).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain(`${bad} line 3: duplicate id "a" (first on line 2)`);
  });
});
