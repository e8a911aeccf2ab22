import { type Kysely, type Migration, sql } from 'kysely';
import type { MigrationDialect } from './dialect-helpers.js';

/**
 * Privacy settings and retention (UK GDPR), all new columns on `reviews` so no CHECK has to change:
 * - `votes_on_erasure`: what a participant's erasure does to their votes, 'remove' (the default, the
 *   least data) or 'anonymise' (kept under a fresh participant nothing links to). The store and the
 *   contract only ever write these two values.
 * - `retention_days`: identifying data is deleted this many days after the review closes; null keeps
 *   it until the organisers delete the review.
 * - `privacy_contact`: who to write to about the review's data, shown on its privacy notice.
 * - `closed_at`: when the review last closed (the retention clock); reviews closed before this
 *   migration take their last update as the best estimate.
 * - `identifying_data_deleted_at`: when the retention job last ran for the review, so it runs once per close.
 */
export function privacyMigration(_dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('reviews')
        .addColumn('votes_on_erasure', 'text', (column) => column.notNull().defaultTo(sql`'remove'`))
        .execute();
      await db.schema.alterTable('reviews').addColumn('retention_days', 'integer').execute();
      await db.schema.alterTable('reviews').addColumn('privacy_contact', 'text').execute();
      await db.schema.alterTable('reviews').addColumn('closed_at', 'text').execute();
      await db.schema.alterTable('reviews').addColumn('identifying_data_deleted_at', 'text').execute();
      await sql`update reviews set closed_at = updated_at where status = 'closed'`.execute(db);
    },
  };
}
