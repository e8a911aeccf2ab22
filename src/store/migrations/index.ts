import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { teamRolesMigration } from './0002-team-roles.js';
import { placesMigration } from './0003-places.js';
import { moderationMigration } from './0004-moderation.js';
import { invitationsMigration } from './0005-invitations.js';
import { teamAuditMigration } from './0006-team-audit.js';
import { reportMigration } from './0007-report.js';
import { listeningMigration } from './0008-listening.js';
import { eventsMigration } from './0009-events.js';
import { voteIdempotencyMigration } from './0010-vote-idempotency.js';
import { privacyMigration } from './0011-privacy.js';
import { accountSecurityMigration } from './0012-account-security.js';
import { eventOutcomesMigration } from './0013-event-outcomes.js';
import { voteTallyIndexMigration } from './0014-vote-tally-index.js';
import { themesMigration } from './0015-themes.js';
import { statementVersionsMigration } from './0016-statement-versions.js';
import type { MigrationDialect } from './dialect-helpers.js';

/**
 * Every migration, in order. A static list rather than a folder scan, so migrations travel inside any
 * bundle and no file system layout is assumed at run time. Migrations are forward-only: never edit
 * one that has shipped; add `0002-...` instead. Names sort in application order (Kysely's `Migrator`
 * runs them by name).
 */
const migrationFactories: ReadonlyArray<readonly [name: string, create: (dialect: MigrationDialect) => Migration]> = [
  ['0001-initial', initialMigration],
  ['0002-team-roles', teamRolesMigration],
  ['0003-places', placesMigration],
  ['0004-moderation', moderationMigration],
  ['0005-invitations', invitationsMigration],
  ['0006-team-audit', teamAuditMigration],
  ['0007-report', reportMigration],
  ['0008-listening', listeningMigration],
  ['0009-events', eventsMigration],
  ['0010-vote-idempotency', voteIdempotencyMigration],
  ['0011-privacy', privacyMigration],
  ['0012-account-security', accountSecurityMigration],
  ['0013-event-outcomes', eventOutcomesMigration],
  ['0014-vote-tally-index', voteTallyIndexMigration],
  ['0015-themes', themesMigration],
  ['0016-statement-versions', statementVersionsMigration],
];

/** The names of every migration, in application order. */
export const migrationNames: readonly string[] = migrationFactories.map(([name]) => name);

/** Kysely's `MigrationProvider` for one database kind: the same set of migrations for both. */
export function migrationProvider(dialect: MigrationDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(migrationFactories.map(([name, create]) => [name, create(dialect)]));
    },
  };
}
