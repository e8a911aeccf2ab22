import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** How to reach PostgreSQL. */
export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` URL. */
  connectionString: string;
  /**
   * The schema to work in (set as `search_path` on every pooled connection). Tests give each store
   * its own so they can run in parallel on one database. Default: the server's default search_path.
   */
  schema?: string;
  /** Create `schema` if it does not exist yet. */
  createSchema?: boolean;
  /** Drop `schema` with everything in it when the store closes (throw-away test schemas only). */
  dropSchemaOnClose?: boolean;
  /** Largest number of pooled connections. Default 10 (pg's default). */
  maxConnections?: number;
  /** Told when an idle pooled connection fails (it is discarded; later queries are unaffected). */
  onIdleConnectionError?: (error: Error) => void;
  /** Runs after the pool is closed. */
  onClose?: () => Promise<void>;
}

/** A schema name safe to put in `-c search_path=` and in DDL without quoting surprises. */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a PostgreSQL store over a `pg.Pool`. Applies no migrations: call `store.migrate()`. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !schemaNamePattern.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and underscores.`);
  }
  if (schema !== undefined && options.createSchema) {
    // Before the pool exists, so no pooled connection ever starts with a search_path that is missing.
    const client = new pg.Client({ connectionString: options.connectionString });
    await client.connect();
    try {
      // Two instances starting together would both try to create it, and `if not exists` still fails
      // on the second; a transaction lock per schema name makes the second wait and find it there.
      await client.query('begin');
      await client.query(`select pg_advisory_xact_lock(hashtextextended('common_ground_create_schema:' || $1, 0))`, [
        schema,
      ]);
      await client.query(`create schema if not exists "${schema}"`);
      await client.query('commit');
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // A server-side setting per connection, so every query on every pooled connection sees the schema
    // without a round trip and without depending on an `on('connect')` query finishing first.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle pooled connection that breaks (server restart, network cut) is emitted as a pool 'error';
  // unheard, Node would crash the process. pg already discards that connection and the next query
  // opens a fresh one, so listening is enough; the caller may log it.
  pool.on('error', (error) => options.onIdleConnectionError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, {
    kind: 'postgres',
    onClose: async () => {
      if (schema !== undefined && options.dropSchemaOnClose) {
        const client = new pg.Client({ connectionString: options.connectionString });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
      }
      await options.onClose?.();
    },
  });
}

/** Used by `open.ts` and tests to check a URL points at PostgreSQL. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** Quick reachability check (tests, health): resolves when a query round-trips. */
export async function checkPostgresReachable(connectionString: string, timeoutMs = 3000): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}
