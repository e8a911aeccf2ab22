import { type Kysely, type Migration, sql } from 'kysely';
import { generatedId, type MigrationDialect } from './dialect-helpers.js';

/**
 * Run sheets, event outcomes and the event report, and volunteers.
 *
 * - `event_run_sheets` / `event_agenda_items`: the agenda copied from a template and edited by the
 *   host, and the live run state: the current item and, per item, when it was last started (the
 *   browser counts down from it, so a reload keeps time).
 * - `event_outcomes`: agreements, disagreements, questions and actions, free text without names.
 * - `event_statements`: which statements of the linked review came from which event (the statement
 *   itself is an ordinary statement, origin 'event', in the moderation queue).
 * - `event_reports`: the host's summary and `finished_at`, from which the phase is derived
 *   (core/event-report.ts), so no job has to lock anything.
 * - `event_report_suggestions`: by a checked-in registration, never shown with its name.
 * - `volunteer_offers` / `volunteer_assignments`: "help us run events" offers, and the events
 *   organisers matched them to.
 */
export function eventOutcomesMigration(dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('event_run_sheets')
        .addColumn('event_id', 'integer', (column) => column.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('template', 'text')
        .addColumn('language', 'text', (column) => column.notNull())
        .addColumn('current_item_id', 'integer')
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('event_agenda_items')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('minutes', 'integer', (column) => column.notNull().check(sql`minutes between 1 and 240`))
        .addColumn('prompts', 'text', (column) => column.notNull().defaultTo('[]'))
        .addColumn('started_at', 'text')
        .execute();
      await db.schema
        .createIndex('event_agenda_items_event_index')
        .on('event_agenda_items')
        .columns(['event_id', 'position'])
        .execute();

      await db.schema
        .createTable('event_outcomes')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('kind', 'text', (column) =>
          column.notNull().check(sql`kind in ('agreement', 'disagreement', 'question', 'action')`),
        )
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('created_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('event_outcomes_event_index').on('event_outcomes').column('event_id').execute();

      await db.schema
        .createTable('event_statements')
        .addColumn('statement_id', 'integer', (column) =>
          column.primaryKey().references('statements.id').onDelete('cascade'),
        )
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('event_statements_event_index').on('event_statements').column('event_id').execute();

      await db.schema
        .createTable('event_reports')
        .addColumn('event_id', 'integer', (column) => column.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('summary', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('finished_at', 'text')
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('event_report_suggestions')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('registration_id', 'integer', (column) =>
          column.references('event_registrations.id').onDelete('set null'),
        )
        .addColumn('outcome_id', 'integer', (column) => column.references('event_outcomes.id').onDelete('set null'))
        .addColumn('kind', 'text')
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) =>
          column.notNull().check(sql`status in ('pending', 'accepted', 'declined')`),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .execute();
      await db.schema
        .createIndex('event_report_suggestions_event_index')
        .on('event_report_suggestions')
        .column('event_id')
        .execute();

      await db.schema
        .createTable('volunteer_offers')
        .addColumn('id', 'integer', generatedId(dialect))
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('capabilities', 'text', (column) => column.notNull())
        .addColumn('area', 'text', (column) => column.notNull())
        .addColumn('availability', 'text', (column) => column.notNull())
        .addColumn('consented_at', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('volunteer_assignments')
        .addColumn('offer_id', 'integer', (column) =>
          column.notNull().references('volunteer_offers.id').onDelete('cascade'),
        )
        .addColumn('event_id', 'integer', (column) => column.notNull().references('events.id').onDelete('cascade'))
        .addColumn('assigned_by_account_id', 'integer', (column) =>
          column.references('accounts.id').onDelete('set null'),
        )
        .addColumn('assigned_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('volunteer_assignments_pkey', ['offer_id', 'event_id'])
        .execute();
    },
  };
}
