import { type Kysely, type Migration, sql } from 'kysely';
import { generatedId, type MigrationDialect } from './dialect-helpers.js';

/**
 * The moderation queue's record.
 *
 * - `statements` gains who last moderated it (`moderated_at` exists since 0001), the reason of a
 *   rejection, and for a typo fix the text as first written and when and by whom it was edited. Only
 *   new nullable columns: SQLite cannot alter a table's constraints, and existing rows stay valid.
 * - `moderation_events`: every accept, reject, edit and meta change, append-only, so the record of
 *   who did what and why survives later changes of mind (the statement row holds only the latest).
 * - Indexes for the two new hot reads: the queue (a review's statements by state, oldest first) and
 *   the posting throttle (a participant's statements in a review by time).
 */
export function moderationMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('statements').addColumn('rejection_reason', 'text').execute();
      await db.schema
        .alterTable('statements')
        .addColumn('moderated_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .execute();
      await db.schema.alterTable('statements').addColumn('original_text', 'text').execute();
      await db.schema.alterTable('statements').addColumn('edited_at', 'text').execute();
      await db.schema
        .alterTable('statements')
        .addColumn('edited_by_account_id', 'integer', (column) => column.references('accounts.id').onDelete('set null'))
        .execute();

      await db.schema
        .createIndex('statements_review_id_moderation_id_index')
        .on('statements')
        .columns(['review_id', 'moderation', 'id'])
        .execute();
      await db.schema
        .createIndex('statements_review_id_author_participant_id_created_at_index')
        .on('statements')
        .columns(['review_id', 'author_participant_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('moderation_events')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('statement_id', 'integer', (column) =>
          column.notNull().references('statements.id').onDelete('cascade'),
        )
        .addColumn('account_id', 'integer', (column) => column.references('accounts.id').onDelete('set null'))
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('previous_text', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addCheckConstraint(
          'moderation_events_action_check',
          sql`action in ('accept', 'reject', 'edit', 'mark_meta', 'unmark_meta')`,
        )
        .execute();
      await db.schema
        .createIndex('moderation_events_review_id_statement_id_index')
        .on('moderation_events')
        .columns(['review_id', 'statement_id', 'id'])
        .execute();
    },
  };
}
