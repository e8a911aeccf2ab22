import type { Kysely, Migration } from 'kysely';
import { generatedId, type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * Account security: sign-in throttling and password reset.
 *
 * - `login_failures`: one row per failed sign-in per subject (the email tried, the client address),
 *   kept in the database so every app instance counts the same failures. `subject_hash` is the
 *   SHA-256 of `account:<email>` or `address:<ip>`, so the table holds no readable address or email
 *   (it also records emails that have no account). Rows are pruned after a day.
 * - `password_reset_tokens`: single-use links from "Forgot password?". Only the token's SHA-256 is
 *   kept; `one_time_tokens` is not reused because its purpose CHECK cannot be widened on SQLite and
 *   a reset must name its account.
 */
export function accountSecurityMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('login_failures')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('subject_hash', 'text', (column) => column.notNull())
        .addColumn('failed_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('login_failures_subject_hash_failed_at_index')
        .on('login_failures')
        .columns(['subject_hash', 'failed_at'])
        .execute();
      // Pruning deletes by age across all subjects.
      await db.schema.createIndex('login_failures_failed_at_index').on('login_failures').column('failed_at').execute();

      await db.schema
        .createTable('password_reset_tokens')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('used_at', 'text')
        .addUniqueConstraint(uniqueName('password_reset_tokens', ['token_hash']), ['token_hash'])
        .execute();
      await db.schema
        .createIndex('password_reset_tokens_account_id_index')
        .on('password_reset_tokens')
        .column('account_id')
        .execute();
    },
  };
}
