import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PromptsTable, VoterVoicesTable } from './schema.js';

/**
 * Prompts, answers, feedback and voter voices (migration 0008): `store.listening`. Kept apart from the
 * main Store interface so this part of the schema has one home; the KyselyStore hands it its
 * connection, which may be a transaction, so commands can compose these inside `store.transaction`.
 */
export interface ListeningStore {
  /** Adds a prompt after the review's last one. */
  createPrompt(input: NewPrompt): Promise<PromptRow>;
  /** Undefined when the review has no such prompt. */
  updatePrompt(
    reviewId: number,
    promptId: number,
    changes: { text?: string; maxLength?: number; updatedAt: string },
  ): Promise<PromptRow | undefined>;
  /** Deletes the prompt with its answers; false when the review has no such prompt. */
  deletePrompt(reviewId: number, promptId: number): Promise<boolean>;
  findPrompt(reviewId: number, promptId: number): Promise<PromptRow | undefined>;
  /** The review's prompts in order, each with how many answers it has. */
  listPrompts(reviewId: number): Promise<PromptRow[]>;

  /** Writes the participant's answer to the prompt, replacing an earlier one (one per participant per prompt). */
  savePromptAnswer(input: NewPromptAnswer): Promise<OwnPromptAnswerRow>;
  /** False when the participant had no answer to the prompt. */
  deletePromptAnswer(promptId: number, participantId: number): Promise<boolean>;
  /** The participant's own answers in the review, by prompt order. */
  listOwnPromptAnswers(reviewId: number, participantId: number): Promise<OwnPromptAnswerRow[]>;
  /** Every answer of the review, oldest first, without who wrote it. */
  listPromptAnswers(reviewId: number): Promise<PromptAnswerRow[]>;
  findPromptAnswer(reviewId: number, answerId: number): Promise<PromptAnswerRow | undefined>;

  recordFeedback(input: NewFeedback): Promise<FeedbackRow>;
  /** The review's feedback, newest first, without who gave it. */
  listFeedback(reviewId: number): Promise<FeedbackRow[]>;
  /** How many feedback responses gave each rating (null: no rating, only words), for the report. */
  countFeedbackRatings(reviewId: number): Promise<Array<{ rating: number | null; count: number }>>;

  /** Replaces both option lists for voter voices, in one transaction. */
  replaceVoiceOptions(reviewId: number, lists: VoiceOptionLists): Promise<VoiceOptionLists>;
  listVoiceOptions(reviewId: number): Promise<VoiceOptionLists>;

  /**
   * Stores a voice unless the review already has one with the same idempotency key, in which case
   * that one is returned with `created: false` and nothing is written. Safe under concurrent retries
   * (the insert itself skips on the unique key), so it needs no transaction.
   */
  recordVoterVoice(input: NewVoterVoice): Promise<{ created: boolean; voice: VoterVoiceRow }>;
  /** The review's voices, oldest first. */
  listVoterVoices(reviewId: number): Promise<VoterVoiceRow[]>;
  findVoterVoice(reviewId: number, voiceId: number): Promise<VoterVoiceRow | undefined>;

  /** Stores a run of the theme engine (its JSON) for the review. */
  saveThemeRun(input: {
    reviewId: number;
    answerCount: number;
    result: string;
    createdAt: string;
  }): Promise<ThemeRunRow>;
  /** The review's latest theme run, or undefined before the first. */
  latestThemeRun(reviewId: number): Promise<ThemeRunRow | undefined>;

  /** Notes what a statement was promoted from. */
  setStatementSource(reviewId: number, statementId: number, source: StatementSource): Promise<void>;
  /** The review's statements that were promoted from an answer or a voice, by statement id. */
  listStatementSources(reviewId: number): Promise<Array<StatementSource & { statementId: number }>>;
}

export interface PromptRow {
  id: number;
  reviewId: number;
  text: string;
  maxLength: number;
  position: number;
  answerCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewPrompt {
  reviewId: number;
  text: string;
  maxLength: number;
  createdAt: string;
}

export interface NewPromptAnswer {
  reviewId: number;
  promptId: number;
  participantId: number;
  text: string;
  at: string;
}

/** An answer as its moderators see it: no participant. */
export interface PromptAnswerRow {
  id: number;
  promptId: number;
  text: string;
  createdAt: string;
  updatedAt: string;
}

/** An answer as its author sees it. */
export type OwnPromptAnswerRow = PromptAnswerRow;

export interface NewFeedback {
  reviewId: number;
  participantId: number | null;
  rating: number | null;
  text: string | null;
  createdAt: string;
}

export interface FeedbackRow {
  id: number;
  rating: number | null;
  text: string | null;
  createdAt: string;
}

export interface VoiceOptionLists {
  pastVote: string[];
  intention: string[];
}

export interface NewVoterVoice {
  reviewId: number;
  /** Null only for a seat whose place has since gone; the code and name always stay. */
  placeId: number | null;
  placeCode: string;
  placeName: string;
  pastVote: string | null;
  intention: string | null;
  text: string;
  recordedByAccountId: number;
  idempotencyKey: string;
  createdAt: string;
}

export interface VoterVoiceRow {
  id: number;
  reviewId: number;
  placeId: number | null;
  placeCode: string;
  placeName: string;
  pastVote: string | null;
  intention: string | null;
  text: string;
  recordedByAccountId: number | null;
  idempotencyKey: string;
  createdAt: string;
}

export interface ThemeRunRow {
  id: number;
  answerCount: number;
  result: string;
  createdAt: string;
}

export type StatementSource = { sourceKind: 'prompt_answer' | 'voter_voice'; sourceId: number };

const integerCount = sql<number>`cast(count(*) as integer)`;

export class KyselyListeningStore implements ListeningStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async #inTransaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this.#db);
    return this.#db.transaction().execute(work);
  }

  async createPrompt(input: NewPrompt): Promise<PromptRow> {
    const last = await this.#db
      .selectFrom('prompts')
      .select(sql<number | null>`max(position)`.as('position'))
      .where('review_id', '=', input.reviewId)
      .executeTakeFirst();
    const row = await this.#db
      .insertInto('prompts')
      .values({
        review_id: input.reviewId,
        text: input.text,
        max_length: input.maxLength,
        position: (last?.position ?? -1) + 1,
        created_at: input.createdAt,
        updated_at: input.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return promptFromRow({ ...row, answer_count: 0 });
  }

  async updatePrompt(
    reviewId: number,
    promptId: number,
    changes: { text?: string; maxLength?: number; updatedAt: string },
  ): Promise<PromptRow | undefined> {
    const updated = await this.#db
      .updateTable('prompts')
      .set({ text: changes.text, max_length: changes.maxLength, updated_at: changes.updatedAt })
      .where('review_id', '=', reviewId)
      .where('id', '=', promptId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return undefined;
    return this.findPrompt(reviewId, promptId);
  }

  async deletePrompt(reviewId: number, promptId: number): Promise<boolean> {
    const deleted = await this.#db
      .deleteFrom('prompts')
      .where('review_id', '=', reviewId)
      .where('id', '=', promptId)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }

  async findPrompt(reviewId: number, promptId: number): Promise<PromptRow | undefined> {
    return (await this.#promptsWithCounts(reviewId, promptId))[0];
  }

  listPrompts(reviewId: number): Promise<PromptRow[]> {
    return this.#promptsWithCounts(reviewId);
  }

  async #promptsWithCounts(reviewId: number, promptId?: number): Promise<PromptRow[]> {
    let query = this.#db
      .selectFrom('prompts')
      .selectAll('prompts')
      .select((eb) =>
        eb
          .selectFrom('prompt_answers')
          .select(integerCount.as('count'))
          .whereRef('prompt_answers.prompt_id', '=', 'prompts.id')
          .as('answer_count'),
      )
      .where('prompts.review_id', '=', reviewId);
    if (promptId !== undefined) query = query.where('prompts.id', '=', promptId);
    const rows = await query.orderBy('prompts.position').orderBy('prompts.id').execute();
    return rows.map(promptFromRow);
  }

  async savePromptAnswer(input: NewPromptAnswer): Promise<OwnPromptAnswerRow> {
    const row = await this.#db
      .insertInto('prompt_answers')
      .values({
        review_id: input.reviewId,
        prompt_id: input.promptId,
        participant_id: input.participantId,
        text: input.text,
        created_at: input.at,
        updated_at: input.at,
      })
      .onConflict((conflict) =>
        conflict.columns(['prompt_id', 'participant_id']).doUpdateSet({ text: input.text, updated_at: input.at }),
      )
      .returning(['id', 'prompt_id', 'text', 'created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    return answerFromRow(row);
  }

  async deletePromptAnswer(promptId: number, participantId: number): Promise<boolean> {
    const deleted = await this.#db
      .deleteFrom('prompt_answers')
      .where('prompt_id', '=', promptId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }

  async listOwnPromptAnswers(reviewId: number, participantId: number): Promise<OwnPromptAnswerRow[]> {
    const rows = await this.#db
      .selectFrom('prompt_answers')
      .innerJoin('prompts', 'prompts.id', 'prompt_answers.prompt_id')
      .select([
        'prompt_answers.id',
        'prompt_answers.prompt_id',
        'prompt_answers.text',
        'prompt_answers.created_at',
        'prompt_answers.updated_at',
      ])
      .where('prompt_answers.review_id', '=', reviewId)
      .where('prompt_answers.participant_id', '=', participantId)
      .orderBy('prompts.position')
      .orderBy('prompts.id')
      .execute();
    return rows.map(answerFromRow);
  }

  async listPromptAnswers(reviewId: number): Promise<PromptAnswerRow[]> {
    const rows = await this.#db
      .selectFrom('prompt_answers')
      .select(['id', 'prompt_id', 'text', 'created_at', 'updated_at'])
      .where('review_id', '=', reviewId)
      .orderBy('id')
      .execute();
    return rows.map(answerFromRow);
  }

  async findPromptAnswer(reviewId: number, answerId: number): Promise<PromptAnswerRow | undefined> {
    const row = await this.#db
      .selectFrom('prompt_answers')
      .select(['id', 'prompt_id', 'text', 'created_at', 'updated_at'])
      .where('review_id', '=', reviewId)
      .where('id', '=', answerId)
      .executeTakeFirst();
    return row && answerFromRow(row);
  }

  async recordFeedback(input: NewFeedback): Promise<FeedbackRow> {
    const row = await this.#db
      .insertInto('feedback')
      .values({
        review_id: input.reviewId,
        participant_id: input.participantId,
        rating: input.rating,
        text: input.text,
        created_at: input.createdAt,
      })
      .returning(['id', 'rating', 'text', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, rating: row.rating, text: row.text, createdAt: row.created_at };
  }

  async listFeedback(reviewId: number): Promise<FeedbackRow[]> {
    const rows = await this.#db
      .selectFrom('feedback')
      .select(['id', 'rating', 'text', 'created_at'])
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({ id: row.id, rating: row.rating, text: row.text, createdAt: row.created_at }));
  }

  async countFeedbackRatings(reviewId: number): Promise<Array<{ rating: number | null; count: number }>> {
    const rows = await this.#db
      .selectFrom('feedback')
      .select(['rating', sql<number>`cast(count(*) as integer)`.as('count')])
      .where('review_id', '=', reviewId)
      .groupBy('rating')
      .execute();
    return rows.map((row) => ({ rating: row.rating, count: Number(row.count) }));
  }

  replaceVoiceOptions(reviewId: number, lists: VoiceOptionLists): Promise<VoiceOptionLists> {
    return this.#inTransaction(async (db) => {
      await db.deleteFrom('voice_options').where('review_id', '=', reviewId).execute();
      const rows = [
        ...lists.pastVote.map((label, position) => ({ list: 'past_vote' as const, label, position })),
        ...lists.intention.map((label, position) => ({ list: 'intention' as const, label, position })),
      ];
      if (rows.length > 0) {
        await db
          .insertInto('voice_options')
          .values(rows.map((row) => ({ review_id: reviewId, ...row })))
          .execute();
      }
      return new KyselyListeningStore(db).listVoiceOptions(reviewId);
    });
  }

  async listVoiceOptions(reviewId: number): Promise<VoiceOptionLists> {
    const rows = await this.#db
      .selectFrom('voice_options')
      .select(['list', 'label'])
      .where('review_id', '=', reviewId)
      .orderBy('list')
      .orderBy('position')
      .execute();
    return {
      pastVote: rows.filter((row) => row.list === 'past_vote').map((row) => row.label),
      intention: rows.filter((row) => row.list === 'intention').map((row) => row.label),
    };
  }

  async recordVoterVoice(input: NewVoterVoice): Promise<{ created: boolean; voice: VoterVoiceRow }> {
    const inserted = await this.#db
      .insertInto('voter_voices')
      .values({
        review_id: input.reviewId,
        place_id: input.placeId,
        place_code: input.placeCode,
        place_name: input.placeName,
        past_vote: input.pastVote,
        intention: input.intention,
        text: input.text,
        consent: 1,
        recorded_by_account_id: input.recordedByAccountId,
        idempotency_key: input.idempotencyKey,
        created_at: input.createdAt,
      })
      .onConflict((conflict) => conflict.columns(['review_id', 'idempotency_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) return { created: true, voice: voiceFromRow(inserted) };
    const existing = await this.#db
      .selectFrom('voter_voices')
      .selectAll()
      .where('review_id', '=', input.reviewId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { created: false, voice: voiceFromRow(existing) };
  }

  async listVoterVoices(reviewId: number): Promise<VoterVoiceRow[]> {
    const rows = await this.#db
      .selectFrom('voter_voices')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('id')
      .execute();
    return rows.map(voiceFromRow);
  }

  async findVoterVoice(reviewId: number, voiceId: number): Promise<VoterVoiceRow | undefined> {
    const row = await this.#db
      .selectFrom('voter_voices')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', voiceId)
      .executeTakeFirst();
    return row && voiceFromRow(row);
  }

  async saveThemeRun(input: {
    reviewId: number;
    answerCount: number;
    result: string;
    createdAt: string;
  }): Promise<ThemeRunRow> {
    const row = await this.#db
      .insertInto('theme_runs')
      .values({
        review_id: input.reviewId,
        answer_count: input.answerCount,
        result: input.result,
        created_at: input.createdAt,
      })
      .returning(['id', 'answer_count', 'result', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, answerCount: row.answer_count, result: row.result, createdAt: row.created_at };
  }

  async latestThemeRun(reviewId: number): Promise<ThemeRunRow | undefined> {
    const row = await this.#db
      .selectFrom('theme_runs')
      .select(['id', 'answer_count', 'result', 'created_at'])
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.id, answerCount: row.answer_count, result: row.result, createdAt: row.created_at };
  }

  async setStatementSource(reviewId: number, statementId: number, source: StatementSource): Promise<void> {
    await this.#db
      .updateTable('statements')
      .set({ source_kind: source.sourceKind, source_id: source.sourceId })
      .where('review_id', '=', reviewId)
      .where('id', '=', statementId)
      .execute();
  }

  async listStatementSources(reviewId: number): Promise<Array<StatementSource & { statementId: number }>> {
    const rows = await this.#db
      .selectFrom('statements')
      .select(['id', 'source_kind', 'source_id'])
      .where('review_id', '=', reviewId)
      .where('source_kind', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.flatMap((row) =>
      row.source_kind === null || row.source_id === null
        ? []
        : [{ statementId: row.id, sourceKind: row.source_kind, sourceId: row.source_id }],
    );
  }
}

function promptFromRow(row: Selectable<PromptsTable> & { answer_count: number | null }): PromptRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    text: row.text,
    maxLength: row.max_length,
    position: row.position,
    answerCount: Number(row.answer_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function answerFromRow(row: {
  id: number;
  prompt_id: number;
  text: string;
  created_at: string;
  updated_at: string;
}): PromptAnswerRow {
  return { id: row.id, promptId: row.prompt_id, text: row.text, createdAt: row.created_at, updatedAt: row.updated_at };
}

function voiceFromRow(row: Selectable<VoterVoicesTable>): VoterVoiceRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    placeId: row.place_id,
    placeCode: row.place_code,
    placeName: row.place_name,
    pastVote: row.past_vote,
    intention: row.intention,
    text: row.text,
    recordedByAccountId: row.recorded_by_account_id,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
  };
}
