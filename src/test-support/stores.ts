/**
 * Fresh, isolated stores for tests, one factory per database kind, so every test suite that touches
 * storage (the store contract, the API tests) runs on SQLite AND PostgreSQL with the same code.
 *
 * Usage (vitest):
 *
 * ```ts
 * import { describe } from 'vitest';
 * import { testStoreFactories } from '../test-support/stores.js';
 *
 * for (const factory of testStoreFactories) {
 *   describe.skipIf(factory.skipReason !== undefined)(`reviews API on ${factory.kind}`, () => {
 *     let store: Store;
 *     beforeEach(async () => { store = await factory.create(); });   // migrated and empty
 *     afterEach(async () => { await store.close(); });                // deletes the file / drops the schema
 *     it('…', async () => { … });
 *   });
 * }
 * ```
 *
 * - SQLite: each `create()` opens a new database file in a new folder under `os.tmpdir()`;
 *   `close()` deletes the folder.
 * - PostgreSQL: each `create()` makes a new schema `cg_test_<random>` on the test database
 *   (`TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`) and works only in it;
 *   `close()` drops the schema. So test files can run in parallel against one server.
 * - Always `close()` what you create, or temporary files and schemas are left behind.
 * - `skipReason` is set only when PostgreSQL is unreachable AND the `CI` environment variable is
 *   unset (a developer machine without PostgreSQL). With `CI` set, `skipReason` stays undefined, so an
 *   unreachable server makes the tests fail, as it must in CI. The reason is printed once on load.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPostgresReachable, openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';

/** What `create` may be asked for. */
export interface CreateTestStoreOptions {
  /** Apply the migrations before returning the store. Default true; the contract suite passes false to test `migrate()` itself. */
  migrate?: boolean;
}

/** Makes fresh, empty, isolated stores of one database kind. */
export interface TestStoreFactory {
  kind: Store['kind'];
  /** Why this kind cannot run here (tests should `skipIf` on it), or undefined when it must run. */
  skipReason: string | undefined;
  /** A new store that shares nothing with any other; `close()` it to clean up. */
  create(options?: CreateTestStoreOptions): Promise<Store>;
}

/** The PostgreSQL server tests use: `TEST_DATABASE_URL`, or the local default of this project's machines and CI. */
export const testDatabaseUrl: string = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function migrated(
  store: Store,
  options: CreateTestStoreOptions | undefined,
  { closeOnError = true }: { closeOnError?: boolean } = {},
): Promise<Store> {
  if (options?.migrate === false) return store;
  try {
    await store.migrate();
  } catch (error) {
    if (closeOnError) await store.close();
    throw error;
  }
  return store;
}

/** PostgreSQL's 3F000 (invalid_schema_name), wherever it sits in the error's cause chain. */
function isMissingSchemaError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: unknown }).code === '3F000') return true;
  }
  return false;
}

/** SQLite in a fresh temporary folder per store. */
export const sqliteTestStoreFactory: TestStoreFactory = {
  kind: 'sqlite',
  skipReason: undefined,
  async create(options) {
    const folder = await mkdtemp(join(tmpdir(), 'cg-test-'));
    const store = await openSqliteStore({
      path: join(folder, 'common-ground.db'),
      onClose: () => rm(folder, { recursive: true, force: true }),
    });
    return migrated(store, options);
  },
};

async function postgresSkipReason(): Promise<string | undefined> {
  try {
    await checkPostgresReachable(testDatabaseUrl);
    return undefined;
  } catch (error) {
    if (process.env.CI) return undefined;
    const where = redactPassword(testDatabaseUrl);
    const why = error instanceof Error ? error.message : String(error);
    return `PostgreSQL is not reachable at ${where} (${why}); CI is unset, so PostgreSQL tests are skipped. Start PostgreSQL or set TEST_DATABASE_URL.`;
  }
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable TEST_DATABASE_URL)';
  }
}

const postgresSkip = await postgresSkipReason();
if (postgresSkip !== undefined) console.warn(`[test-support/stores] ${postgresSkip}`);

/** PostgreSQL in a fresh schema `cg_test_<random>` per store, dropped on `close()`. */
export const postgresTestStoreFactory: TestStoreFactory = {
  kind: 'postgres',
  skipReason: postgresSkip,
  async create(options) {
    const store = await openPostgresStore({
      connectionString: testDatabaseUrl,
      schema: `cg_test_${randomBytes(6).toString('hex')}`,
      createSchema: true,
      dropSchemaOnClose: true,
      // Tests open many stores side by side; a small pool keeps them under the server's connection limit.
      maxConnections: 4,
    });
    // Test files create and drop schemas side by side, and Kysely's migrator reads the catalogue of
    // every schema: one dropped by another file mid-read fails the read with 3F000 ("schema … does not
    // exist"). The migration set-up is transactional, so trying again is safe; production never drops
    // schemas, so only tests need this.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await migrated(store, options, { closeOnError: false });
      } catch (error) {
        if (attempt >= 5 || !isMissingSchemaError(error)) {
          await store.close();
          throw error;
        }
      }
    }
  },
};

/** Both databases, SQLite first. Iterate over this to run a suite on each. */
export const testStoreFactories: readonly TestStoreFactory[] = [sqliteTestStoreFactory, postgresTestStoreFactory];
