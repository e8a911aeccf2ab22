import { fileURLToPath } from 'node:url';
import { isPostgresUrl, openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** Where a `DATABASE_URL` points, once parsed. */
export type DatabaseLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; schema: string | undefined };

/**
 * Reads a `DATABASE_URL`:
 * - `postgres://…` or `postgresql://…` → PostgreSQL. An optional `schema` query parameter
 *   (`…/db?schema=common_ground`) selects the schema; it is removed before the URL reaches pg.
 * - `sqlite:path`, `sqlite://path`, `sqlite:///absolute/path`, `file:path`, `file:///absolute/path`,
 *   or a bare path → a SQLite file. `:memory:` is a throw-away database.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseLocation {
  const trimmed = databaseUrl.trim();
  if (isPostgresUrl(trimmed)) {
    const url = new URL(trimmed);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: url.toString(), schema };
  }
  if (/^file:\/\//i.test(trimmed)) return { kind: 'sqlite', path: fileURLToPath(trimmed) };
  const withoutScheme = trimmed.replace(/^(sqlite|file):/i, '');
  // `sqlite:///abs` keeps its leading slash (→ /abs); `sqlite://rel` drops the authority slashes (→ rel).
  const path = withoutScheme.startsWith('//') ? withoutScheme.slice(2) : withoutScheme;
  if (path === '') throw new Error(`DATABASE_URL "${databaseUrl}" names no SQLite file.`);
  return { kind: 'sqlite', path };
}

/**
 * Opens the store a `DATABASE_URL` points at (see `parseDatabaseUrl`), without migrating: call
 * `store.migrate()` next. A SQLite file's folder is created if missing.
 */
export async function openStore(databaseUrl: string): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'postgres') {
    return openPostgresStore({
      connectionString: location.connectionString,
      schema: location.schema,
      createSchema: location.schema !== undefined,
    });
  }
  return openSqliteStore({ path: location.path });
}
