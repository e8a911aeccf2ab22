import type { Kysely, Migration } from 'kysely';
import { type MigrationDialect, uniqueName } from './dialect-helpers.js';

/**
 * Idempotency keys on votes: a phone that retries a vote after a dropped connection (or a server
 * killed between COMMIT and the reply) sends the same `Idempotency-Key`, and the second request finds
 * the first event instead of appending another.
 *
 * - `vote_events.idempotency_key`: a new nullable column (votes without a key stay valid, and older
 *   rows need no value). Unique per participant rather than globally: keys come from clients, so one
 *   participant's key must never collide with, or reveal, another's. Both databases treat NULLs as
 *   distinct in a unique index, so keyless votes never conflict.
 */
export function voteIdempotencyMigration(_dialect: MigrationDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('vote_events').addColumn('idempotency_key', 'text').execute();
      await db.schema
        .createIndex(uniqueName('vote_events', ['participant_id', 'idempotency_key']))
        .on('vote_events')
        .columns(['participant_id', 'idempotency_key'])
        .unique()
        .execute();
    },
  };
}
