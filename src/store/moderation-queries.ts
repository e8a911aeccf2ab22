import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';
import type {
  ModeratedStatementRow,
  ModerationCount,
  ModerationEventRow,
  ModerationQueueFilter,
  Store,
} from './store.js';

/**
 * The moderation queue's queries, for `KyselyStore` (which delegates here and supplies the transaction).
 * Kept apart from kysely-store.ts so the moderation record is read and written in one place.
 */

type Db = Kysely<Database>;

/**
 * True when a participant other than the statement's author has ever voted on it. `vote_events` keeps
 * every vote, so a vote changed to "pass" or later withdrawn still counts: someone read this text.
 * The author's own agree vote, recorded with a participant's statement, is not a reader's vote.
 */
function votedByOthers(eb: ExpressionBuilder<Database, 'statements'>) {
  return eb.exists(
    eb
      .selectFrom('vote_events')
      .select(sql.lit(1).as('one'))
      .whereRef('vote_events.review_id', '=', 'statements.review_id')
      .whereRef('vote_events.statement_id', '=', 'statements.id')
      .where((inner) =>
        inner.or([
          inner('statements.author_participant_id', 'is', null),
          inner('vote_events.participant_id', '<>', inner.ref('statements.author_participant_id')),
        ]),
      ),
  );
}

function selectModerated(db: Db) {
  return db
    .selectFrom('statements')
    .leftJoin('accounts as moderator', 'moderator.id', 'statements.moderated_by_account_id')
    .leftJoin('accounts as editor', 'editor.id', 'statements.edited_by_account_id')
    .selectAll('statements')
    .select((eb) => [
      'moderator.display_name as moderated_by_display_name',
      'editor.display_name as edited_by_display_name',
      eb.case().when(votedByOthers(eb)).then(sql.lit(1)).else(sql.lit(0)).end().as('voted_by_others'),
    ]);
}

type ModeratedRow = Awaited<ReturnType<ReturnType<typeof selectModerated>['executeTakeFirstOrThrow']>>;

function moderatedFromRow(row: ModeratedRow): ModeratedStatementRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    text: row.text,
    textKey: row.text_key,
    origin: row.origin,
    moderation: row.moderation,
    isMeta: row.is_meta === 1,
    authorParticipantId: row.author_participant_id,
    authorAccountId: row.author_account_id,
    createdAt: row.created_at,
    moderatedAt: row.moderated_at,
    moderatedByAccountId: row.moderated_by_account_id,
    moderatedByDisplayName: row.moderated_by_display_name,
    rejectionReason: row.rejection_reason,
    originalText: row.original_text,
    editedAt: row.edited_at,
    editedByDisplayName: row.edited_by_display_name,
    // pg returns the literal as a number too, but compare loosely-typed drivers by value.
    votedByOthers: Number(row.voted_by_others) === 1,
  };
}

export async function listModerationQueue(
  db: Db,
  reviewId: number,
  filter: ModerationQueueFilter,
): Promise<ModeratedStatementRow[]> {
  let query = selectModerated(db).where('statements.review_id', '=', reviewId);
  if (filter.moderation !== undefined) query = query.where('statements.moderation', '=', filter.moderation);
  if (filter.origin !== undefined) query = query.where('statements.origin', '=', filter.origin);
  const rows = await query
    .orderBy(sql`case when ${sql.ref('statements.moderation')} = 'pending' then 0 else 1 end`)
    .orderBy('statements.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map(moderatedFromRow);
}

export async function moderationCounts(db: Db, reviewId: number): Promise<ModerationCount[]> {
  const rows = await db
    .selectFrom('statements')
    .select(['moderation', 'origin', sql<number>`cast(count(*) as integer)`.as('count')])
    .where('review_id', '=', reviewId)
    .groupBy(['moderation', 'origin'])
    .orderBy('moderation')
    .orderBy('origin')
    .execute();
  return rows.map((row) => ({ moderation: row.moderation, origin: row.origin, count: Number(row.count) }));
}

export async function findModeratedStatements(
  db: Db,
  reviewId: number,
  statementIds: number[],
): Promise<ModeratedStatementRow[]> {
  // `in ()` is a syntax error on both databases.
  if (statementIds.length === 0) return [];
  const rows = await selectModerated(db)
    .where('statements.review_id', '=', reviewId)
    .where('statements.id', 'in', statementIds)
    .orderBy('statements.id')
    .execute();
  return rows.map(moderatedFromRow);
}

/** Runs inside the caller's transaction (see Store.setStatementsModeration). */
export async function setStatementsModeration(
  db: Db,
  input: {
    reviewId: number;
    statementIds: number[];
    moderation: 'accepted' | 'rejected';
    reason: string | null;
    accountId: number;
    at: string;
  },
): Promise<ModeratedStatementRow[]> {
  const existing = await findModeratedStatements(db, input.reviewId, input.statementIds);
  if (existing.length === 0) return [];
  const ids = existing.map((statement) => statement.id);
  const reason = input.moderation === 'rejected' ? input.reason : null;
  await db
    .updateTable('statements')
    .set({
      moderation: input.moderation,
      moderated_at: input.at,
      moderated_by_account_id: input.accountId,
      rejection_reason: reason,
    })
    .where('review_id', '=', input.reviewId)
    .where('id', 'in', ids)
    .execute();
  await db
    .insertInto('moderation_events')
    .values(
      ids.map((statementId) => ({
        review_id: input.reviewId,
        statement_id: statementId,
        account_id: input.accountId,
        action: input.moderation === 'accepted' ? ('accept' as const) : ('reject' as const),
        reason,
        previous_text: null,
        created_at: input.at,
      })),
    )
    .execute();
  return findModeratedStatements(db, input.reviewId, ids);
}

/** Runs inside the caller's transaction (see Store.editStatementText). */
export async function editStatementText(
  db: Db,
  input: { reviewId: number; statementId: number; text: string; textKey: string; accountId: number; at: string },
): Promise<{ status: 'edited'; statement: ModeratedStatementRow } | { status: 'voted' } | { status: 'not_found' }> {
  const [before] = await findModeratedStatements(db, input.reviewId, [input.statementId]);
  if (!before) return { status: 'not_found' };
  if (before.votedByOthers) return { status: 'voted' };
  const result = await db
    .updateTable('statements')
    .set((eb) => ({
      text: input.text,
      text_key: input.textKey,
      // SET reads the row as it was, so this keeps the very first text across several edits.
      original_text: eb.fn.coalesce('original_text', 'text'),
      edited_at: input.at,
      edited_by_account_id: input.accountId,
    }))
    .where('review_id', '=', input.reviewId)
    .where('id', '=', input.statementId)
    .where((eb) => eb.not(votedByOthers(eb)))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return { status: 'voted' };
  await db
    .insertInto('moderation_events')
    .values({
      review_id: input.reviewId,
      statement_id: input.statementId,
      account_id: input.accountId,
      action: 'edit',
      reason: null,
      previous_text: before.text,
      created_at: input.at,
    })
    .execute();
  const [after] = await findModeratedStatements(db, input.reviewId, [input.statementId]);
  return { status: 'edited', statement: after! };
}

/** Runs inside the caller's transaction (see Store.setStatementMeta). */
export async function setStatementMeta(
  db: Db,
  input: { reviewId: number; statementId: number; isMeta: boolean; accountId: number; at: string },
): Promise<ModeratedStatementRow | undefined> {
  const result = await db
    .updateTable('statements')
    .set({ is_meta: input.isMeta ? 1 : 0 })
    .where('review_id', '=', input.reviewId)
    .where('id', '=', input.statementId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  await db
    .insertInto('moderation_events')
    .values({
      review_id: input.reviewId,
      statement_id: input.statementId,
      account_id: input.accountId,
      action: input.isMeta ? 'mark_meta' : 'unmark_meta',
      reason: null,
      previous_text: null,
      created_at: input.at,
    })
    .execute();
  const [after] = await findModeratedStatements(db, input.reviewId, [input.statementId]);
  return after;
}

export async function listModerationEvents(
  db: Db,
  reviewId: number,
  statementId: number,
): Promise<ModerationEventRow[]> {
  const rows = await db
    .selectFrom('moderation_events')
    .leftJoin('accounts', 'accounts.id', 'moderation_events.account_id')
    .select([
      'moderation_events.id',
      'moderation_events.statement_id',
      'moderation_events.account_id',
      'accounts.display_name',
      'moderation_events.action',
      'moderation_events.reason',
      'moderation_events.previous_text',
      'moderation_events.created_at',
    ])
    .where('moderation_events.review_id', '=', reviewId)
    .where('moderation_events.statement_id', '=', statementId)
    .orderBy('moderation_events.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    statementId: row.statement_id,
    accountId: row.account_id,
    accountDisplayName: row.display_name,
    action: row.action,
    reason: row.reason,
    previousText: row.previous_text,
    createdAt: row.created_at,
  }));
}

export async function participantStatementActivity(
  db: Db,
  kind: Store['kind'],
  input: { reviewId: number; participantId: number; since: string },
): Promise<{ total: number; recentCreatedAt: string[] }> {
  if (kind === 'postgres' && db.isTransaction) {
    // Serialises one participant's posts across app instances until the transaction ends. SQLite needs
    // no lock: it has one writer at a time, and FOR UPDATE is not SQLite syntax.
    await db
      .selectFrom('participants')
      .select('id')
      .where('review_id', '=', input.reviewId)
      .where('id', '=', input.participantId)
      .forUpdate()
      .execute();
  }
  const mine = db
    .selectFrom('statements')
    .where('review_id', '=', input.reviewId)
    .where('author_participant_id', '=', input.participantId);
  const totalRow = await mine.select(sql<number>`cast(count(*) as integer)`.as('count')).executeTakeFirstOrThrow();
  const recent = await mine.select('created_at').where('created_at', '>', input.since).orderBy('created_at').execute();
  return { total: Number(totalRow.count), recentCreatedAt: recent.map((row) => row.created_at) };
}
