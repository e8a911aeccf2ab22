import { type Kysely, type Migration, sql } from 'kysely';
import { generatedId, type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * Listening beyond statements: open prompts and their answers, the feedback form, and voter voices
 * recorded by canvassers, plus the link from a statement to the answer or voice it was promoted from.
 *
 * - `prompt_answers`: one per participant per prompt (a unique pair), edited in place.
 * - `feedback`: the participant is kept only as a nullable link (set null when they go), since
 *   feedback is counted, not attributed.
 * - `voice_options`: the review's two option lists for voices (`past_vote`, `intention`). A voice
 *   keeps the chosen labels as text, so editing the lists later never rewrites what was recorded.
 * - `voter_voices`: deliberately no name, email or address columns; the voter is never identified.
 *   The seat points at a place (set null when the place list is replaced, since that deletes and
 *   re-inserts places) and keeps the place's code and name, so the seat survives a new list.
 *   `consent` can only be 1: a voice without consent is never stored. `idempotency_key` is unique per
 *   review, so a canvasser's phone retrying a sync can never add the same voice twice.
 * - `theme_runs`: each run of the offline theme engine over a review's answers and voices, as the
 *   engine's JSON; the latest one is shown and is the previous run of the next (stable theme ids).
 * - `statements.source_kind` / `source_id`: new nullable columns rather than a CHECK change (SQLite
 *   cannot alter CHECKs); the store only writes 'prompt_answer' or 'voter_voice'. No foreign key, as
 *   the source lives in one of two tables; a statement outlives a deleted source.
 */
export function listeningMigration(dialect: MigrationDialect): Migration {
  const id = generatedId(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('prompts')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('max_length', 'integer', (column) =>
          column.notNull().defaultTo(2000).check(sql`max_length between 1 and 20000`),
        )
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('prompts_review_id_position_index')
        .on('prompts')
        .columns(['review_id', 'position'])
        .execute();

      await db.schema
        .createTable('prompt_answers')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('prompt_id', 'integer', (column) => column.notNull().references('prompts.id').onDelete('cascade'))
        .addColumn('participant_id', 'integer', (column) =>
          column.notNull().references('participants.id').onDelete('cascade'),
        )
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('prompt_answers', ['prompt_id', 'participant_id']), [
          'prompt_id',
          'participant_id',
        ])
        .execute();
      await db.schema
        .createIndex('prompt_answers_review_id_id_index')
        .on('prompt_answers')
        .columns(['review_id', 'id'])
        .execute();
      await db.schema
        .createIndex('prompt_answers_participant_id_index')
        .on('prompt_answers')
        .column('participant_id')
        .execute();

      await db.schema
        .createTable('feedback')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('participant_id', 'integer', (column) => column.references('participants.id').onDelete('set null'))
        .addColumn('rating', 'integer', (column) => column.check(sql`rating between 1 and 5`))
        .addColumn('text', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addCheckConstraint('feedback_something_check', sql`rating is not null or text is not null`)
        .execute();
      await db.schema.createIndex('feedback_review_id_index').on('feedback').column('review_id').execute();

      await db.schema
        .createTable('voice_options')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('list', 'text', (column) => column.notNull())
        .addColumn('label', 'text', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('voice_options', ['review_id', 'list', 'label']), [
          'review_id',
          'list',
          'label',
        ])
        .addCheckConstraint('voice_options_list_check', sql`list in ('past_vote', 'intention')`)
        .execute();

      await db.schema
        .createTable('voter_voices')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('place_id', 'integer', (column) => column.references('places.id').onDelete('set null'))
        .addColumn('place_code', 'text', (column) => column.notNull())
        .addColumn('place_name', 'text', (column) => column.notNull())
        .addColumn('past_vote', 'text')
        .addColumn('intention', 'text')
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('consent', 'integer', (column) => column.notNull().check(sql`consent = 1`))
        .addColumn('recorded_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('idempotency_key', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('voter_voices', ['review_id', 'idempotency_key']), [
          'review_id',
          'idempotency_key',
        ])
        .execute();
      await db.schema
        .createIndex('voter_voices_review_id_id_index')
        .on('voter_voices')
        .columns(['review_id', 'id'])
        .execute();

      await db.schema
        .createTable('theme_runs')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('answer_count', 'integer', (column) => column.notNull())
        .addColumn('result', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('theme_runs_review_id_id_index')
        .on('theme_runs')
        .columns(['review_id', 'id'])
        .execute();

      await db.schema.alterTable('statements').addColumn('source_kind', 'text').execute();
      await db.schema.alterTable('statements').addColumn('source_id', 'integer').execute();
      await db.schema
        .createIndex('statements_review_id_source_kind_source_id_index')
        .on('statements')
        .columns(['review_id', 'source_kind', 'source_id'])
        .execute();
    },
  };
}
