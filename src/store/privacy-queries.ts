import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * A participant's data (export and erasure) and the retention clean-up (migration 0011):
 * `store.privacy`. Kept apart from the main Store interface so these cross-table reads and deletes
 * have one home; the KyselyStore hands it its connection, which may be a transaction.
 */
export interface PrivacyStore {
  /** Everything held about one participant of the review; undefined when the review has no such participant. */
  participantData(reviewId: number, participantId: number): Promise<ParticipantDataRows | undefined>;
  /**
   * Erases a participant in one transaction (joined if already in one): identity answers, prompt
   * answers, feedback, the participant row with its token hash, and their statements (unlinked when
   * someone else has voted on them, deleted otherwise). Their votes are deleted, or with
   * `votes: 'anonymise'` moved to a new participant made from `anonymous` (a token hash nobody holds),
   * each vote's time cut to the day of erasure and the history of changes reduced to the current votes.
   */
  eraseParticipant(input: ErasureInput): Promise<ErasureCounts>;
  /** Closed reviews that have a retention period, for the retention job to decide which are due. */
  listRetentionCandidates(): Promise<RetentionCandidateRow[]>;
  /**
   * Deletes the review's identifying data and notes `at` as when it was done, in one transaction:
   * identity answers, prompt answers, invitees' emails, names and pre-filled answers, statement and
   * feedback authorship, participants' cookie token hashes, and the names, emails and answers of
   * registrations for the review's events that have ended. Votes and statement texts stay.
   */
  deleteIdentifyingData(reviewId: number, at: string): Promise<RetentionCounts>;
}

export interface ParticipantDataRows {
  participant: { id: number; createdAt: string; verified: boolean };
  identityAnswers: Array<{
    questionId: number;
    question: string;
    optionId: number;
    option: string;
    answeredAt: string;
  }>;
  votes: Array<{ statementId: number; statement: string; value: -1 | 0 | 1; votedAt: string }>;
  voteHistory: Array<{ statementId: number; value: -1 | 0 | 1; votedAt: string }>;
  statements: Array<{ id: number; text: string; moderation: 'pending' | 'accepted' | 'rejected'; createdAt: string }>;
  promptAnswers: Array<{ promptId: number; prompt: string; text: string; createdAt: string; updatedAt: string }>;
  feedback: Array<{ rating: number | null; text: string | null; createdAt: string }>;
}

export interface ErasureInput {
  reviewId: number;
  participantId: number;
  votes: 'remove' | 'anonymise';
  at: string;
  /** The stand-in participant for anonymised votes; unused when votes are removed. */
  anonymous: { tokenHash: string; seed: number };
}

export interface ErasureCounts {
  identityAnswers: number;
  votesRemoved: number;
  votesAnonymised: number;
  statementsRemoved: number;
  statementsUnlinked: number;
  promptAnswers: number;
  feedback: number;
}

export interface RetentionCandidateRow {
  reviewId: number;
  slug: string;
  closedAt: string;
  retentionDays: number;
  identifyingDataDeletedAt: string | null;
}

export interface RetentionCounts {
  identityAnswers: number;
  promptAnswers: number;
  invitations: number;
  inviteAnswers: number;
  statementAuthors: number;
  feedbackAuthors: number;
  participantTokens: number;
  registrations: number;
}

/** Stands in for a cookie token hash once retention has run: not hex, so no token hashes to it. */
const retiredTokenPrefix = 'retired:';
/** Stands in for a registration's email once retention has run, unique per row as the index needs. */
const removedEmailPrefix = 'removed:';

export class KyselyPrivacyStore implements PrivacyStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async #inTransaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this.#db);
    return this.#db.transaction().execute((trx: Transaction<Database>) => work(trx));
  }

  async participantData(reviewId: number, participantId: number): Promise<ParticipantDataRows | undefined> {
    const db = this.#db;
    const participant = await db
      .selectFrom('participants')
      .select(['id', 'created_at', 'verified'])
      .where('review_id', '=', reviewId)
      .where('id', '=', participantId)
      .executeTakeFirst();
    if (!participant) return undefined;
    const [identityAnswers, votes, voteHistory, statements, promptAnswers, feedback] = await Promise.all([
      db
        .selectFrom('identity_answers')
        .innerJoin('identity_questions', 'identity_questions.id', 'identity_answers.question_id')
        .innerJoin('identity_options', 'identity_options.id', 'identity_answers.option_id')
        .select([
          'identity_answers.question_id as questionId',
          'identity_questions.prompt as question',
          'identity_answers.option_id as optionId',
          'identity_options.label as option',
          'identity_answers.answered_at as answeredAt',
        ])
        .where('identity_answers.participant_id', '=', participantId)
        .orderBy('identity_questions.position')
        .execute(),
      db
        .selectFrom('votes')
        .innerJoin('statements', 'statements.id', 'votes.statement_id')
        .select([
          'votes.statement_id as statementId',
          'statements.text as statement',
          'votes.value as value',
          'votes.voted_at as votedAt',
        ])
        .where('votes.review_id', '=', reviewId)
        .where('votes.participant_id', '=', participantId)
        .orderBy('votes.voted_at')
        .orderBy('votes.statement_id')
        .execute(),
      db
        .selectFrom('vote_events')
        .select(['statement_id as statementId', 'value', 'voted_at as votedAt'])
        .where('review_id', '=', reviewId)
        .where('participant_id', '=', participantId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('statements')
        .select(['id', 'text', 'moderation', 'created_at as createdAt'])
        .where('review_id', '=', reviewId)
        .where('author_participant_id', '=', participantId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('prompt_answers')
        .innerJoin('prompts', 'prompts.id', 'prompt_answers.prompt_id')
        .select([
          'prompt_answers.prompt_id as promptId',
          'prompts.text as prompt',
          'prompt_answers.text as text',
          'prompt_answers.created_at as createdAt',
          'prompt_answers.updated_at as updatedAt',
        ])
        .where('prompt_answers.review_id', '=', reviewId)
        .where('prompt_answers.participant_id', '=', participantId)
        .orderBy('prompts.position')
        .execute(),
      db
        .selectFrom('feedback')
        .select(['rating', 'text', 'created_at as createdAt'])
        .where('review_id', '=', reviewId)
        .where('participant_id', '=', participantId)
        .orderBy('id')
        .execute(),
    ]);
    return {
      participant: { id: participant.id, createdAt: participant.created_at, verified: participant.verified === 1 },
      identityAnswers,
      votes,
      voteHistory,
      statements,
      promptAnswers,
      feedback,
    };
  }

  async eraseParticipant(input: ErasureInput): Promise<ErasureCounts> {
    const { reviewId, participantId } = input;
    return this.#inTransaction(async (db) => {
      const { identityAnswers } = await db
        .selectFrom('identity_answers')
        .select(sql<number>`cast(count(*) as integer)`.as('identityAnswers'))
        .where('participant_id', '=', participantId)
        .executeTakeFirstOrThrow();
      const promptAnswers = Number(
        (
          await db
            .deleteFrom('prompt_answers')
            .where('review_id', '=', reviewId)
            .where('participant_id', '=', participantId)
            .executeTakeFirst()
        ).numDeletedRows,
      );
      const feedback = Number(
        (
          await db
            .deleteFrom('feedback')
            .where('review_id', '=', reviewId)
            .where('participant_id', '=', participantId)
            .executeTakeFirst()
        ).numDeletedRows,
      );

      // A statement someone else has voted on is part of their votes too: it stays, without its author.
      // One nobody else voted on is only this participant's, so it goes (its votes and history with it).
      const unlinked = await db
        .updateTable('statements')
        .set({ author_participant_id: null })
        .where('review_id', '=', reviewId)
        .where('author_participant_id', '=', participantId)
        .where(
          sql<boolean>`exists (select 1 from votes as other where other.statement_id = statements.id and other.participant_id <> ${participantId})`,
        )
        .executeTakeFirst();
      const removed = await db
        .deleteFrom('statements')
        .where('review_id', '=', reviewId)
        .where('author_participant_id', '=', participantId)
        .executeTakeFirst();

      const currentVotes = await db
        .selectFrom('votes')
        .select(['statement_id', 'value'])
        .where('review_id', '=', reviewId)
        .where('participant_id', '=', participantId)
        .orderBy('statement_id')
        .execute();
      let votesAnonymised = 0;
      if (input.votes === 'anonymise' && currentVotes.length > 0) {
        // A day, not a time: the exact moments of voting could match the erased participant to an
        // earlier export, and for the analysis only the votes themselves matter.
        const day = `${input.at.slice(0, 10)}T00:00:00.000Z`;
        const stand = await db
          .insertInto('participants')
          .values({
            review_id: reviewId,
            token_hash: input.anonymous.tokenHash,
            seed: input.anonymous.seed,
            created_at: day,
            verified: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const rows = currentVotes.map((vote) => ({
          review_id: reviewId,
          participant_id: stand.id,
          statement_id: vote.statement_id,
          value: vote.value,
          voted_at: day,
        }));
        for (let start = 0; start < rows.length; start += 500) {
          const batch = rows.slice(start, start + 500);
          await db.insertInto('vote_events').values(batch).execute();
          await db.insertInto('votes').values(batch).execute();
        }
        votesAnonymised = rows.length;
      }

      // Identity answers, votes, vote history and prompt answers go with the row (ON DELETE CASCADE).
      await db.deleteFrom('participants').where('review_id', '=', reviewId).where('id', '=', participantId).execute();
      return {
        identityAnswers,
        votesRemoved: currentVotes.length - votesAnonymised,
        votesAnonymised,
        statementsRemoved: Number(removed.numDeletedRows),
        statementsUnlinked: Number(unlinked.numUpdatedRows),
        promptAnswers,
        feedback,
      };
    });
  }

  async listRetentionCandidates(): Promise<RetentionCandidateRow[]> {
    const rows = await this.#db
      .selectFrom('reviews')
      .select(['id', 'slug', 'closed_at', 'retention_days', 'identifying_data_deleted_at'])
      .where('status', '=', 'closed')
      .where('closed_at', 'is not', null)
      .where('retention_days', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.flatMap((row) =>
      row.closed_at === null || row.retention_days === null
        ? []
        : [
            {
              reviewId: row.id,
              slug: row.slug,
              closedAt: row.closed_at,
              retentionDays: row.retention_days,
              identifyingDataDeletedAt: row.identifying_data_deleted_at,
            },
          ],
    );
  }

  async deleteIdentifyingData(reviewId: number, at: string): Promise<RetentionCounts> {
    return this.#inTransaction(async (db) => {
      const reviewParticipants = db.selectFrom('participants').select('id').where('review_id', '=', reviewId);
      const reviewInvites = db.selectFrom('invites').select('id').where('review_id', '=', reviewId);
      const identityAnswers = await db
        .deleteFrom('identity_answers')
        .where('participant_id', 'in', reviewParticipants)
        .executeTakeFirst();
      const promptAnswers = await db.deleteFrom('prompt_answers').where('review_id', '=', reviewId).executeTakeFirst();
      const inviteAnswers = await db
        .deleteFrom('invite_answers')
        .where('invite_id', 'in', reviewInvites)
        .executeTakeFirst();
      const invitations = await db
        .updateTable('invites')
        .set({ email: null, name: null })
        .where('review_id', '=', reviewId)
        .where((eb) => eb.or([eb('email', 'is not', null), eb('name', 'is not', null)]))
        .executeTakeFirst();
      const statementAuthors = await db
        .updateTable('statements')
        .set({ author_participant_id: null })
        .where('review_id', '=', reviewId)
        .where('author_participant_id', 'is not', null)
        .executeTakeFirst();
      const feedbackAuthors = await db
        .updateTable('feedback')
        .set({ participant_id: null })
        .where('review_id', '=', reviewId)
        .where('participant_id', 'is not', null)
        .executeTakeFirst();
      // Without its hash, a browser's cookie no longer finds its votes: the device stops identifying them.
      const participantTokens = await db
        .updateTable('participants')
        .set({ token_hash: sql<string>`${retiredTokenPrefix} || cast(id as text)` })
        .where('review_id', '=', reviewId)
        .where('token_hash', 'not like', `${retiredTokenPrefix}%`)
        .executeTakeFirst();
      // Only events that have ended: an upcoming one still needs its guests' addresses for reminders.
      const endedEvents = db
        .selectFrom('events')
        .select('id')
        .where('review_id', '=', reviewId)
        .where('ends_at', '<=', at);
      const registrations = await db
        .updateTable('event_registrations')
        .set({ name: '', email: sql<string>`${removedEmailPrefix} || cast(id as text)`, answers: '[]', updated_at: at })
        .where('event_id', 'in', endedEvents)
        .where('email', 'not like', `${removedEmailPrefix}%`)
        .executeTakeFirst();
      await db.updateTable('reviews').set({ identifying_data_deleted_at: at }).where('id', '=', reviewId).execute();
      return {
        identityAnswers: Number(identityAnswers.numDeletedRows),
        promptAnswers: Number(promptAnswers.numDeletedRows),
        invitations: Number(invitations.numUpdatedRows),
        inviteAnswers: Number(inviteAnswers.numDeletedRows),
        statementAuthors: Number(statementAuthors.numUpdatedRows),
        feedbackAuthors: Number(feedbackAuthors.numUpdatedRows),
        participantTokens: Number(participantTokens.numUpdatedRows),
        registrations: Number(registrations.numUpdatedRows),
      };
    });
  }
}
