import { type Kysely, type Migration, sql } from 'kysely';
import { generatedId, type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * The first schema: accounts, reviews, identity questions, participants, statements and votes.
 *
 * Integrity lives in the database as constraints (foreign keys, CHECKs for enums and vote values,
 * composite keys so a vote cannot point at a statement of another review) but no logic does: no
 * triggers, no rules. Times are ISO-8601 text and booleans integer 0/1 in both databases (see
 * schema.ts for why).
 */
export function initialMigration(dialect: MigrationDialect): Migration {
  const id = generatedId(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'integer', id)
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('display_name', 'text', (column) => column.notNull())
        .addColumn('password_hash', 'text', (column) => column.notNull())
        .addColumn('is_instance_owner', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('accounts', ['email']), ['email'])
        .addCheckConstraint('accounts_is_instance_owner_check', sql`is_instance_owner in (0, 1)`)
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('sessions_account_id_index').on('sessions').column('account_id').execute();

      await db.schema
        .createTable('one_time_tokens')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('purpose', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('used_at', 'text')
        .addCheckConstraint('one_time_tokens_purpose_check', sql`purpose in ('owner_setup')`)
        .execute();

      await db.schema
        .createTable('reviews')
        .addColumn('id', 'integer', id)
        .addColumn('slug', 'text', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('introduction', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('visibility', 'text', (column) => column.notNull())
        .addColumn('moderation_mode', 'text', (column) => column.notNull())
        .addColumn('participants_can_add_statements', 'integer', (column) => column.notNull())
        .addColumn('created_by_account_id', 'integer', (column) => column.notNull().references('accounts.id'))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('reviews', ['slug']), ['slug'])
        .addCheckConstraint('reviews_status_check', sql`status in ('draft', 'open', 'closed')`)
        .addCheckConstraint('reviews_visibility_check', sql`visibility in ('public', 'invite')`)
        .addCheckConstraint('reviews_moderation_mode_check', sql`moderation_mode in ('strict', 'permissive')`)
        .addCheckConstraint(
          'reviews_participants_can_add_statements_check',
          sql`participants_can_add_statements in (0, 1)`,
        )
        .execute();
      await db.schema
        .createIndex('reviews_visibility_status_index')
        .on('reviews')
        .columns(['visibility', 'status'])
        .execute();

      await db.schema
        .createTable('review_roles')
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('review_roles_pkey', ['review_id', 'account_id'])
        .addCheckConstraint('review_roles_role_check', sql`role in ('owner', 'organiser', 'moderator')`)
        .execute();
      await db.schema.createIndex('review_roles_account_id_index').on('review_roles').column('account_id').execute();

      await db.schema
        .createTable('identity_questions')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('prompt', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('identity_questions', ['review_id', 'position']), ['review_id', 'position'])
        .addCheckConstraint(
          'identity_questions_kind_check',
          sql`kind in ('tradition', 'referendum', 'role', 'seat', 'region', 'other')`,
        )
        .execute();

      await db.schema
        .createTable('identity_options')
        .addColumn('id', 'integer', id)
        .addColumn('question_id', 'integer', (column) =>
          column.notNull().references('identity_questions.id').onDelete('cascade'),
        )
        .addColumn('label', 'text', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('identity_options', ['question_id', 'position']), ['question_id', 'position'])
        // The target of identity_answers' composite key: an answer's option must belong to its question.
        .addUniqueConstraint(uniqueName('identity_options', ['question_id', 'id']), ['question_id', 'id'])
        .execute();

      await db.schema
        .createTable('participants')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('seed', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('participants', ['review_id', 'token_hash']), ['review_id', 'token_hash'])
        // Target of the votes' composite keys: a vote's participant must belong to the vote's review.
        .addUniqueConstraint(uniqueName('participants', ['review_id', 'id']), ['review_id', 'id'])
        // PostgreSQL's integer is 32-bit; the same bound on SQLite keeps both databases accepting the same seeds.
        .addCheckConstraint('participants_seed_check', sql`seed between -2147483648 and 2147483647`)
        .execute();

      await db.schema
        .createTable('identity_answers')
        .addColumn('participant_id', 'integer', (column) =>
          column.notNull().references('participants.id').onDelete('cascade'),
        )
        .addColumn('question_id', 'integer', (column) =>
          column.notNull().references('identity_questions.id').onDelete('cascade'),
        )
        .addColumn('option_id', 'integer', (column) => column.notNull())
        .addColumn('answered_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('identity_answers_pkey', ['participant_id', 'question_id'])
        .addForeignKeyConstraint(
          'identity_answers_option_fkey',
          ['question_id', 'option_id'],
          'identity_options',
          ['question_id', 'id'],
          (constraint) => constraint.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('invites')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('created_by_account_id', 'integer', (column) => column.notNull().references('accounts.id'))
        .addColumn('used_at', 'text')
        .addColumn('participant_id', 'integer', (column) => column.references('participants.id').onDelete('set null'))
        .addUniqueConstraint(uniqueName('invites', ['token_hash']), ['token_hash'])
        .execute();

      await db.schema
        .createTable('statements')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('text_key', 'text', (column) => column.notNull())
        .addColumn('origin', 'text', (column) => column.notNull())
        .addColumn('moderation', 'text', (column) => column.notNull())
        .addColumn('is_meta', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('author_participant_id', 'integer', (column) =>
          column.references('participants.id').onDelete('set null'),
        )
        .addColumn('author_account_id', 'integer', (column) => column.references('accounts.id').onDelete('set null'))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('moderated_at', 'text')
        .addUniqueConstraint(uniqueName('statements', ['review_id', 'text_key']), ['review_id', 'text_key'])
        // Target of the votes' composite keys: a vote's statement must belong to the vote's review.
        .addUniqueConstraint(uniqueName('statements', ['review_id', 'id']), ['review_id', 'id'])
        .addCheckConstraint('statements_origin_check', sql`origin in ('seed', 'participant', 'event')`)
        .addCheckConstraint('statements_moderation_check', sql`moderation in ('pending', 'accepted', 'rejected')`)
        .addCheckConstraint('statements_is_meta_check', sql`is_meta in (0, 1)`)
        .execute();

      await db.schema
        .createTable('vote_events')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull())
        .addColumn('participant_id', 'integer', (column) => column.notNull())
        .addColumn('statement_id', 'integer', (column) => column.notNull())
        .addColumn('value', 'integer', (column) => column.notNull())
        .addColumn('voted_at', 'text', (column) => column.notNull())
        .addForeignKeyConstraint(
          'vote_events_participant_fkey',
          ['review_id', 'participant_id'],
          'participants',
          ['review_id', 'id'],
          (constraint) => constraint.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'vote_events_statement_fkey',
          ['review_id', 'statement_id'],
          'statements',
          ['review_id', 'id'],
          (constraint) => constraint.onDelete('cascade'),
        )
        .addCheckConstraint('vote_events_value_check', sql`value in (-1, 0, 1)`)
        .execute();
      // The analysis reads "events of a review since id N"; the composite keys' deletes use these too.
      await db.schema
        .createIndex('vote_events_review_id_id_index')
        .on('vote_events')
        .columns(['review_id', 'id'])
        .execute();
      await db.schema
        .createIndex('vote_events_review_id_participant_id_index')
        .on('vote_events')
        .columns(['review_id', 'participant_id'])
        .execute();
      await db.schema
        .createIndex('vote_events_review_id_statement_id_index')
        .on('vote_events')
        .columns(['review_id', 'statement_id'])
        .execute();

      await db.schema
        .createTable('votes')
        .addColumn('participant_id', 'integer', (column) => column.notNull())
        .addColumn('statement_id', 'integer', (column) => column.notNull())
        .addColumn('review_id', 'integer', (column) => column.notNull())
        .addColumn('value', 'integer', (column) => column.notNull())
        .addColumn('voted_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('votes_pkey', ['participant_id', 'statement_id'])
        .addForeignKeyConstraint(
          'votes_participant_fkey',
          ['review_id', 'participant_id'],
          'participants',
          ['review_id', 'id'],
          (constraint) => constraint.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'votes_statement_fkey',
          ['review_id', 'statement_id'],
          'statements',
          ['review_id', 'id'],
          (constraint) => constraint.onDelete('cascade'),
        )
        .addCheckConstraint('votes_value_check', sql`value in (-1, 0, 1)`)
        .execute();
      await db.schema
        .createIndex('votes_review_id_statement_id_index')
        .on('votes')
        .columns(['review_id', 'statement_id'])
        .execute();
      await db.schema
        .createIndex('votes_review_id_participant_id_index')
        .on('votes')
        .columns(['review_id', 'participant_id'])
        .execute();

      await db.schema
        .createTable('analyses')
        .addColumn('id', 'integer', id)
        .addColumn('review_id', 'integer', (column) => column.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('vote_event_count', 'integer', (column) => column.notNull())
        .addColumn('result', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('analyses', ['review_id', 'version']), ['review_id', 'version'])
        .addCheckConstraint('analyses_version_check', sql`version >= 1`)
        .addCheckConstraint('analyses_vote_event_count_check', sql`vote_event_count >= 0`)
        .execute();
    },
  };
}
