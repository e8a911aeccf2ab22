import type { Kysely, Migration } from 'kysely';
import { generatedId, type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * The review team and the audit log.
 *
 * - `team_invitations`: an emailed, single-use link that gives an account a role on a review. Only
 *   the token's SHA-256 is kept. The role has no CHECK here: it is only ever copied into
 *   `review_roles`, whose CHECK already guards the value, and a second copy of the list would be one
 *   more table for SQLite to rebuild when a role is added.
 * - `audit_events`: append-only record of organiser and moderator actions. `params` holds the route's
 *   numeric ids as JSON and `summary` a short text without personal data (no emails, no statement
 *   texts), so the log itself never becomes a second copy of what it describes. The actor's account
 *   may be deleted later; the event stays, with the actor unknown.
 */
export function teamAuditMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('team_invitations')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('invited_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('accepted_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('revoked_at', 'text')
        .addUniqueConstraint(uniqueName('team_invitations', ['token_hash']), ['token_hash'])
        .execute();
      await db.schema
        .createIndex('team_invitations_review_id_email_index')
        .on('team_invitations')
        .columns(['review_id', 'email'])
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.references('accounts.id').onDelete('set null'))
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('params', 'text', (column) => column.notNull())
        .addColumn('summary', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      // The log is read newest first, a page at a time, per review.
      await db.schema
        .createIndex('audit_events_review_id_id_index')
        .on('audit_events')
        .columns(['review_id', 'id'])
        .execute();
    },
  };
}
