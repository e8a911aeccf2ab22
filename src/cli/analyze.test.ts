import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalyzeCommand } from './analyze.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) }, out, err };
}

/** A small Pol.is export: two camps of 10 voters on 8 statements, plus one rejected comment. */
function writeExport(): string {
  const directory = mkdtempSync(join(tmpdir(), 'polis-'));
  const commentRows = ['timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body'];
  for (let comment = 0; comment < 9; comment++)
    commentRows.push(`${comment},x,${comment},0,0,0,${comment === 8 ? -1 : 1},c${comment}`);
  const voteRows = ['timestamp,datetime,comment-id,voter-id,vote'];
  let time = 0;
  for (let voter = 0; voter < 20; voter++) {
    for (let comment = 0; comment < 9; comment++) {
      const camp = voter < 10 ? 1 : -1;
      const vote = comment < 2 ? 1 : comment % 2 === 0 ? camp : -camp;
      voteRows.push(`${time++},x,${comment},${voter},${vote}`);
    }
  }
  writeFileSync(join(directory, 'comments.csv'), `${commentRows.join('\n')}\n`);
  writeFileSync(join(directory, 'votes.csv'), `${voteRows.join('\n')}\n`);
  return directory;
}

describe('common-ground analyze', () => {
  it('prints one JSON object in the contract shape', async () => {
    const directory = writeExport();
    const { io, out, err } = capture();
    expect(await runAnalyzeCommand(['--polis', directory, '--k', '2', '--seed', '3', '--json'], io)).toBe(0);
    expect(err).toEqual([]);
    const result = JSON.parse(out.join(''));
    expect(Object.keys(result)).toEqual(['k', 'participants', 'statements', 'timingsMs']);
    expect(result.k).toBe(2);
    expect(result.participants).toHaveLength(20);
    expect(result.participants[0]).toEqual({
      id: '0',
      group: expect.any(Number),
      x: expect.any(Number),
      y: expect.any(Number),
    });
    const campOf = (voter: number) => result.participants[voter].group;
    expect(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(campOf)).size).toBe(1);
    expect(campOf(0)).not.toBe(campOf(15));
    expect(result.statements).toHaveLength(9);
    expect(result.statements[2]).toEqual({
      id: '2',
      groupAwareConsensus: expect.any(Number),
      bridging: expect.any(Number),
      repness: [
        { group: expect.any(Number), agree: expect.any(Boolean), score: expect.any(Number) },
        { group: expect.any(Number), agree: expect.any(Boolean), score: expect.any(Number) },
      ],
    });
    // Statement 0, agreed by all, has higher group-aware consensus than a dividing one.
    expect(result.statements[0].groupAwareConsensus).toBeGreaterThan(result.statements[2].groupAwareConsensus);
    expect(result.timingsMs.total).toBeGreaterThanOrEqual(0);

    const again = capture();
    await runAnalyzeCommand(['--polis', directory, '--k', '2', '--seed', '3', '--json'], again.io);
    const strip = (text: string) => text.replace(/"timingsMs":\{[^}]*\}/, '');
    expect(strip(again.out.join(''))).toBe(strip(out.join('')));
  });

  it.each([
    [[], '--polis DIR is required'],
    [['--polis', '/does/not/exist', '--json'], 'comments.csv: file not found'],
    [['--polis', '.', '--k', 'two'], '--k must be an integer'],
    [['--polis', '.', '--k', '9'], '--k must be between 1 and 8'],
    [['--polis', '.', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with a message and no stdout for %j', async (argv, message) => {
    const { io, out, err } = capture();
    expect(await runAnalyzeCommand(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toContain(message);
  });

  it('names the file and line of a malformed votes.csv row', async () => {
    const directory = writeExport();
    writeFileSync(
      join(directory, 'votes.csv'),
      'timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0,1,maybe\n',
    );
    const { io, out, err } = capture();
    expect(await runAnalyzeCommand(['--polis', directory, '--json'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/votes\.csv:3: column "vote" must be an integer/);
  });
});
