import { type Kysely, type Migration, sql } from 'kysely';
import type { MigrationDialect } from './dialect-helpers.js';

/**
 * A per-review counter that moves whenever any statement of the review is inserted, updated or
 * deleted, so a server can keep a review's statement list in memory and check it with one primary-key
 * read instead of reading every statement on every vote (the hottest path). Kept by triggers rather
 * than by the store's writers so that no write path (moderation, edits, erasure, imports, ones added
 * later) can forget it, and so it holds across app instances sharing the database.
 *
 * No foreign key to reviews: deleting a review deletes its statements first, which bumps the counter
 * of a review about to go; the orphaned row is harmless (review ids are never reused).
 */
export function statementVersionsMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('statement_versions')
        .addColumn('review_id', 'integer', (column) => column.primaryKey())
        .addColumn('version', 'integer', (column) => column.notNull())
        .execute();
      if (dialect === 'sqlite') {
        for (const [operation, row] of [
          ['insert', 'new'],
          ['update', 'new'],
          ['delete', 'old'],
        ] as const) {
          await sql
            .raw(
              `create trigger statements_after_${operation}_version after ${operation} on statements for each row begin
                 insert into statement_versions (review_id, version) values (${row}.review_id, 1)
                 on conflict (review_id) do update set version = version + 1;
               end`,
            )
            .execute(db);
        }
        // An update that moves a statement to another review (none does today) changes both reviews' lists.
        await sql
          .raw(
            `create trigger statements_after_update_old_version after update of review_id on statements
               for each row when old.review_id <> new.review_id begin
                 insert into statement_versions (review_id, version) values (old.review_id, 1)
                 on conflict (review_id) do update set version = version + 1;
               end`,
          )
          .execute(db);
        return;
      }
      await sql
        .raw(
          `create function bump_statement_version() returns trigger language plpgsql as $$
           begin
             if tg_op <> 'INSERT' then
               insert into statement_versions (review_id, version) values (old.review_id, 1)
               on conflict (review_id) do update set version = statement_versions.version + 1;
             end if;
             if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.review_id <> old.review_id) then
               insert into statement_versions (review_id, version) values (new.review_id, 1)
               on conflict (review_id) do update set version = statement_versions.version + 1;
             end if;
             return null;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger statements_version after insert or update or delete on statements
             for each row execute function bump_statement_version()`,
        )
        .execute(db);
    },
  };
}
