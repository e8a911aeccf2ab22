import { type Kysely, type Migration, sql } from 'kysely';
import { generatedId, type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * Place lists, the identity questions' `required` and `explanation`, and archived reviews.
 *
 * Everything is added as new tables or new columns with defaults, never by changing an existing
 * CHECK, because SQLite cannot alter constraints in place (0002 had to rebuild a table for that).
 *
 * A place question keeps ordinary `identity_options` rows, one per place, each pointing at its place
 * through `place_id`. So an answer still names an option of its question (the composite foreign key
 * of 0001 keeps holding), the analysis keeps grouping by option, and a place's region is one join
 * away for the report's region breakdown.
 */
export function placesMigration(dialect: MigrationDialect): Migration {
  const id = generatedId(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('places')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('code', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('name_cy', 'text')
        .addColumn('region', 'text', (column) => column.notNull().defaultTo(''))
        // The CSV's extra columns ("held", "lost in 2019"…) as a JSON object of strings: they differ per
        // list and are only ever read whole, so a column each would buy nothing.
        .addColumn('attributes', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('position', 'integer', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('places', ['review_id', 'code']), ['review_id', 'code'])
        .addUniqueConstraint(uniqueName('places', ['review_id', 'position']), ['review_id', 'position'])
        .execute();

      await db.schema
        .alterTable('identity_options')
        .addColumn('place_id', 'integer', (column) => column.references('places.id').onDelete('cascade'))
        .execute();
      await db.schema
        .createIndex('identity_options_place_id_index')
        .on('identity_options')
        .column('place_id')
        .execute();

      await db.schema
        .alterTable('identity_questions')
        .addColumn('required', 'integer', (column) => column.notNull().defaultTo(0).check(sql`required in (0, 1)`))
        .execute();
      await db.schema
        .alterTable('identity_questions')
        .addColumn('explanation', 'text', (column) => column.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('identity_questions')
        .addColumn('uses_place_list', 'integer', (column) =>
          column.notNull().defaultTo(0).check(sql`uses_place_list in (0, 1)`),
        )
        .execute();

      // Nullable rather than a new status: the status CHECK stays as it is, and archiving keeps the
      // status a review had (a closed review stays closed once unarchived).
      await db.schema.alterTable('reviews').addColumn('archived_at', 'text').execute();
    },
  };
}
