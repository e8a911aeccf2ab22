import { type Kysely, type Migration, sql } from 'kysely';
import { type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * Invitations from a member list, "one person one voice".
 *
 * - `participants.verified`: 1 for a participant who joined through an invite.
 * - `invites` gains the invitee's email and name (null for the older one-off links), when it was
 *   revoked, and how its last email went. Only new nullable columns: SQLite cannot alter a table's
 *   constraints, and the one-off links keep working untouched.
 * - `invite_answers`: identity answers the organiser pre-filled for an invitee. They are copied to the
 *   participant at redemption and deleted from the invite then, so no row ties an email to answers
 *   (or to a participant) once the invite is used.
 *
 * `invites.participant_id` is no longer written: an invite must not link a person's email to their
 * pseudonymous participant. Links written before this migration are cleared here.
 */
export function invitationsMigration(_dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('participants')
        .addColumn('verified', 'integer', (column) => column.notNull().defaultTo(0).check(sql`verified in (0, 1)`))
        .execute();

      await db.schema.alterTable('invites').addColumn('email', 'text').execute();
      await db.schema.alterTable('invites').addColumn('name', 'text').execute();
      await db.schema.alterTable('invites').addColumn('revoked_at', 'text').execute();
      await db.schema
        .alterTable('invites')
        .addColumn('send_status', 'text', (column) =>
          column.check(sql`send_status in ('pending', 'sent', 'send_failed')`),
        )
        .execute();
      await db.schema.alterTable('invites').addColumn('sent_at', 'text').execute();
      // A unique index rather than a constraint: SQLite cannot add a constraint to a table. NULL emails
      // (one-off links) are distinct in both databases, so they never collide.
      await db.schema
        .createIndex(uniqueName('invites', ['review_id', 'email']))
        .on('invites')
        .columns(['review_id', 'email'])
        .unique()
        .execute();

      await sql`update invites set participant_id = null`.execute(db);

      await db.schema
        .createTable('invite_answers')
        .addColumn('invite_id', 'integer', (column) => column.notNull().references('invites.id').onDelete('cascade'))
        .addColumn('question_id', 'integer', (column) =>
          column.notNull().references('identity_questions.id').onDelete('cascade'),
        )
        .addColumn('option_id', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('invite_answers_pkey', ['invite_id', 'question_id'])
        // As for identity_answers: the option must belong to the question.
        .addForeignKeyConstraint(
          'invite_answers_option_fkey',
          ['question_id', 'option_id'],
          'identity_options',
          ['question_id', 'id'],
          (constraint) => constraint.onDelete('cascade'),
        )
        .execute();
    },
  };
}
