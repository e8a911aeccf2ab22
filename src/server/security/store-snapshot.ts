import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../store/postgres.js';
import { openSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/store.js';
import { postgresTestStoreFactory, type TestStoreFactory, testDatabaseUrl } from '../../test-support/stores.js';

/** Per table: how many rows and a digest of their contents, so an UPDATE shows as well as an INSERT. */
export type StoreSnapshot = Record<string, { rows: number; digest: string }>;

/**
 * A test store factory that can also read the whole database behind the app's back, through its own
 * connection, for "nothing changed" checks. Snapshots cover the store made most recently.
 */
export interface SnapshottingFactory extends TestStoreFactory {
  snapshot(): Promise<StoreSnapshot>;
  /** Closes the snapshot connection (call after the store is closed). */
  dispose(): Promise<void>;
}

function digestRows(rows: readonly unknown[]): { rows: number; digest: string } {
  const lines = rows.map((row) => JSON.stringify(row)).sort();
  return { rows: rows.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

const migrationTables = /^kysely_migration/;

export function snapshottingSqliteFactory(): SnapshottingFactory {
  let path: string | undefined;
  return {
    kind: 'sqlite',
    skipReason: undefined,
    async create() {
      const folder = await mkdtemp(join(tmpdir(), 'cg-security-'));
      path = join(folder, 'common-ground.db');
      const store = await openSqliteStore({ path, onClose: () => rm(folder, { recursive: true, force: true }) });
      await store.migrate();
      return store;
    },
    async snapshot() {
      if (!path) throw new Error('create() a store first');
      const database = new Database(path, { readonly: true });
      try {
        const tables = database
          .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
          .all() as Array<{ name: string }>;
        const snapshot: StoreSnapshot = {};
        for (const { name } of tables) {
          if (migrationTables.test(name)) continue;
          snapshot[name] = digestRows(database.prepare(`select * from "${name}"`).all());
        }
        return snapshot;
      } finally {
        database.close();
      }
    },
    async dispose() {},
  };
}

export function snapshottingPostgresFactory(): SnapshottingFactory {
  let schema: string | undefined;
  let client: pg.Client | undefined;
  return {
    kind: 'postgres',
    skipReason: postgresTestStoreFactory.skipReason,
    async create(): Promise<Store> {
      schema = `cg_test_${randomBytes(6).toString('hex')}`;
      const store = await openPostgresStore({
        connectionString: testDatabaseUrl,
        schema,
        createSchema: true,
        dropSchemaOnClose: true,
        maxConnections: 4,
      });
      await store.migrate();
      return store;
    },
    async snapshot() {
      if (!schema) throw new Error('create() a store first');
      if (!client) {
        client = new pg.Client({ connectionString: testDatabaseUrl });
        await client.connect();
      }
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'",
        [schema],
      );
      const snapshot: StoreSnapshot = {};
      for (const { table_name: name } of tables.rows) {
        if (migrationTables.test(name)) continue;
        snapshot[name] = digestRows((await client.query(`select * from "${schema}"."${name}"`)).rows);
      }
      return snapshot;
    },
    async dispose() {
      await client?.end();
      client = undefined;
    },
  };
}

/** The tables whose contents differ between two snapshots. */
export function changedTables(before: StoreSnapshot, after: StoreSnapshot, ignore: readonly string[] = []): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !ignore.includes(name) && before[name]?.digest !== after[name]?.digest);
}
