import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * Theme runs, organiser edits and drafted summaries (migrations 0008 and 0015): `store.themes`. The
 * KyselyStore hands it its connection, which may be a transaction.
 */
export interface ThemesStore {
  /** Appends an organiser edit (the engine's `ThemeEdit` as JSON); edits apply in id order. */
  addEdit(input: {
    reviewId: number;
    edit: string;
    createdByAccountId: number | null;
    createdAt: string;
  }): Promise<ThemeEditRow>;
  /** The review's edits, oldest first. */
  listEdits(reviewId: number): Promise<ThemeEditRow[]>;
  saveRun(input: NewThemeRun): Promise<StoredThemeRunRow>;
  /** The review's latest run, or undefined before the first. */
  latestRun(reviewId: number): Promise<StoredThemeRunRow | undefined>;
  /** The latest run without its result (which holds every answer id): cheap enough for each report request. */
  latestRunHeader(reviewId: number): Promise<Omit<StoredThemeRunRow, 'result'> | undefined>;
  /** One run's stored result (JSON), or undefined when the run is gone. */
  findRunResult(runId: number): Promise<string | undefined>;
  /** Answers plus voter voices in the review now: the engine's input size, counted without reading text. */
  countInputs(reviewId: number): Promise<number>;
  /** Which participant wrote each answer of the review (for group counts; never shown). */
  listAnswerAuthors(reviewId: number): Promise<Array<{ answerId: number; participantId: number }>>;
  saveSummary(input: NewThemeSummary): Promise<ThemeSummaryRow>;
  /** The newest summary of each theme of the review. */
  latestSummaries(reviewId: number): Promise<ThemeSummaryRow[]>;
}

export interface ThemeEditRow {
  id: number;
  reviewId: number;
  edit: string;
  createdAt: string;
}

export interface NewThemeRun {
  reviewId: number;
  answerCount: number;
  lastEditId: number | null;
  seed: number;
  result: string;
  createdAt: string;
}

export interface StoredThemeRunRow {
  id: number;
  reviewId: number;
  answerCount: number;
  lastEditId: number | null;
  seed: number | null;
  result: string;
  createdAt: string;
}

export interface NewThemeSummary {
  reviewId: number;
  themeId: string;
  runId: number | null;
  summary: string;
  prompt: string;
  model: string;
  createdByAccountId: number | null;
  createdAt: string;
}

export interface ThemeSummaryRow extends NewThemeSummary {
  id: number;
}

const integerCount = sql<number>`cast(count(*) as integer)`;

export class KyselyThemesStore implements ThemesStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async addEdit(input: {
    reviewId: number;
    edit: string;
    createdByAccountId: number | null;
    createdAt: string;
  }): Promise<ThemeEditRow> {
    const row = await this.#db
      .insertInto('theme_edits')
      .values({
        review_id: input.reviewId,
        edit: input.edit,
        created_by_account_id: input.createdByAccountId,
        created_at: input.createdAt,
      })
      .returning(['id', 'review_id', 'edit', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, reviewId: row.review_id, edit: row.edit, createdAt: row.created_at };
  }

  async listEdits(reviewId: number): Promise<ThemeEditRow[]> {
    const rows = await this.#db
      .selectFrom('theme_edits')
      .select(['id', 'review_id', 'edit', 'created_at'])
      .where('review_id', '=', reviewId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ id: row.id, reviewId: row.review_id, edit: row.edit, createdAt: row.created_at }));
  }

  async saveRun(input: NewThemeRun): Promise<StoredThemeRunRow> {
    const row = await this.#db
      .insertInto('theme_runs')
      .values({
        review_id: input.reviewId,
        answer_count: input.answerCount,
        last_edit_id: input.lastEditId,
        seed: input.seed,
        result: input.result,
        created_at: input.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return runFromRow(row);
  }

  async latestRun(reviewId: number): Promise<StoredThemeRunRow | undefined> {
    const row = await this.#db
      .selectFrom('theme_runs')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && runFromRow(row);
  }

  async latestRunHeader(reviewId: number): Promise<Omit<StoredThemeRunRow, 'result'> | undefined> {
    const row = await this.#db
      .selectFrom('theme_runs')
      .select(['id', 'review_id', 'answer_count', 'last_edit_id', 'seed', 'created_at'])
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    const { result: _result, ...header } = runFromRow({ ...row, result: '' });
    return header;
  }

  async findRunResult(runId: number): Promise<string | undefined> {
    const row = await this.#db.selectFrom('theme_runs').select('result').where('id', '=', runId).executeTakeFirst();
    return row?.result;
  }

  async countInputs(reviewId: number): Promise<number> {
    const [answers, voices] = await Promise.all([
      this.#db
        .selectFrom('prompt_answers')
        .select(integerCount.as('count'))
        .where('review_id', '=', reviewId)
        .executeTakeFirstOrThrow(),
      this.#db
        .selectFrom('voter_voices')
        .select(integerCount.as('count'))
        .where('review_id', '=', reviewId)
        .executeTakeFirstOrThrow(),
    ]);
    return Number(answers.count) + Number(voices.count);
  }

  async listAnswerAuthors(reviewId: number): Promise<Array<{ answerId: number; participantId: number }>> {
    const rows = await this.#db
      .selectFrom('prompt_answers')
      .select(['id', 'participant_id'])
      .where('review_id', '=', reviewId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ answerId: row.id, participantId: row.participant_id }));
  }

  async saveSummary(input: NewThemeSummary): Promise<ThemeSummaryRow> {
    const row = await this.#db
      .insertInto('theme_summaries')
      .values({
        review_id: input.reviewId,
        theme_id: input.themeId,
        run_id: input.runId,
        summary: input.summary,
        prompt: input.prompt,
        model: input.model,
        created_by_account_id: input.createdByAccountId,
        created_at: input.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return summaryFromRow(row);
  }

  async latestSummaries(reviewId: number): Promise<ThemeSummaryRow[]> {
    const rows = await this.#db
      .selectFrom('theme_summaries')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .execute();
    const seen = new Set<string>();
    return rows.filter((row) => !seen.has(row.theme_id) && seen.add(row.theme_id)).map(summaryFromRow);
  }
}

function runFromRow(row: {
  id: number;
  review_id: number;
  answer_count: number;
  last_edit_id: number | null;
  seed: number | null;
  result: string;
  created_at: string;
}): StoredThemeRunRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    answerCount: Number(row.answer_count),
    lastEditId: row.last_edit_id,
    seed: row.seed,
    result: row.result,
    createdAt: row.created_at,
  };
}

function summaryFromRow(row: {
  id: number;
  review_id: number;
  theme_id: string;
  run_id: number | null;
  summary: string;
  prompt: string;
  model: string;
  created_by_account_id: number | null;
  created_at: string;
}): ThemeSummaryRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    themeId: row.theme_id,
    runId: row.run_id,
    summary: row.summary,
    prompt: row.prompt,
    model: row.model,
    createdByAccountId: row.created_by_account_id,
    createdAt: row.created_at,
  };
}
