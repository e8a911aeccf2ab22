import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { runCommonGround } from '../test-support/cli.js';

/** A small Pol.is export: two camps of 10 voters on 8 comments, one comment rejected, one vote changed. */
function writeConversation(directory: string): { votes: string } {
  const commentRows = ['timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body'];
  for (let comment = 0; comment < 9; comment++)
    commentRows.push(`${1_600_000_000_000 + comment},x,${comment},0,0,0,${comment === 8 ? -1 : 1},Comment ${comment}`);
  const voteRows = ['timestamp,datetime,comment-id,voter-id,vote'];
  let time = 1_600_000_100_000;
  for (let voter = 0; voter < 20; voter++) {
    for (let comment = 0; comment < 9; comment++) {
      const camp = voter < 10 ? 1 : -1;
      const vote = comment < 2 ? 1 : comment % 2 === 0 ? camp : -camp;
      voteRows.push(`${time++},x,${comment},${voter},${vote}`);
    }
  }
  voteRows.push(`${time++},x,0,0,0`);
  const votes = `${voteRows.join('\n')}\n`;
  writeFileSync(join(directory, 'comments.csv'), `${commentRows.join('\n')}\n`);
  writeFileSync(join(directory, 'votes.csv'), votes);
  writeFileSync(join(directory, 'summary.csv'), 'topic,Two camps\nconversation-description,A test.\n');
  return { votes };
}

describe('common-ground import --polis and export --polis (real commands, SQLite file)', () => {
  let folder: string;
  let conversation: string;
  let environment: { DATABASE_URL: string; PUBLIC_URL: string };
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cg-import-cli-'));
    environment = { DATABASE_URL: join(folder, 'common-ground.sqlite'), PUBLIC_URL: 'https://review.example.org' };
    conversation = join(folder, 'two-camps');
    mkdirSync(conversation);
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await openSqliteStore({ path: environment.DATABASE_URL });
    try {
      await store.migrate();
      return await work(store);
    } finally {
      await store.close();
    }
  }

  const anOwner = () =>
    withStore((store) =>
      store.createAccount({
        email: 'owner@example.org',
        displayName: 'Owner',
        passwordHash: '!',
        isInstanceOwner: true,
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    );

  it('refuses, changing nothing, while no account could own the review', async () => {
    writeConversation(conversation);
    const result = await runCommonGround(['import', '--polis', conversation], environment);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no owner account yet.*nothing was imported/);
    expect(result.stdout).not.toMatch(/two-camps/);
    expect(await withStore((store) => store.findReviewBySlug('two-camps'))).toBeUndefined();
  }, 60_000);

  it('imports, prints the slug last, and exports the same votes with opinion groups', async () => {
    const { votes } = writeConversation(conversation);
    await anOwner();
    const imported = await runCommonGround(['import', '--polis', conversation], environment);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const lines = imported.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toBe('two-camps');
    expect(imported.stdout).toMatch(/181 vote events/);

    const again = await runCommonGround(['import', '--polis', conversation], environment);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('two-camps-2');

    const out = join(folder, 'out');
    const exported = await runCommonGround(['export', '--polis', 'two-camps', out], environment);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Wrote 9 comments, 181 vote events from 20 voters in 2 groups/);
    // Voters were numbered by first vote, which here is the Pol.is order: the log comes back as it was.
    const eventsOf = (text: string) =>
      (parse(text, { columns: true }) as Record<string, string>[])
        .map((row) => [row.timestamp, row['comment-id'], row['voter-id'], row.vote].join(' '))
        .sort();
    expect(eventsOf(readFileSync(join(out, 'votes.csv'), 'utf8'))).toEqual(eventsOf(votes));
    const participants = parse(readFileSync(join(out, 'participants-votes.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const groups = participants.map((row) => row['group-id']);
    expect(new Set(groups.slice(0, 10)).size).toBe(1);
    expect(new Set(groups.slice(10)).size).toBe(1);
    expect(groups[0]).not.toBe(groups[10]);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toContain('url,https://review.example.org/r/two-camps\n');
    expect(readFileSync(join(out, 'comments.csv'), 'utf8')).toContain(',-1,false,false,,Comment 8\n');
  }, 120_000);

  it('names the file and line of a bad row and imports nothing; refuses an unknown --owner', async () => {
    await anOwner();
    writeConversation(conversation);
    const broken = join(folder, 'broken');
    mkdirSync(broken);
    writeConversation(broken);
    writeFileSync(join(broken, 'votes.csv'), 'timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0,1,maybe\n');
    const bad = await runCommonGround(['import', '--polis', broken], environment);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/votes\.csv:3: column "vote" must be an integer, got "maybe" \(nothing was imported\)/);

    const unknownOwner = await runCommonGround(
      ['import', '--polis', conversation, '--owner', 'nobody@example.org'],
      environment,
    );
    expect(unknownOwner.code).toBe(1);
    expect(unknownOwner.stderr).toMatch(/no account has the email nobody@example\.org/);
    // Both folders are titled "Two camps": neither attempt created the review.
    expect(await withStore((store) => store.findReviewBySlug('two-camps'))).toBeUndefined();
  }, 60_000);
});
