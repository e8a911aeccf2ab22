import { type Kysely, type Migration, sql } from 'kysely';
import { generatedId, type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * Events: roundtables, workshops, hackathons, socials, with registration, waitlist, check-in and the
 * table plan.
 *
 * - `events`: linked to a review or standalone (`review_id` null). `type` has no CHECK because the
 *   list is configuration (EVENT_TYPES), and SQLite could not change a CHECK later. Times are UTC ISO
 *   text with the IANA `time_zone` the host chose, so the wall-clock time is derived, never stored
 *   twice. `meeting_link` is shown only to people with a confirmed place. `sequence` counts changes
 *   of time or place, for the calendar invites' SEQUENCE (a newer invite replaces the older one).
 * - `event_hosts`: who may manage an event besides the organisers who approve it.
 * - `event_registrations`: name and email (lower-cased, one registration per address and event),
 *   identity answers as JSON `[{ questionId, optionId }]` (option refs, never labels), status and
 *   waitlist `position`, and hashes only of the two tokens: the registrant's link (manage/cancel)
 *   and the door's check-in code. No participant id: a registration must not tie an email address
 *   to a pseudonymous participant's votes. `together_with` / `apart_from` are JSON arrays of other
 *   registration ids, for the table planner.
 * - `event_table_plans`: one current plan per event, the tables as JSON arrays of registration ids.
 */
export function eventsMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('review_id', 'integer', (column) => column.references('reviews.id').onDelete('set null'))
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('format', 'text', (column) =>
          column.notNull().check(sql`format in ('in_person', 'online', 'hybrid')`),
        )
        .addColumn('venue', 'text')
        .addColumn('address', 'text')
        .addColumn('region', 'text')
        .addColumn('accessibility_notes', 'text')
        .addColumn('meeting_link', 'text')
        .addColumn('starts_at', 'text', (column) => column.notNull())
        .addColumn('ends_at', 'text', (column) => column.notNull())
        .addColumn('time_zone', 'text', (column) => column.notNull())
        .addColumn('capacity', 'integer', (column) => column.notNull().check(sql`capacity > 0`))
        .addColumn('status', 'text', (column) =>
          column.notNull().check(sql`status in ('draft', 'proposed', 'published', 'cancelled', 'finished')`),
        )
        .addColumn('sequence', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('proposed_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('approved_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('approved_at', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      // The public list reads published events by start time.
      await db.schema
        .createIndex('events_status_starts_at_index')
        .on('events')
        .columns(['status', 'starts_at'])
        .execute();

      await db.schema
        .createTable('event_hosts')
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('role', 'text', (column) => column.notNull().check(sql`role in ('host', 'facilitator')`))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('event_hosts_pkey', ['event_id', 'account_id'])
        .execute();

      await db.schema
        .createTable('event_registrations')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('answers', 'text', (column) => column.notNull().defaultTo('[]'))
        .addColumn('opinion_group', 'text')
        .addColumn('status', 'text', (column) =>
          column.notNull().check(sql`status in ('confirmed', 'waitlisted', 'cancelled')`),
        )
        .addColumn('position', 'integer')
        .addColumn('manage_token_hash', 'text', (column) => column.notNull())
        .addColumn('check_in_token_hash', 'text', (column) => column.notNull())
        .addColumn('checked_in_at', 'text')
        .addColumn('together_with', 'text', (column) => column.notNull().defaultTo('[]'))
        .addColumn('apart_from', 'text', (column) => column.notNull().defaultTo('[]'))
        .addColumn('reminder_sent_at', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addUniqueConstraint(uniqueName('event_registrations', ['manage_token_hash']), ['manage_token_hash'])
        .addUniqueConstraint(uniqueName('event_registrations', ['check_in_token_hash']), ['check_in_token_hash'])
        .execute();
      // A unique index (not a constraint) so both databases name it the same way in conflicts.
      await db.schema
        .createIndex(uniqueName('event_registrations', ['event_id', 'email']))
        .on('event_registrations')
        .columns(['event_id', 'email'])
        .unique()
        .execute();

      await db.schema
        .createTable('event_table_plans')
        .addColumn('event_id', 'integer', (column) => column.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('seed', 'integer', (column) => column.notNull())
        .addColumn('table_size', 'integer', (column) => column.notNull().check(sql`table_size > 1`))
        .addColumn('plan', 'text', (column) => column.notNull())
        .addColumn('updated_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
    },
  };
}
