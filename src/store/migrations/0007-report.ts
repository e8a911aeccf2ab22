import { type Kysely, type Migration, sql } from 'kysely';
import type { MigrationDialect } from './dialect-helpers.js';

/**
 * Who may read a review's results page: `team` (its team only, the safe default, since results
 * describe special-category opinions) or `public` (anyone who may see the review). A new column
 * with a default rather than a CHECK change, because SQLite cannot alter CHECK constraints; the
 * store and the contract only ever write the two values.
 */
export function reportMigration(_dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('reviews')
        .addColumn('results_visibility', 'text', (column) => column.notNull().defaultTo(sql`'team'`))
        .execute();
    },
  };
}
