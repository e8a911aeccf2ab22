/**
 * Child process for the SQLite crash-durability test (store.test.ts): records one vote through the
 * store, reports it acknowledged, then kills itself with SIGKILL — no close, no flush, no exit hooks.
 * Usage: `node --import tsx crash-durability.fixture.ts <database file>`.
 */
import { openSqliteStore } from './sqlite.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: crash-durability.fixture.ts <database file>');
const store = await openSqliteStore({ path });
await store.migrate();
const createdAt = '2026-03-01T10:00:00.000Z';
const account = await store.createAccount({
  email: 'crash@example.org',
  displayName: 'Crash',
  passwordHash: 'x',
  isInstanceOwner: false,
  createdAt,
});
const review = await store.createReview({
  slug: 'crash-review',
  title: 'Crash',
  introduction: '',
  status: 'open',
  visibility: 'public',
  moderationMode: 'permissive',
  participantsCanAddStatements: true,
  createdByAccountId: account.id,
  createdAt,
  updatedAt: createdAt,
});
const participant = await store.createParticipant({ reviewId: review.id, tokenHash: 'crash', seed: 7, createdAt });
const statement = await store.createStatement({
  reviewId: review.id,
  text: 'Survives a crash',
  textKey: 'survives a crash',
  origin: 'seed',
  moderation: 'accepted',
  isMeta: false,
  authorParticipantId: null,
  authorAccountId: account.id,
  createdAt,
});
await store.recordVote({
  reviewId: review.id,
  participantId: participant.id,
  statementId: statement.id,
  value: -1,
  votedAt: createdAt,
});
process.stdout.write(`acknowledged ${review.id} ${participant.id} ${statement.id}\n`, () => {
  process.kill(process.pid, 'SIGKILL');
});
