import { type Kysely, Migrator, type Selectable, sql } from 'kysely';
import type { ReviewRole } from '../contract/reviews.js';
import { KyselyEventOutcomeStore, KyselyVolunteerStore } from './event-outcome-queries.js';
import type { EventOutcomeStore, VolunteerStore } from './event-outcome-store.js';
import { KyselyEventStore } from './event-queries.js';
import type { EventStore } from './event-store.js';
import { KyselyListeningStore, type ListeningStore } from './listening-queries.js';
import { migrationProvider } from './migrations/index.js';
import * as moderation from './moderation-queries.js';
import { KyselyPrivacyStore, type PrivacyStore } from './privacy-queries.js';
import type { Database, IntegerBoolean, ReviewsTable, StatementsTable } from './schema.js';
import { KyselySecurityStore } from './security-queries.js';
import type { SecurityStore } from './security-store.js';
import {
  type AccountRow,
  type AnalysisRow,
  type AuditEventRow,
  type CurrentVoteRow,
  type DashboardCounts,
  type IdentityQuestionChanges,
  type IdentityQuestionRow,
  type InviteRow,
  type ModeratedStatementRow,
  type ModerationCount,
  type ModerationEventRow,
  type ModerationQueueFilter,
  type NewAccount,
  type NewAnalysis,
  type NewAuditEvent,
  type NewIdentityQuestion,
  type NewInvitation,
  type NewParticipant,
  type NewPlace,
  type NewReview,
  type NewSession,
  type NewStatement,
  type NewTeamInvitation,
  type NewVote,
  type ParticipantRow,
  type PlaceRow,
  type RecordedVote,
  type ReviewChanges,
  type ReviewRow,
  type SessionRow,
  type StatementRow,
  type Store,
  StoreConflictError,
  type TeamInvitationRow,
  type TeamMemberRow,
} from './store.js';
import * as teamAudit from './team-audit-queries.js';
import { KyselyThemesStore, type ThemesStore } from './themes-queries.js';

/** What an adapter (sqlite.ts, postgres.ts) hands the one implementation. */
export interface KyselyStoreOptions {
  kind: Store['kind'];
  /** Runs after the connection (pool) is destroyed, e.g. to drop a test schema or delete a temp file. */
  onClose?: () => Promise<void>;
}

/**
 * The one `Store` implementation, over Kysely, for both SQLite and PostgreSQL. Dialect differences are
 * confined to the adapters (connection set-up) and the migrations' column-type helpers; every query
 * here is written once in SQL both databases accept, with counts and sums cast to integer in SQL
 * because pg returns `count(*)` and `sum()` as strings.
 */
export class KyselyStore implements Store {
  readonly kind: Store['kind'];
  readonly #db: Kysely<Database>;
  readonly #options: KyselyStoreOptions;

  constructor(db: Kysely<Database>, options: KyselyStoreOptions) {
    this.#db = db;
    this.#options = options;
    this.kind = options.kind;
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.#inTransaction(work);
  }

  get listening(): ListeningStore {
    return new KyselyListeningStore(this.#db);
  }

  get events(): EventStore {
    return new KyselyEventStore(this.#db, this.kind);
  }

  get eventOutcomes(): EventOutcomeStore {
    return new KyselyEventOutcomeStore(this.#db);
  }

  get volunteers(): VolunteerStore {
    return new KyselyVolunteerStore(this.#db);
  }

  get privacy(): PrivacyStore {
    return new KyselyPrivacyStore(this.#db);
  }

  get security(): SecurityStore {
    return new KyselySecurityStore(this.#db);
  }

  get themes(): ThemesStore {
    return new KyselyThemesStore(this.#db);
  }

  /** `transaction` for this class's own multi-statement methods, keeping the concrete type. */
  async #inTransaction<T>(work: (tx: KyselyStore) => Promise<T>): Promise<T> {
    // Already inside one: join it, so commands can compose store calls that themselves use transactions.
    if (this.#db.isTransaction) return work(this);
    return this.#db.transaction().execute((trx) => work(new KyselyStore(trx, this.#options)));
  }

  async migrate(): Promise<string[]> {
    if (this.#db.isTransaction) throw new Error('migrate() runs on the store itself, not inside a transaction.');
    if (this.kind !== 'postgres') return this.#migrate();
    // Several app instances may start at once. Kysely locks only around applying migrations; creating
    // its own tables comes first, unlocked, and two instances doing it together fail on a duplicate
    // type. So one session lock per schema, held on a connection of its own, covers the whole of it:
    // the second instance waits, then finds nothing left to do.
    return this.#db.connection().execute(async (connection) => {
      const key = sql`hashtextextended('common_ground_migrate:' || current_schema(), 0)`;
      await sql`select pg_advisory_lock(${key})`.execute(connection);
      try {
        return await this.#migrate();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(connection);
      }
    });
  }

  async #migrate(): Promise<string[]> {
    const migrator = new Migrator({
      db: this.#db,
      provider: migrationProvider(this.kind),
      // Kysely looks for its migration table across every schema it can see on PostgreSQL; pinning the
      // schema stops a `kysely_migration` table in another schema (another test run, another app)
      // from being taken for ours.
      migrationTableSchema: this.kind === 'postgres' ? await this.#currentSchema() : undefined,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new Error(`Migration ${failed ?? '(set-up)'} failed: ${describeError(error)}`, { cause: error });
    }
    return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }

  async close(): Promise<void> {
    if (this.#db.isTransaction) throw new Error('close() the store itself, not a transaction.');
    await this.#db.destroy();
    await this.#options.onClose?.();
  }

  // Accounts and sessions

  async countAccounts(): Promise<number> {
    const row = await this.#db
      .selectFrom('accounts')
      .select(sql<number>`cast(count(*) as integer)`.as('count'))
      .executeTakeFirstOrThrow();
    return row.count;
  }

  async findInstanceOwner(): Promise<AccountRow | undefined> {
    const row = await this.#db
      .selectFrom('accounts')
      .select('id')
      .where('is_instance_owner', '=', 1)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : this.findAccountById(row.id);
  }

  async createAccount(input: NewAccount): Promise<AccountRow> {
    const row = await mapConflicts(
      this.#db
        .insertInto('accounts')
        .values({
          email: input.email,
          display_name: input.displayName,
          password_hash: input.passwordHash,
          is_instance_owner: toInteger(input.isInstanceOwner),
          created_at: input.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return accountFromRow(row);
  }

  async findAccountByEmail(email: string): Promise<AccountRow | undefined> {
    const row = await this.#db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
    return row && accountFromRow(row);
  }

  async findAccountById(id: number): Promise<AccountRow | undefined> {
    const row = await this.#db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && accountFromRow(row);
  }

  async createSession(input: NewSession): Promise<void> {
    await mapConflicts(
      this.#db
        .insertInto('sessions')
        .values({
          token_hash: input.tokenHash,
          account_id: input.accountId,
          csrf_token: input.csrfToken,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
        })
        .execute(),
    );
  }

  async findSession(tokenHash: string, now: string): Promise<SessionRow | undefined> {
    const row = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        tokenHash: row.token_hash,
        accountId: row.account_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async createOneTimeToken(input: {
    tokenHash: string;
    purpose: 'owner_setup';
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await mapConflicts(
      this.#db
        .insertInto('one_time_tokens')
        .values({
          token_hash: input.tokenHash,
          purpose: input.purpose,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
          used_at: null,
        })
        .execute(),
    );
  }

  async hasUnusedOneTimeToken(purpose: 'owner_setup', now: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('one_time_tokens')
      .select('token_hash')
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  async consumeOneTimeToken(tokenHash: string, purpose: 'owner_setup', now: string): Promise<boolean> {
    // One conditional UPDATE, so two concurrent requests cannot both consume the same token.
    const result = await this.#db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // Reviews and roles

  async createReview(input: NewReview): Promise<ReviewRow> {
    const row = await mapConflicts(
      this.#db
        .insertInto('reviews')
        .values({
          slug: input.slug,
          title: input.title,
          introduction: input.introduction,
          status: input.status,
          visibility: input.visibility,
          moderation_mode: input.moderationMode,
          participants_can_add_statements: toInteger(input.participantsCanAddStatements),
          results_visibility: input.resultsVisibility,
          votes_on_erasure: input.votesOnErasure,
          retention_days: input.retentionDays,
          privacy_contact: input.privacyContact,
          closed_at: input.status === 'closed' ? input.createdAt : null,
          created_by_account_id: input.createdByAccountId,
          created_at: input.createdAt,
          updated_at: input.updatedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return reviewFromRow(row);
  }

  /** Throws when no review has this id (callers look the review up first, so this is a bug, not a refusal). */
  async updateReview(id: number, changes: ReviewChanges): Promise<ReviewRow> {
    const row = await this.#db
      .updateTable('reviews')
      .set({
        title: changes.title,
        introduction: changes.introduction,
        status: changes.status,
        visibility: changes.visibility,
        moderation_mode: changes.moderationMode,
        participants_can_add_statements:
          changes.participantsCanAddStatements === undefined
            ? undefined
            : toInteger(changes.participantsCanAddStatements),
        results_visibility: changes.resultsVisibility,
        votes_on_erasure: changes.votesOnErasure,
        retention_days: changes.retentionDays,
        privacy_contact: changes.privacyContact,
        // The retention clock starts when the review closes; closing again keeps the first time, and
        // reopening stops the clock, so a later close starts it afresh.
        closed_at:
          changes.status === undefined
            ? undefined
            : changes.status === 'closed'
              ? sql<string>`coalesce(closed_at, ${changes.updatedAt})`
              : null,
        archived_at: changes.archivedAt,
        updated_at: changes.updatedAt,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new Error(`updateReview: no review with id ${id}.`);
    return reviewFromRow(row);
  }

  async findReviewBySlug(slug: string): Promise<ReviewRow | undefined> {
    const row = await this.#db.selectFrom('reviews').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && reviewFromRow(row);
  }

  async findReviewById(id: number): Promise<ReviewRow | undefined> {
    const row = await this.#db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row && reviewFromRow(row);
  }

  /** Newest first. */
  async listPublicOpenReviews(): Promise<ReviewRow[]> {
    const rows = await this.#db
      .selectFrom('reviews')
      .selectAll()
      .where('visibility', '=', 'public')
      .where('status', '=', 'open')
      .where('archived_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(reviewFromRow);
  }

  /** Newest first. */
  async listReviewsForAccount(
    accountId: number,
    filter?: { archived?: boolean },
  ): Promise<Array<ReviewRow & { role: ReviewRole }>> {
    let query = this.#db
      .selectFrom('reviews')
      .innerJoin('review_roles', 'review_roles.review_id', 'reviews.id')
      .selectAll('reviews')
      .select('review_roles.role')
      .where('review_roles.account_id', '=', accountId);
    if (filter?.archived === true) query = query.where('reviews.archived_at', 'is not', null);
    if (filter?.archived === false) query = query.where('reviews.archived_at', 'is', null);
    const rows = await query.orderBy('reviews.created_at', 'desc').orderBy('reviews.id', 'desc').execute();
    return rows.map((row) => ({ ...reviewFromRow(row), role: row.role }));
  }

  /** Gives the account this role on the review, replacing any role it had there. */
  async setReviewRole(input: {
    reviewId: number;
    accountId: number;
    role: ReviewRole;
    createdAt: string;
  }): Promise<void> {
    await this.#db
      .insertInto('review_roles')
      .values({ review_id: input.reviewId, account_id: input.accountId, role: input.role, created_at: input.createdAt })
      .onConflict((conflict) =>
        conflict.columns(['review_id', 'account_id']).doUpdateSet((update) => ({ role: update.ref('excluded.role') })),
      )
      .execute();
  }

  async findReviewRole(reviewId: number, accountId: number): Promise<ReviewRole | undefined> {
    const row = await this.#db
      .selectFrom('review_roles')
      .select('role')
      .where('review_id', '=', reviewId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.role;
  }

  /**
   * `statementCount` counts every statement whatever its moderation state, `participantCount` every
   * participant, `voteCount` the current votes (a changed vote counts once).
   */
  async reviewCounts(
    reviewId: number,
  ): Promise<{ statementCount: number; participantCount: number; voteCount: number }> {
    const row = await this.#db
      .selectNoFrom((select) => [
        select
          .selectFrom('statements')
          .select(sql<number>`cast(count(*) as integer)`.as('count'))
          .where('review_id', '=', reviewId)
          .as('statementCount'),
        select
          .selectFrom('participants')
          .select(sql<number>`cast(count(*) as integer)`.as('count'))
          .where('review_id', '=', reviewId)
          .as('participantCount'),
        select
          .selectFrom('votes')
          .select(sql<number>`cast(count(*) as integer)`.as('count'))
          .where('review_id', '=', reviewId)
          .as('voteCount'),
      ])
      .executeTakeFirstOrThrow();
    return {
      statementCount: Number(row.statementCount),
      participantCount: Number(row.participantCount),
      voteCount: Number(row.voteCount),
    };
  }

  // Identity questions

  /** Appends the question after the review's existing ones; options keep the order given (positions 0, 1, …). */
  async createIdentityQuestion(input: NewIdentityQuestion): Promise<IdentityQuestionRow> {
    return this.#inTransaction((tx) => tx.#createIdentityQuestion(input));
  }

  async #createIdentityQuestion(input: NewIdentityQuestion): Promise<IdentityQuestionRow> {
    const last = await this.#db
      .selectFrom('identity_questions')
      .select(sql<number | null>`max(position)`.as('position'))
      .where('review_id', '=', input.reviewId)
      .executeTakeFirstOrThrow();
    const position = last.position === null ? 0 : Number(last.position) + 1;
    const question = await mapConflicts(
      this.#db
        .insertInto('identity_questions')
        .values({
          review_id: input.reviewId,
          prompt: input.prompt,
          kind: input.kind,
          position,
          created_at: input.createdAt,
          required: toInteger(input.required ?? false),
          explanation: input.explanation ?? '',
          uses_place_list: toInteger(input.usesPlaceList ?? false),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    if (input.usesPlaceList) await this.#insertPlaceOptions(question.id, await this.listPlaces(input.reviewId));
    else await this.#insertOptions(question.id, input.options);
    const created = await this.#findIdentityQuestion(input.reviewId, question.id);
    if (created === undefined) throw new Error(`createIdentityQuestion: question ${question.id} vanished.`);
    return created;
  }

  async #insertOptions(questionId: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.#db
      .insertInto('identity_options')
      .values(labels.map((label, index) => ({ question_id: questionId, label, position: index })))
      .execute();
  }

  /** One option per place, in list order; chunked to stay under SQLite's bound-parameter limit. */
  async #insertPlaceOptions(questionId: number, places: PlaceRow[]): Promise<void> {
    for (let start = 0; start < places.length; start += insertChunkSize) {
      await this.#db
        .insertInto('identity_options')
        .values(
          places.slice(start, start + insertChunkSize).map((place, offset) => ({
            question_id: questionId,
            label: place.name,
            position: start + offset,
            place_id: place.id,
          })),
        )
        .execute();
    }
  }

  async #findIdentityQuestion(reviewId: number, questionId: number): Promise<IdentityQuestionRow | undefined> {
    return (await this.listIdentityQuestions(reviewId)).find((question) => question.id === questionId);
  }

  async listIdentityQuestions(reviewId: number): Promise<IdentityQuestionRow[]> {
    const questions = await this.#db
      .selectFrom('identity_questions')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute();
    if (questions.length === 0) return [];
    const options = await this.#db
      .selectFrom('identity_options')
      .select(['id', 'question_id', 'label', 'position', 'place_id'])
      .where(
        'question_id',
        'in',
        questions.map((question) => question.id),
      )
      .orderBy('question_id')
      .orderBy('position')
      .execute();
    const optionsByQuestion = new Map<number, IdentityQuestionRow['options']>();
    for (const option of options) {
      const list = optionsByQuestion.get(option.question_id) ?? [];
      list.push({ id: option.id, label: option.label, position: option.position, placeId: option.place_id });
      optionsByQuestion.set(option.question_id, list);
    }
    return questions.map((question) => ({
      id: question.id,
      reviewId: question.review_id,
      prompt: question.prompt,
      kind: question.kind,
      position: question.position,
      required: question.required === 1,
      explanation: question.explanation,
      usesPlaceList: question.uses_place_list === 1,
      options: optionsByQuestion.get(question.id) ?? [],
    }));
  }

  async updateIdentityQuestion(
    reviewId: number,
    questionId: number,
    changes: IdentityQuestionChanges,
  ): Promise<IdentityQuestionRow | undefined> {
    return this.#inTransaction((tx) => tx.#updateIdentityQuestion(reviewId, questionId, changes));
  }

  async #updateIdentityQuestion(
    reviewId: number,
    questionId: number,
    changes: IdentityQuestionChanges,
  ): Promise<IdentityQuestionRow | undefined> {
    const question = await this.#db
      .updateTable('identity_questions')
      .set({
        prompt: changes.prompt,
        kind: changes.kind,
        required: changes.required === undefined ? undefined : toInteger(changes.required),
        explanation: changes.explanation,
      })
      .where('review_id', '=', reviewId)
      .where('id', '=', questionId)
      .returning(['id', 'uses_place_list'])
      .executeTakeFirst();
    if (question === undefined) return undefined;
    if (changes.options !== undefined && question.uses_place_list === 0) {
      await this.#db.deleteFrom('identity_options').where('question_id', '=', questionId).execute();
      await this.#insertOptions(questionId, changes.options);
    }
    return this.#findIdentityQuestion(reviewId, questionId);
  }

  async deleteIdentityQuestion(reviewId: number, questionId: number): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('identity_questions')
      .where('review_id', '=', reviewId)
      .where('id', '=', questionId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async reorderIdentityQuestions(reviewId: number, questionIds: number[]): Promise<boolean> {
    return this.#inTransaction((tx) => tx.#reorderIdentityQuestions(reviewId, questionIds));
  }

  async #reorderIdentityQuestions(reviewId: number, questionIds: number[]): Promise<boolean> {
    const existing = await this.#db
      .selectFrom('identity_questions')
      .select('id')
      .where('review_id', '=', reviewId)
      .execute();
    const wanted = new Set(questionIds);
    if (wanted.size !== questionIds.length || existing.length !== questionIds.length) return false;
    if (!existing.every((row) => wanted.has(row.id))) return false;
    // Through negative positions first, so UNIQUE (review_id, position) never sees two questions on
    // one position midway.
    for (const final of [false, true]) {
      for (const [index, questionId] of questionIds.entries()) {
        await this.#db
          .updateTable('identity_questions')
          .set({ position: final ? index : -(index + 1) })
          .where('review_id', '=', reviewId)
          .where('id', '=', questionId)
          .execute();
      }
    }
    return true;
  }

  async answeredIdentityQuestionIds(reviewId: number): Promise<Set<number>> {
    const rows = await this.#db
      .selectFrom('identity_answers')
      .innerJoin('identity_questions', 'identity_questions.id', 'identity_answers.question_id')
      .select('identity_answers.question_id')
      .distinct()
      .where('identity_questions.review_id', '=', reviewId)
      .execute();
    return new Set(rows.map((row) => row.question_id));
  }

  async listUnansweredRequiredQuestions(
    reviewId: number,
    participantId: number,
  ): Promise<Array<{ id: number; prompt: string }>> {
    return this.#db
      .selectFrom('identity_questions')
      .select(['id', 'prompt'])
      .where('review_id', '=', reviewId)
      .where('required', '=', 1)
      .where((where) =>
        where.not(
          where.exists(
            where
              .selectFrom('identity_answers')
              .select('identity_answers.question_id')
              .whereRef('identity_answers.question_id', '=', 'identity_questions.id')
              .where('identity_answers.participant_id', '=', participantId),
          ),
        ),
      )
      .orderBy('position')
      .execute();
  }

  // Place lists

  async replacePlaces(reviewId: number, places: NewPlace[]): Promise<PlaceRow[]> {
    return this.#inTransaction((tx) => tx.#replacePlaces(reviewId, places));
  }

  async #replacePlaces(reviewId: number, places: NewPlace[]): Promise<PlaceRow[]> {
    const placeQuestions = await this.#db
      .selectFrom('identity_questions')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('uses_place_list', '=', 1)
      .execute();
    // Options first: they reference the places about to go.
    if (placeQuestions.length > 0) {
      await this.#db
        .deleteFrom('identity_options')
        .where(
          'question_id',
          'in',
          placeQuestions.map((question) => question.id),
        )
        .execute();
    }
    await this.#db.deleteFrom('places').where('review_id', '=', reviewId).execute();
    for (let start = 0; start < places.length; start += insertChunkSize) {
      await mapConflicts(
        this.#db
          .insertInto('places')
          .values(
            places.slice(start, start + insertChunkSize).map((place, offset) => ({
              review_id: reviewId,
              code: place.code,
              name: place.name,
              name_cy: place.nameCy,
              region: place.region,
              attributes: JSON.stringify(place.attributes),
              position: start + offset,
            })),
          )
          .execute(),
      );
    }
    const stored = await this.listPlaces(reviewId);
    for (const question of placeQuestions) await this.#insertPlaceOptions(question.id, stored);
    return stored;
  }

  async listPlaces(reviewId: number): Promise<PlaceRow[]> {
    const rows = await this.#db
      .selectFrom('places')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute();
    return rows.map(placeFromRow);
  }

  async countPlaces(reviewId: number): Promise<number> {
    const row = await this.#db
      .selectFrom('places')
      .select(sql<number>`cast(count(*) as integer)`.as('count'))
      .where('review_id', '=', reviewId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async setIdentityAnswer(input: {
    participantId: number;
    questionId: number;
    optionId: number | null;
    answeredAt: string;
  }): Promise<boolean> {
    return this.#inTransaction((tx) => tx.#setIdentityAnswer(input));
  }

  async #setIdentityAnswer(input: {
    participantId: number;
    questionId: number;
    optionId: number | null;
    answeredAt: string;
  }): Promise<boolean> {
    const questionOfParticipantsReview = await this.#db
      .selectFrom('identity_questions')
      .innerJoin('participants', 'participants.review_id', 'identity_questions.review_id')
      .select('identity_questions.id')
      .where('identity_questions.id', '=', input.questionId)
      .where('participants.id', '=', input.participantId)
      .executeTakeFirst();
    if (questionOfParticipantsReview === undefined) return false;
    if (input.optionId === null) {
      await this.#db
        .deleteFrom('identity_answers')
        .where('participant_id', '=', input.participantId)
        .where('question_id', '=', input.questionId)
        .execute();
      return true;
    }
    const option = await this.#db
      .selectFrom('identity_options')
      .select('id')
      .where('id', '=', input.optionId)
      .where('question_id', '=', input.questionId)
      .executeTakeFirst();
    if (option === undefined) return false;
    await this.#db
      .insertInto('identity_answers')
      .values({
        participant_id: input.participantId,
        question_id: input.questionId,
        option_id: input.optionId,
        answered_at: input.answeredAt,
      })
      .onConflict((conflict) =>
        conflict.columns(['participant_id', 'question_id']).doUpdateSet((update) => ({
          option_id: update.ref('excluded.option_id'),
          answered_at: update.ref('excluded.answered_at'),
        })),
      )
      .execute();
    return true;
  }

  async listIdentityAnswers(participantId: number): Promise<Map<number, number>> {
    const rows = await this.#db
      .selectFrom('identity_answers')
      .select(['question_id', 'option_id'])
      .where('participant_id', '=', participantId)
      .orderBy('question_id')
      .execute();
    return new Map(rows.map((row) => [row.question_id, row.option_id]));
  }

  async listReviewIdentityAnswers(
    reviewId: number,
  ): Promise<Array<{ participantId: number; questionId: number; optionId: number }>> {
    const rows = await this.#db
      .selectFrom('identity_answers')
      .innerJoin('participants', 'participants.id', 'identity_answers.participant_id')
      .select(['identity_answers.participant_id', 'identity_answers.question_id', 'identity_answers.option_id'])
      .where('participants.review_id', '=', reviewId)
      .orderBy('identity_answers.participant_id')
      .orderBy('identity_answers.question_id')
      .execute();
    return rows.map((row) => ({
      participantId: row.participant_id,
      questionId: row.question_id,
      optionId: row.option_id,
    }));
  }

  // Participants and invites

  async createParticipant(input: NewParticipant): Promise<ParticipantRow> {
    const row = await mapConflicts(
      this.#db
        .insertInto('participants')
        .values({
          review_id: input.reviewId,
          token_hash: input.tokenHash,
          seed: input.seed,
          created_at: input.createdAt,
          verified: toInteger(input.verified ?? false),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return participantFromRow(row);
  }

  async findParticipantByTokenHash(reviewId: number, tokenHash: string): Promise<ParticipantRow | undefined> {
    const row = await this.#db
      .selectFrom('participants')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && participantFromRow(row);
  }

  async findParticipantById(id: number): Promise<ParticipantRow | undefined> {
    const row = await this.#db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && participantFromRow(row);
  }

  async createInvite(input: {
    reviewId: number;
    tokenHash: string;
    createdAt: string;
    createdByAccountId: number;
  }): Promise<InviteRow> {
    const row = await mapConflicts(
      this.#db
        .insertInto('invites')
        .values({
          review_id: input.reviewId,
          token_hash: input.tokenHash,
          created_at: input.createdAt,
          created_by_account_id: input.createdByAccountId,
          used_at: null,
          participant_id: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return inviteFromRow(row);
  }

  async findInviteByTokenHash(tokenHash: string): Promise<InviteRow | undefined> {
    const row = await this.#db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && inviteFromRow(row);
  }

  async redeemInvite(inviteId: number, usedAt: string): Promise<boolean> {
    // One conditional UPDATE, so an invite link opened twice at once is still redeemed only once.
    const result = await this.#db
      .updateTable('invites')
      .set({ used_at: usedAt })
      .where('id', '=', inviteId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // Invitations from a member list

  async createInvitation(input: NewInvitation): Promise<InviteRow> {
    const row = await mapConflicts(
      this.#db
        .insertInto('invites')
        .values({
          review_id: input.reviewId,
          token_hash: input.tokenHash,
          created_at: input.createdAt,
          created_by_account_id: input.createdByAccountId,
          used_at: null,
          participant_id: null,
          email: input.email,
          name: input.name,
          revoked_at: null,
          send_status: 'pending',
          sent_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    if (input.answers.length > 0) {
      await this.#db
        .insertInto('invite_answers')
        .values(
          input.answers.map((answer) => ({
            invite_id: row.id,
            question_id: answer.questionId,
            option_id: answer.optionId,
          })),
        )
        .execute();
    }
    return inviteFromRow(row);
  }

  async listInvitations(reviewId: number): Promise<InviteRow[]> {
    const rows = await this.#db
      .selectFrom('invites')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('email', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map(inviteFromRow);
  }

  async findInvitation(reviewId: number, inviteId: number): Promise<InviteRow | undefined> {
    const row = await this.#db
      .selectFrom('invites')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', inviteId)
      .where('email', 'is not', null)
      .executeTakeFirst();
    return row && inviteFromRow(row);
  }

  async renewInviteToken(inviteId: number, tokenHash: string): Promise<boolean> {
    const result = await mapConflicts(
      this.#db
        .updateTable('invites')
        .set({ token_hash: tokenHash, revoked_at: null, send_status: 'pending', sent_at: null })
        .where('id', '=', inviteId)
        .where('used_at', 'is', null)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeInvite(inviteId: number, now: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('invites')
      .set({ revoked_at: now })
      .where('id', '=', inviteId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordInviteSent(inviteId: number, status: 'sent' | 'send_failed', at: string): Promise<void> {
    await this.#db
      .updateTable('invites')
      .set({ send_status: status, sent_at: status === 'sent' ? at : null })
      .where('id', '=', inviteId)
      .execute();
  }

  async listInviteAnswers(inviteId: number): Promise<Array<{ questionId: number; optionId: number }>> {
    const rows = await this.#db
      .selectFrom('invite_answers')
      .select(['question_id', 'option_id'])
      .where('invite_id', '=', inviteId)
      .orderBy('question_id')
      .execute();
    return rows.map((row) => ({ questionId: row.question_id, optionId: row.option_id }));
  }

  async deleteInviteAnswers(inviteId: number): Promise<void> {
    await this.#db.deleteFrom('invite_answers').where('invite_id', '=', inviteId).execute();
  }

  // Statements

  async createStatement(input: NewStatement): Promise<StatementRow> {
    const row = await mapConflicts(
      this.#db
        .insertInto('statements')
        .values({
          review_id: input.reviewId,
          text: input.text,
          text_key: input.textKey,
          origin: input.origin,
          moderation: input.moderation,
          is_meta: toInteger(input.isMeta),
          author_participant_id: input.authorParticipantId,
          author_account_id: input.authorAccountId,
          created_at: input.createdAt,
          moderated_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return statementFromRow(row);
  }

  async findStatement(reviewId: number, statementId: number): Promise<StatementRow | undefined> {
    const row = await this.#db
      .selectFrom('statements')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', statementId)
      .executeTakeFirst();
    return row && statementFromRow(row);
  }

  /** In creation order (by id). An empty `moderation` list matches nothing. */
  async listStatements(
    reviewId: number,
    filter?: { moderation?: StatementRow['moderation'][] },
  ): Promise<StatementRow[]> {
    const moderation = filter?.moderation;
    // `in ()` is a syntax error on both databases, and "none of these states" means no statements.
    if (moderation !== undefined && moderation.length === 0) return [];
    let query = this.#db.selectFrom('statements').selectAll().where('review_id', '=', reviewId);
    if (moderation !== undefined) query = query.where('moderation', 'in', moderation);
    const rows = await query.orderBy('id').execute();
    return rows.map(statementFromRow);
  }

  async statementsVersion(reviewId: number): Promise<number> {
    const row = await this.#db
      .selectFrom('statement_versions')
      .select('version')
      .where('review_id', '=', reviewId)
      .executeTakeFirst();
    return row?.version ?? 0;
  }

  /** Returns undefined when the review has no such statement. `isMeta` is left as it was when omitted. */
  async updateStatementModeration(input: {
    reviewId: number;
    statementId: number;
    moderation: StatementRow['moderation'];
    isMeta?: boolean;
    moderatedAt: string;
  }): Promise<StatementRow | undefined> {
    const row = await this.#db
      .updateTable('statements')
      .set({
        moderation: input.moderation,
        is_meta: input.isMeta === undefined ? undefined : toInteger(input.isMeta),
        moderated_at: input.moderatedAt,
      })
      .where('review_id', '=', input.reviewId)
      .where('id', '=', input.statementId)
      .returningAll()
      .executeTakeFirst();
    return row && statementFromRow(row);
  }

  /** Every statement of the review has an entry, whatever its moderation state; unvoted ones count zeros. */
  async statementTallies(reviewId: number): Promise<Map<number, { agree: number; disagree: number; pass: number }>> {
    const rows = await this.#db
      .selectFrom('statements')
      .leftJoin('votes', (join) =>
        join.onRef('votes.statement_id', '=', 'statements.id').onRef('votes.review_id', '=', 'statements.review_id'),
      )
      .select([
        'statements.id as statementId',
        sql<number>`cast(sum(case when ${sql.ref('votes.value')} = 1 then 1 else 0 end) as integer)`.as('agree'),
        sql<number>`cast(sum(case when ${sql.ref('votes.value')} = -1 then 1 else 0 end) as integer)`.as('disagree'),
        sql<number>`cast(sum(case when ${sql.ref('votes.value')} = 0 then 1 else 0 end) as integer)`.as('pass'),
      ])
      .where('statements.review_id', '=', reviewId)
      .groupBy('statements.id')
      .orderBy('statements.id')
      .execute();
    return new Map(
      rows.map((row) => [row.statementId, { agree: row.agree, disagree: row.disagree, pass: row.pass }] as const),
    );
  }

  // Moderation: the queries live in moderation-queries.ts; writes run in one transaction here.

  listModerationQueue(reviewId: number, filter: ModerationQueueFilter): Promise<ModeratedStatementRow[]> {
    return moderation.listModerationQueue(this.#db, reviewId, filter);
  }

  moderationCounts(reviewId: number): Promise<ModerationCount[]> {
    return moderation.moderationCounts(this.#db, reviewId);
  }

  findModeratedStatements(reviewId: number, statementIds: number[]): Promise<ModeratedStatementRow[]> {
    return moderation.findModeratedStatements(this.#db, reviewId, statementIds);
  }

  setStatementsModeration(input: Parameters<Store['setStatementsModeration']>[0]): Promise<ModeratedStatementRow[]> {
    return this.#inTransaction((tx) => moderation.setStatementsModeration(tx.#db, input));
  }

  editStatementText(input: Parameters<Store['editStatementText']>[0]): ReturnType<Store['editStatementText']> {
    return this.#inTransaction((tx) => mapConflicts(moderation.editStatementText(tx.#db, input)));
  }

  setStatementMeta(input: Parameters<Store['setStatementMeta']>[0]): Promise<ModeratedStatementRow | undefined> {
    return this.#inTransaction((tx) => moderation.setStatementMeta(tx.#db, input));
  }

  listModerationEvents(reviewId: number, statementId: number): Promise<ModerationEventRow[]> {
    return moderation.listModerationEvents(this.#db, reviewId, statementId);
  }

  participantStatementActivity(
    reviewId: number,
    participantId: number,
    since: string,
  ): Promise<{ total: number; recentCreatedAt: string[] }> {
    return moderation.participantStatementActivity(this.#db, this.kind, { reviewId, participantId, since });
  }

  // Votes

  /**
   * The last vote recorded wins, whatever its `votedAt`: callers record votes as they arrive.
   * A value outside -1/0/1 throws a RangeError before anything is written. An unknown participant or
   * statement, or one of another review, fails the composite foreign keys and surfaces as the driver's
   * error; commands are expected to refuse those first with a proper message.
   */
  async recordVote(input: NewVote): Promise<void> {
    // The CHECK constraint would refuse it too, but with a message that names neither field nor rule.
    if (input.value !== -1 && input.value !== 0 && input.value !== 1) {
      throw new RangeError(`A vote's value must be -1, 0 or 1, not ${String(input.value)}.`);
    }
    await this.#inTransaction((tx) => tx.#recordVote(input));
  }

  async #recordVote(input: NewVote): Promise<void> {
    await this.#db
      .insertInto('vote_events')
      .values({
        review_id: input.reviewId,
        participant_id: input.participantId,
        statement_id: input.statementId,
        value: input.value,
        voted_at: input.votedAt,
      })
      .execute();
    await this.#upsertCurrentVote(input);
  }

  async #upsertCurrentVote(input: NewVote): Promise<void> {
    await this.#db
      .insertInto('votes')
      .values({
        participant_id: input.participantId,
        statement_id: input.statementId,
        review_id: input.reviewId,
        value: input.value,
        voted_at: input.votedAt,
      })
      .onConflict((conflict) =>
        conflict.columns(['participant_id', 'statement_id']).doUpdateSet((update) => ({
          value: update.ref('excluded.value'),
          voted_at: update.ref('excluded.voted_at'),
        })),
      )
      .execute();
  }

  async recordVotes(inputs: readonly NewVote[]): Promise<RecordedVote[]> {
    for (const input of inputs) {
      if (input.value !== -1 && input.value !== 0 && input.value !== 1) {
        throw new RangeError(`A vote's value must be -1, 0 or 1, not ${String(input.value)}.`);
      }
    }
    if (inputs.length === 0) return [];
    return this.#inTransaction(async (tx) => {
      const results: RecordedVote[] = [];
      // Chunks in order, so a later chunk's vote on a pair still wins over an earlier one's.
      for (const chunk of chunked(inputs, this.#rowsPerInsert(6))) results.push(...(await tx.#recordVoteChunk(chunk)));
      return results;
    });
  }

  /**
   * A batch in three or four statements whatever its size, since per-row statements made the batch
   * cost grow with it: which pairs already have a current vote; every event in one insert, skipping
   * (ON CONFLICT DO NOTHING) those whose participant already used the key; the events found that way;
   * then one upsert of the current votes, the last recorded vote of each pair winning. A replayed vote
   * touches no current vote, so a late retry cannot overwrite a newer vote with an old value.
   */
  async #recordVoteChunk(chunk: readonly NewVote[]): Promise<RecordedVote[]> {
    const pairKey = (vote: { participantId: number; statementId: number }) =>
      `${vote.participantId}:${vote.statementId}`;
    const existingRows = await this.#db
      .selectFrom('votes')
      .select(['participant_id', 'statement_id'])
      .where((where) =>
        where.or(
          chunk.map((vote) =>
            where.and([where('participant_id', '=', vote.participantId), where('statement_id', '=', vote.statementId)]),
          ),
        ),
      )
      .execute();
    const hasCurrentVote = new Set(
      existingRows.map((row) => pairKey({ participantId: row.participant_id, statementId: row.statement_id })),
    );
    const inserted = await this.#db
      .insertInto('vote_events')
      .values(
        chunk.map((vote) => ({
          review_id: vote.reviewId,
          participant_id: vote.participantId,
          statement_id: vote.statementId,
          value: vote.value,
          voted_at: vote.votedAt,
          idempotency_key: vote.idempotencyKey ?? null,
        })),
      )
      .onConflict((conflict) => conflict.columns(['participant_id', 'idempotency_key']).doNothing())
      .returning(['participant_id', 'idempotency_key'])
      .execute();
    const unclaimedKeys = new Set(
      inserted
        .filter((row) => row.idempotency_key !== null)
        .map((row) => `${row.participant_id}:${row.idempotency_key}`),
    );
    const results: RecordedVote[] = [];
    const current = new Map<string, NewVote>();
    for (const vote of chunk) {
      const key = vote.idempotencyKey ?? null;
      if (key !== null && !unclaimedKeys.delete(`${vote.participantId}:${key}`)) {
        // Not inserted: the key was used before, in an earlier request or earlier in this batch.
        const earlier = await this.findVoteEventByIdempotencyKey(vote.participantId, key);
        if (earlier === undefined)
          throw new Error('A vote event conflicted on its idempotency key but cannot be found.');
        results.push({ status: 'replayed', ...earlier });
        continue;
      }
      const pair = pairKey(vote);
      results.push({ status: 'recorded', firstOnStatement: !hasCurrentVote.has(pair) });
      hasCurrentVote.add(pair);
      current.set(pair, vote);
    }
    if (current.size > 0) {
      await this.#db
        .insertInto('votes')
        .values(
          [...current.values()].map((vote) => ({
            participant_id: vote.participantId,
            statement_id: vote.statementId,
            review_id: vote.reviewId,
            value: vote.value,
            voted_at: vote.votedAt,
          })),
        )
        .onConflict((conflict) =>
          conflict.columns(['participant_id', 'statement_id']).doUpdateSet((update) => ({
            value: update.ref('excluded.value'),
            voted_at: update.ref('excluded.voted_at'),
          })),
        )
        .execute();
    }
    return results;
  }

  async findVoteEventByIdempotencyKey(
    participantId: number,
    idempotencyKey: string,
  ): Promise<{ statementId: number; value: -1 | 0 | 1; votedAt: string } | undefined> {
    const row = await this.#db
      .selectFrom('vote_events')
      .select(['statement_id', 'value', 'voted_at'])
      .where('participant_id', '=', participantId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row === undefined ? undefined : { statementId: row.statement_id, value: row.value, votedAt: row.voted_at };
  }

  /** Newest first; votes cast at the same instant fall back to the higher statement id first. */
  async listParticipantVotes(reviewId: number, participantId: number): Promise<CurrentVoteRow[]> {
    const rows = await this.#db
      .selectFrom('votes')
      .select(['participant_id', 'statement_id', 'value', 'voted_at'])
      .where('review_id', '=', reviewId)
      .where('participant_id', '=', participantId)
      .orderBy('voted_at', 'desc')
      .orderBy('statement_id', 'desc')
      .execute();
    return rows.map(currentVoteFromRow);
  }

  async listCurrentVotes(reviewId: number): Promise<CurrentVoteRow[]> {
    const rows = await this.#db
      .selectFrom('votes')
      .select(['participant_id', 'statement_id', 'value', 'voted_at'])
      .where('review_id', '=', reviewId)
      .orderBy('participant_id')
      .orderBy('statement_id')
      .execute();
    return rows.map(currentVoteFromRow);
  }

  async countVoteEvents(reviewId: number): Promise<number> {
    const row = await this.#db
      .selectFrom('vote_events')
      .select(sql<number>`cast(count(*) as integer)`.as('count'))
      .where('review_id', '=', reviewId)
      .executeTakeFirstOrThrow();
    return row.count;
  }

  /** Every statement of the review has an entry (0 when nobody voted on it yet). */
  async currentVoteCounts(reviewId: number): Promise<Map<number, number>> {
    const rows = await this.#db
      .selectFrom('statements')
      .leftJoin('votes', (join) =>
        join.onRef('votes.statement_id', '=', 'statements.id').onRef('votes.review_id', '=', 'statements.review_id'),
      )
      .select([
        'statements.id as statementId',
        sql<number>`cast(count(${sql.ref('votes.participant_id')}) as integer)`.as('count'),
      ])
      .where('statements.review_id', '=', reviewId)
      .groupBy('statements.id')
      .orderBy('statements.id')
      .execute();
    return new Map(rows.map((row) => [row.statementId, row.count] as const));
  }

  async listVoteEvents(reviewId: number): Promise<CurrentVoteRow[]> {
    const rows = await this.#db
      .selectFrom('vote_events')
      .select(['participant_id', 'statement_id', 'value', 'voted_at'])
      .where('review_id', '=', reviewId)
      .orderBy('id')
      .execute();
    return rows.map(currentVoteFromRow);
  }

  async createParticipants(inputs: readonly NewParticipant[]): Promise<ParticipantRow[]> {
    if (inputs.length === 0) return [];
    return this.#inTransaction(async (tx) => {
      const created = new Map<string, ParticipantRow>();
      for (const chunk of chunked(inputs, this.#rowsPerInsert(5))) {
        const rows = await mapConflicts(
          tx.#db
            .insertInto('participants')
            .values(
              chunk.map((input) => ({
                review_id: input.reviewId,
                token_hash: input.tokenHash,
                seed: input.seed,
                created_at: input.createdAt,
                verified: toInteger(input.verified ?? false),
              })),
            )
            .returningAll()
            .execute(),
        );
        // Neither database promises RETURNING rows in VALUES order; (review, token hash) is unique.
        for (const row of rows) created.set(`${row.review_id}:${row.token_hash}`, participantFromRow(row));
      }
      return inputs.map((input) => created.get(`${input.reviewId}:${input.tokenHash}`) as ParticipantRow);
    });
  }

  async importVotes(reviewId: number, votes: readonly Omit<NewVote, 'reviewId'>[]): Promise<void> {
    for (const vote of votes) {
      if (vote.value !== -1 && vote.value !== 0 && vote.value !== 1) {
        throw new RangeError(`A vote's value must be -1, 0 or 1, not ${String(vote.value)}.`);
      }
    }
    if (votes.length === 0) return;
    // One multi-row upsert may not touch a row twice (PostgreSQL refuses), so keep each pair's last event.
    const current = new Map<string, Omit<NewVote, 'reviewId'>>();
    for (const vote of votes) current.set(`${vote.participantId}:${vote.statementId}`, vote);
    const rowsPerInsert = this.#rowsPerInsert(5);
    await this.#inTransaction(async (tx) => {
      // An import creates its participants and statements in this same transaction, where autovacuum
      // cannot see them; with stale statistics PostgreSQL plans the votes' foreign-key checks badly.
      // Refreshing them first made a 300k-vote import about three times faster.
      if (this.kind === 'postgres') await sql`analyze participants, statements`.execute(tx.#db);
      for (const chunk of chunked(votes, rowsPerInsert)) {
        await tx.#db
          .insertInto('vote_events')
          .values(
            chunk.map((vote) => ({
              review_id: reviewId,
              participant_id: vote.participantId,
              statement_id: vote.statementId,
              value: vote.value,
              voted_at: vote.votedAt,
            })),
          )
          .execute();
      }
      for (const chunk of chunked([...current.values()], rowsPerInsert)) {
        await tx.#db
          .insertInto('votes')
          .values(
            chunk.map((vote) => ({
              participant_id: vote.participantId,
              statement_id: vote.statementId,
              review_id: reviewId,
              value: vote.value,
              voted_at: vote.votedAt,
            })),
          )
          .onConflict((conflict) =>
            conflict.columns(['participant_id', 'statement_id']).doUpdateSet((update) => ({
              value: update.ref('excluded.value'),
              voted_at: update.ref('excluded.voted_at'),
            })),
          )
          .execute();
      }
    });
  }

  /**
   * Rows of `columns` values that fit one statement's bound parameters: SQLite's default
   * SQLITE_MAX_VARIABLE_NUMBER is 32766, PostgreSQL's protocol carries at most 65535.
   */
  #rowsPerInsert(columns: number): number {
    const maxParameters = this.kind === 'sqlite' ? 32_766 : 65_535;
    return Math.floor(maxParameters / columns);
  }

  // Analyses

  /**
   * Two workers saving at once for one review would pick the same version; the UNIQUE (review_id,
   * version) constraint turns the loser into a `StoreConflictError` rather than a silent duplicate.
   */
  async saveAnalysis(input: NewAnalysis): Promise<{ version: number }> {
    return this.#inTransaction((tx) => tx.#saveAnalysis(input));
  }

  async #saveAnalysis(input: NewAnalysis): Promise<{ version: number }> {
    const last = await this.#db
      .selectFrom('analyses')
      .select(sql<number | null>`max(version)`.as('version'))
      .where('review_id', '=', input.reviewId)
      .executeTakeFirstOrThrow();
    const version = last.version === null ? 1 : Number(last.version) + 1;
    await mapConflicts(
      this.#db
        .insertInto('analyses')
        .values({
          review_id: input.reviewId,
          version,
          created_at: input.createdAt,
          vote_event_count: input.voteEventCount,
          result: input.result,
        })
        .execute(),
    );
    return { version };
  }

  async latestAnalysis(reviewId: number): Promise<AnalysisRow | undefined> {
    const row = await this.#db
      .selectFrom('analyses')
      .select(['version', 'created_at', 'vote_event_count', 'result'])
      .where('review_id', '=', reviewId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (
      row && {
        version: row.version,
        createdAt: row.created_at,
        voteEventCount: row.vote_event_count,
        result: row.result,
      }
    );
  }

  // Team, audit log and dashboard: the queries live in team-audit-queries.ts.

  createTeamInvitation(input: NewTeamInvitation): Promise<TeamInvitationRow> {
    return mapConflicts(teamAudit.createTeamInvitation(this.#db, input));
  }

  findTeamInvitationByTokenHash(tokenHash: string): Promise<TeamInvitationRow | undefined> {
    return teamAudit.findTeamInvitationByTokenHash(this.#db, tokenHash);
  }

  listPendingTeamInvitations(reviewId: number, now: string): Promise<TeamInvitationRow[]> {
    return teamAudit.listPendingTeamInvitations(this.#db, reviewId, now);
  }

  acceptTeamInvitation(invitationId: number, accountId: number, now: string): Promise<boolean> {
    return teamAudit.acceptTeamInvitation(this.#db, invitationId, accountId, now);
  }

  revokeTeamInvitations(
    reviewId: number,
    which: { invitationId: number } | { email: string },
    now: string,
  ): Promise<number> {
    return teamAudit.revokeTeamInvitations(this.#db, reviewId, which, now);
  }

  listReviewTeam(reviewId: number): Promise<TeamMemberRow[]> {
    return teamAudit.listReviewTeam(this.#db, reviewId);
  }

  removeReviewRole(reviewId: number, accountId: number): Promise<boolean> {
    return teamAudit.removeReviewRole(this.#db, reviewId, accountId);
  }

  countReviewRole(reviewId: number, role: ReviewRole): Promise<number> {
    return teamAudit.countReviewRole(this.#db, reviewId, role);
  }

  recordAuditEvent(input: NewAuditEvent): Promise<AuditEventRow> {
    return teamAudit.recordAuditEvent(this.#db, input);
  }

  listAuditEvents(reviewId: number, page: { limit: number; beforeId?: number }): Promise<AuditEventRow[]> {
    return teamAudit.listAuditEvents(this.#db, reviewId, page);
  }

  dashboardCounts(reviewId: number, activeSince: string): Promise<DashboardCounts> {
    return teamAudit.dashboardCounts(this.#db, reviewId, activeSince);
  }

  identityAnswerCounts(reviewId: number): Promise<Array<{ questionId: number; optionId: number; count: number }>> {
    return teamAudit.identityAnswerCounts(this.#db, reviewId);
  }

  async #currentSchema(): Promise<string> {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.#db);
    const schema = result.rows[0]?.schema;
    if (schema === undefined) throw new Error('PostgreSQL reports no current schema; check search_path.');
    return schema;
  }
}

/**
 * Rows per multi-row INSERT. SQLite binds at most 32,766 parameters per statement and PostgreSQL
 * 65,535; 500 rows of the widest table written in bulk (places, 7 columns) stays far below both.
 */
const insertChunkSize = 500;

function placeFromRow(row: Selectable<Database['places']>): PlaceRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    code: row.code,
    name: row.name,
    nameCy: row.name_cy,
    region: row.region,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    position: row.position,
  };
}

function* chunked<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

function toInteger(value: boolean): IntegerBoolean {
  return value ? 1 : 0;
}

function accountFromRow(row: Selectable<Database['accounts']>): AccountRow {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    isInstanceOwner: row.is_instance_owner === 1,
    createdAt: row.created_at,
  };
}

function reviewFromRow(row: Selectable<ReviewsTable>): ReviewRow {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    introduction: row.introduction,
    status: row.status,
    visibility: row.visibility,
    moderationMode: row.moderation_mode,
    participantsCanAddStatements: row.participants_can_add_statements === 1,
    resultsVisibility: row.results_visibility === 'public' ? 'public' : 'team',
    votesOnErasure: row.votes_on_erasure === 'anonymise' ? 'anonymise' : 'remove',
    retentionDays: row.retention_days,
    privacyContact: row.privacy_contact,
    closedAt: row.closed_at,
    identifyingDataDeletedAt: row.identifying_data_deleted_at,
    createdByAccountId: row.created_by_account_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

function participantFromRow(row: Selectable<Database['participants']>): ParticipantRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    tokenHash: row.token_hash,
    seed: row.seed,
    createdAt: row.created_at,
    verified: row.verified === 1,
  };
}

function inviteFromRow(row: Selectable<Database['invites']>): InviteRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    usedAt: row.used_at,
    email: row.email,
    name: row.name,
    revokedAt: row.revoked_at,
    sendStatus: row.send_status,
    sentAt: row.sent_at,
  };
}

function statementFromRow(row: Selectable<StatementsTable>): StatementRow {
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
  };
}

function currentVoteFromRow(row: {
  participant_id: number;
  statement_id: number;
  value: -1 | 0 | 1;
  voted_at: string;
}): CurrentVoteRow {
  return { participantId: row.participant_id, statementId: row.statement_id, value: row.value, votedAt: row.voted_at };
}

/** Awaits a write, turning a uniqueness violation into `StoreConflictError`. */
async function mapConflicts<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw conflictFromError(error) ?? error;
  }
}

/**
 * Recognises a uniqueness violation from either driver and names its constraint the same way on both.
 * PostgreSQL (SQLSTATE 23505) names the constraint itself. SQLite reports only the columns
 * ("UNIQUE constraint failed: statements.review_id, statements.text_key"), so the name is rebuilt with
 * the migrations' convention: `<table>_<columns>_unique`, or `<table>_pkey` for a primary key.
 */
export function conflictFromError(error: unknown): StoreConflictError | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (error.code === '23505') {
    const constraint = 'constraint' in error && typeof error.constraint === 'string' ? error.constraint : 'unknown';
    return new StoreConflictError(constraint, message);
  }
  if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = /constraint failed: (.+)$/.exec(message)?.[1]?.split(', ') ?? [];
    const table = columns[0]?.split('.')[0] ?? 'unknown';
    const constraint =
      error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
        ? `${table}_pkey`
        : `${table}_${columns.map((column) => column.split('.')[1]).join('_')}_unique`;
    return new StoreConflictError(constraint, message);
  }
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
