import { type Kysely, type Migration, sql } from 'kysely';
import type { MigrationDialect } from './dialect-helpers.js';

const roleCheck = sql`role in ('owner', 'organiser', 'moderator', 'facilitator', 'analyst')`;

/**
 * Adds the facilitator and analyst roles. PostgreSQL can swap a CHECK constraint in place; SQLite
 * cannot alter one, so there the table is rebuilt and its rows copied. `review_roles` is a leaf (no
 * table references it), so the rebuild touches nothing else, and the migration's transaction makes it
 * all or nothing.
 */
export function teamRolesMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await db.schema.alterTable('review_roles').dropConstraint('review_roles_role_check').execute();
        await db.schema.alterTable('review_roles').addCheckConstraint('review_roles_role_check', roleCheck).execute();
        return;
      }
      await db.schema
        .createTable('review_roles_rebuilt')
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('review_roles_pkey', ['review_id', 'account_id'])
        .addCheckConstraint('review_roles_role_check', roleCheck)
        .execute();
      await sql`insert into review_roles_rebuilt (review_id, account_id, role, created_at)
        select review_id, account_id, role, created_at from review_roles`.execute(db);
      await db.schema.dropTable('review_roles').execute();
      await db.schema.alterTable('review_roles_rebuilt').renameTo('review_roles').execute();
      await db.schema.createIndex('review_roles_account_id_index').on('review_roles').column('account_id').execute();
    },
  };
}
