import { type Kysely, type Selectable, sql } from 'kysely';
import type { ReviewRole } from '../contract/reviews.js';
import type { Database, TeamInvitationsTable } from './schema.js';
import type {
  AuditEventRow,
  DashboardCounts,
  NewAuditEvent,
  NewTeamInvitation,
  TeamInvitationRow,
  TeamMemberRow,
} from './store.js';

/**
 * The team, audit-log and dashboard queries of `KyselyStore`, kept in their own file so the store
 * class only delegates. Each takes the store's connection, which may be a transaction, so commands
 * can compose them inside `store.transaction`.
 */

const integerCount = sql<number>`cast(count(*) as integer)`;

export async function createTeamInvitation(db: Kysely<Database>, input: NewTeamInvitation): Promise<TeamInvitationRow> {
  const row = await db
    .insertInto('team_invitations')
    .values({
      review_id: input.reviewId,
      email: input.email,
      role: input.role,
      token_hash: input.tokenHash,
      invited_by_account_id: input.invitedByAccountId,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
      accepted_at: null,
      accepted_by_account_id: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return teamInvitationFromRow(row);
}

export async function findTeamInvitationByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<TeamInvitationRow | undefined> {
  const row = await db
    .selectFrom('team_invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && teamInvitationFromRow(row);
}

export async function listPendingTeamInvitations(
  db: Kysely<Database>,
  reviewId: number,
  now: string,
): Promise<TeamInvitationRow[]> {
  const rows = await db
    .selectFrom('team_invitations')
    .selectAll()
    .where('review_id', '=', reviewId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(teamInvitationFromRow);
}

export async function acceptTeamInvitation(
  db: Kysely<Database>,
  invitationId: number,
  accountId: number,
  now: string,
): Promise<boolean> {
  // One conditional UPDATE, so two tabs accepting the same link cannot both succeed.
  const result = await db
    .updateTable('team_invitations')
    .set({ accepted_at: now, accepted_by_account_id: accountId })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function revokeTeamInvitations(
  db: Kysely<Database>,
  reviewId: number,
  which: { invitationId: number } | { email: string },
  now: string,
): Promise<number> {
  let update = db
    .updateTable('team_invitations')
    .set({ revoked_at: now })
    .where('review_id', '=', reviewId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null);
  update =
    'invitationId' in which ? update.where('id', '=', which.invitationId) : update.where('email', '=', which.email);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listReviewTeam(db: Kysely<Database>, reviewId: number): Promise<TeamMemberRow[]> {
  const rows = await db
    .selectFrom('review_roles')
    .innerJoin('accounts', 'accounts.id', 'review_roles.account_id')
    .select([
      'accounts.id as accountId',
      'accounts.email as email',
      'accounts.display_name as displayName',
      'review_roles.role as role',
      'review_roles.created_at as since',
    ])
    .where('review_roles.review_id', '=', reviewId)
    .orderBy('review_roles.created_at')
    .orderBy('accounts.id')
    .execute();
  return rows;
}

export async function removeReviewRole(db: Kysely<Database>, reviewId: number, accountId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('review_roles')
    .where('review_id', '=', reviewId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countReviewRole(db: Kysely<Database>, reviewId: number, role: ReviewRole): Promise<number> {
  const row = await db
    .selectFrom('review_roles')
    .select(integerCount.as('count'))
    .where('review_id', '=', reviewId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function recordAuditEvent(db: Kysely<Database>, input: NewAuditEvent): Promise<AuditEventRow> {
  const row = await db
    .insertInto('audit_events')
    .values({
      review_id: input.reviewId,
      account_id: input.accountId,
      action: input.action,
      params: JSON.stringify(input.params),
      summary: input.summary,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account =
    input.accountId === null
      ? undefined
      : await db.selectFrom('accounts').select('display_name').where('id', '=', input.accountId).executeTakeFirst();
  return { ...input, id: row.id, accountName: account?.display_name ?? null };
}

export async function listAuditEvents(
  db: Kysely<Database>,
  reviewId: number,
  page: { limit: number; beforeId?: number },
): Promise<AuditEventRow[]> {
  let query = db
    .selectFrom('audit_events')
    .leftJoin('accounts', 'accounts.id', 'audit_events.account_id')
    .select([
      'audit_events.id as id',
      'audit_events.review_id as reviewId',
      'audit_events.account_id as accountId',
      'accounts.display_name as accountName',
      'audit_events.action as action',
      'audit_events.params as params',
      'audit_events.summary as summary',
      'audit_events.created_at as createdAt',
    ])
    .where('audit_events.review_id', '=', reviewId);
  if (page.beforeId !== undefined) query = query.where('audit_events.id', '<', page.beforeId);
  // Ids, not times: events recorded in the same millisecond still come out in the order they happened.
  const rows = await query.orderBy('audit_events.id', 'desc').limit(page.limit).execute();
  return rows.map((row) => ({ ...row, accountName: row.accountName ?? null, params: parseParams(row.params) }));
}

export async function dashboardCounts(
  db: Kysely<Database>,
  reviewId: number,
  activeSince: string,
): Promise<DashboardCounts> {
  const totals = await db
    .selectNoFrom((select) => [
      select.selectFrom('participants').select(integerCount.as('count')).where('review_id', '=', reviewId).as('all'),
      select
        .selectFrom('participants')
        .select(integerCount.as('count'))
        .where('review_id', '=', reviewId)
        .where('verified', '=', 1)
        .as('verified'),
      select
        .selectFrom('vote_events')
        .select(sql<number>`cast(count(distinct ${sql.ref('participant_id')}) as integer)`.as('count'))
        .where('review_id', '=', reviewId)
        .where('voted_at', '>=', activeSince)
        .as('active'),
      select.selectFrom('votes').select(integerCount.as('count')).where('review_id', '=', reviewId).as('votes'),
    ])
    .executeTakeFirstOrThrow();
  const states = await db
    .selectFrom('statements')
    .select(['moderation', integerCount.as('count')])
    .where('review_id', '=', reviewId)
    .groupBy('moderation')
    .execute();
  const statements: DashboardCounts['statements'] = { pending: 0, accepted: 0, rejected: 0 };
  for (const state of states) statements[state.moderation] = Number(state.count);
  return {
    participants: Number(totals.all),
    verifiedParticipants: Number(totals.verified),
    activeParticipants: Number(totals.active),
    votes: Number(totals.votes),
    statements,
  };
}

export async function identityAnswerCounts(
  db: Kysely<Database>,
  reviewId: number,
): Promise<Array<{ questionId: number; optionId: number; count: number }>> {
  const rows = await db
    .selectFrom('identity_options')
    .innerJoin('identity_questions', 'identity_questions.id', 'identity_options.question_id')
    .leftJoin('identity_answers', (join) =>
      join
        .onRef('identity_answers.question_id', '=', 'identity_options.question_id')
        .onRef('identity_answers.option_id', '=', 'identity_options.id'),
    )
    .select([
      'identity_options.question_id as questionId',
      'identity_options.id as optionId',
      sql<number>`cast(count(${sql.ref('identity_answers.participant_id')}) as integer)`.as('count'),
    ])
    .where('identity_questions.review_id', '=', reviewId)
    .groupBy(['identity_options.question_id', 'identity_options.id', 'identity_options.position'])
    .orderBy('identity_options.question_id')
    .orderBy('identity_options.position')
    .execute();
  return rows.map((row) => ({ questionId: row.questionId, optionId: row.optionId, count: Number(row.count) }));
}

function teamInvitationFromRow(row: Selectable<TeamInvitationsTable>): TeamInvitationRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    email: row.email,
    role: row.role,
    tokenHash: row.token_hash,
    invitedByAccountId: row.invited_by_account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedByAccountId: row.accepted_by_account_id,
    revokedAt: row.revoked_at,
  };
}

function parseParams(text: string): Record<string, number> {
  const parsed: unknown = JSON.parse(text);
  const params: Record<string, number> = {};
  if (typeof parsed !== 'object' || parsed === null) return params;
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'number') params[key] = value;
  return params;
}
