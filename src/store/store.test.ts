import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStoreFactories } from '../test-support/stores.js';
import { runEventsContract } from './events-contract.js';
import { parseDatabaseUrl } from './open.js';
import { openSqliteDatabase, openSqliteStore } from './sqlite.js';
import { runStoreContract } from './store-contract.js';
import { runTeamAuditContract } from './team-audit-contract.js';
import { runVotesContract } from './votes-contract.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.kind}${factory.skipReason ? ` (skipped: ${factory.skipReason})` : ''}`,
    () => {
      runStoreContract(factory.kind, () => factory.create({ migrate: false }));
      runTeamAuditContract(factory.kind, () => factory.create());
      runEventsContract(factory.kind, () => factory.create());
      runVotesContract(factory.kind, () => factory.create());
    },
  );
}

describe('SQLite durability', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cg-durability-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('uses WAL with fsync on every commit, and enforces foreign keys', () => {
    const database = openSqliteDatabase({ path: join(folder, 'pragmas.db') });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(database.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      database.close();
    }
  });

  it('keeps a vote written by a store that was closed, when the file is reopened', async () => {
    const path = join(folder, 'reopen.db');
    const writer = await openSqliteStore({ path });
    await writer.migrate();
    const account = await writer.createAccount({
      email: 'a@example.org',
      displayName: 'A',
      passwordHash: 'x',
      isInstanceOwner: false,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    const review = await writer.createReview({
      slug: 'reopen',
      title: 'Reopen',
      introduction: '',
      status: 'open',
      visibility: 'public',
      moderationMode: 'permissive',
      participantsCanAddStatements: true,
      createdByAccountId: account.id,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
    const participant = await writer.createParticipant({
      reviewId: review.id,
      tokenHash: 't',
      seed: 1,
      createdAt: 'x',
    });
    const statement = await writer.createStatement({
      reviewId: review.id,
      text: 'S',
      textKey: 's',
      origin: 'seed',
      moderation: 'accepted',
      isMeta: false,
      authorParticipantId: null,
      authorAccountId: account.id,
      createdAt: 'x',
    });
    await writer.recordVote({
      reviewId: review.id,
      participantId: participant.id,
      statementId: statement.id,
      value: 1,
      votedAt: 'y',
    });
    await writer.close();

    const reader = await openSqliteStore({ path });
    try {
      expect(await reader.migrate()).toEqual([]);
      expect(await reader.listCurrentVotes(review.id)).toEqual([
        { participantId: participant.id, statementId: statement.id, value: 1, votedAt: 'y' },
      ]);
    } finally {
      await reader.close();
    }
  });

  it('keeps an acknowledged vote when the writing process is killed without closing', async () => {
    const path = join(folder, 'crash.db');
    const fixture = fileURLToPath(new URL('./crash-durability.fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, exitSignal) => resolve(exitSignal)),
    );
    expect(errors).not.toMatch(/Error/);
    expect(signal).toBe('SIGKILL');
    const match = /acknowledged (\d+) (\d+) (\d+)/.exec(output);
    expect(match).not.toBeNull();
    const [reviewId, participantId, statementId] = match!.slice(1).map(Number) as [number, number, number];

    const reopened = await openSqliteStore({ path });
    try {
      expect(await reopened.listCurrentVotes(reviewId)).toEqual([
        { participantId, statementId, value: -1, votedAt: '2026-03-01T10:00:00.000Z' },
      ]);
      expect(await reopened.countVoteEvents(reviewId)).toBe(1);
    } finally {
      await reopened.close();
    }
  });
});

describe('parseDatabaseUrl', () => {
  it('routes postgres URLs to PostgreSQL and lifts the schema parameter out', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://u@h:5432/db',
      schema: undefined,
    });
    expect(parseDatabaseUrl('postgresql://u@h/db?schema=cg&sslmode=disable')).toEqual({
      kind: 'postgres',
      connectionString: 'postgresql://u@h/db?sslmode=disable',
      schema: 'cg',
    });
  });

  it('treats everything else as a SQLite file path', () => {
    expect(parseDatabaseUrl('./data/common-ground.db')).toEqual({ kind: 'sqlite', path: './data/common-ground.db' });
    expect(parseDatabaseUrl('sqlite:data/x.db')).toEqual({ kind: 'sqlite', path: 'data/x.db' });
    expect(parseDatabaseUrl('sqlite://data/x.db')).toEqual({ kind: 'sqlite', path: 'data/x.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/x.db')).toEqual({ kind: 'sqlite', path: '/var/lib/x.db' });
    expect(parseDatabaseUrl('file:///var/lib/x.db')).toEqual({ kind: 'sqlite', path: '/var/lib/x.db' });
    expect(parseDatabaseUrl('file:rel/x.db')).toEqual({ kind: 'sqlite', path: 'rel/x.db' });
    expect(parseDatabaseUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/names no SQLite file/);
  });
});
