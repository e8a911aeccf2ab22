import type { Kysely, Migration } from 'kysely';
import { generatedId, type MigrationDialect } from './dialect-helpers.js';

/**
 * Organiser edits to themes, and drafted summaries, kept apart from the runs so they survive re-runs.
 *
 * - `theme_edits`: rename / merge / split, one row each, in the order made (by id); `edit` is the
 *   engine's `ThemeEdit` as JSON (src/core/themes/edits.ts owns its shape). Every run re-applies all
 *   of them, so an edit follows its theme as answers arrive. Who made it is a nullable link.
 * - `theme_summaries`: a machine-written draft of one theme (only when an OpenAI-compatible endpoint
 *   is configured), with the exact prompt and the model recorded, and the run it was drafted from.
 * - `theme_runs.last_edit_id`: the newest edit a run applied, so a later edit shows as pending until
 *   the next run; `seed`: the seed the run used (fixed per review, recorded for reproducibility).
 *   New nullable columns: runs stored before this migration have neither.
 */
export function themesMigration(dialect: MigrationDialect): Migration {
  const id = generatedId(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('theme_edits')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('edit', 'text', (column) => column.notNull())
        .addColumn('created_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('theme_edits_review_id_id_index')
        .on('theme_edits')
        .columns(['review_id', 'id'])
        .execute();

      await db.schema
        .createTable('theme_summaries')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('theme_id', 'text', (column) => column.notNull())
        .addColumn('run_id', 'integer', (column) => column.references('theme_runs.id').onDelete('set null'))
        .addColumn('summary', 'text', (column) => column.notNull())
        .addColumn('prompt', 'text', (column) => column.notNull())
        .addColumn('model', 'text', (column) => column.notNull())
        .addColumn('created_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('theme_summaries_review_id_theme_id_id_index')
        .on('theme_summaries')
        .columns(['review_id', 'theme_id', 'id'])
        .execute();

      await db.schema.alterTable('theme_runs').addColumn('last_edit_id', 'integer').execute();
      await db.schema.alterTable('theme_runs').addColumn('seed', 'integer').execute();
    },
  };
}
