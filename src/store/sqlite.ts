import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { Database as Tables } from './schema.js';
import type { Store } from './store.js';

/** How to open the embedded SQLite database. */
export interface SqliteStoreOptions {
  /** The database file (its folder is created if missing), or `:memory:` for a throw-away database. */
  path: string;
  /** How long a write waits for another process's lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Runs after the database is closed (tests use it to delete their temporary folder). */
  onClose?: () => Promise<void>;
}

/**
 * Opens a SQLite store (better-sqlite3). Applies no migrations: call `store.migrate()`.
 *
 * Settings, and why:
 * - `journal_mode = WAL`: readers do not block the writer, so the analysis worker can read while
 *   votes arrive.
 * - `synchronous = FULL`: each commit is fsynced before it returns, so an acknowledged vote survives a
 *   crash or power cut. (WAL's usual NORMAL can lose the last commits on power loss.)
 * - `foreign_keys = ON`: SQLite leaves foreign keys unenforced unless asked, per connection.
 * - `busy_timeout`: a second process (the CLI, a worker with its own connection) waits for the lock
 *   instead of failing at once.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const database = openSqliteDatabase(options);
  const db = new Kysely<Tables>({
    dialect: new ImmediateTransactionSqliteDialect({ database: withStatementCache(database) }),
  });
  return new KyselyStore(db, { kind: 'sqlite', onClose: options.onClose });
}

/**
 * Opens the better-sqlite3 connection with the settings listed on `openSqliteStore`. Exported so the
 * durability test can read the pragmas of exactly the connection the store would use.
 */
export function openSqliteDatabase(options: Pick<SqliteStoreOptions, 'path' | 'busyTimeoutMs'>): Database.Database {
  const inMemory = options.path === ':memory:' || options.path === '';
  if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
  const database = new Database(options.path);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/**
 * Kysely's SQLite dialect, except that transactions start with BEGIN IMMEDIATE. A plain (deferred)
 * BEGIN takes the write lock only at the first write; if another connection wrote in between, SQLite
 * fails that upgrade with SQLITE_BUSY at once, ignoring busy_timeout. Taking the lock up front makes
 * read-then-write transactions (next analysis version, next question position) wait their turn instead.
 */
class ImmediateTransactionSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }
}

class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely prepares every query afresh; on the vote path that cost more than running it. The same few
 * SQL texts recur (values are bound parameters), so prepared statements are kept, least recently used
 * dropped past `limit`. Safe with one connection: Kysely runs one query at a time on it, and a
 * statement is finished (`all`/`run`) before the next begins; SQLite re-prepares a cached statement
 * itself if a migration changed the schema.
 */
function withStatementCache(database: Database.Database, limit = 500): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
      } else {
        statements.delete(sql);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
