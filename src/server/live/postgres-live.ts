import pg from 'pg';
import type { AnalysisLock } from './analysis-lock.js';
import type { LiveTransport } from './shared-live-bus.js';

export interface PostgresConnection {
  connectionString: string;
  /** The schema the store works in (`?schema=` of DATABASE_URL); it scopes locks like the store's data. */
  schema: string | undefined;
}

function clientConfig(connection: PostgresConnection): pg.ClientConfig {
  return {
    connectionString: connection.connectionString,
    ...(connection.schema === undefined ? {} : { options: `-c search_path=${connection.schema}` }),
  };
}

/** Only plain identifiers are ever listened to, so they can go into LISTEN unquoted-safe. */
const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresTransportOptions {
  /** Told when the listening connection fails; it is reopened after `reconnectDelayMs`. */
  onError?: (error: unknown) => void;
  /** Called once listening again after a lost connection (messages sent meanwhile were missed). */
  onReconnected?: () => void;
  reconnectDelayMs?: number;
}

/**
 * LISTEN/NOTIFY: one dedicated connection listens (a pooled connection cannot, since LISTEN belongs
 * to a session) and is reopened whenever it breaks; NOTIFY goes through a small pool.
 */
export class PostgresTransport implements LiveTransport {
  readonly #connection: PostgresConnection;
  readonly #pool: pg.Pool;
  readonly #options: PostgresTransportOptions;
  #listener: pg.Client | undefined;
  #listenerPid: number | undefined;
  #channels: readonly string[] = [];
  #onMessage: (channel: string, payload: string) => void = () => {};
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(connection: PostgresConnection, pool: pg.Pool, options: PostgresTransportOptions = {}) {
    this.#connection = connection;
    this.#pool = pool;
    this.#options = options;
  }

  async start(channels: readonly string[], onMessage: (channel: string, payload: string) => void): Promise<void> {
    for (const channel of channels) {
      if (!channelPattern.test(channel)) throw new Error(`Invalid notification channel "${channel}".`);
    }
    this.#channels = channels;
    this.#onMessage = onMessage;
    await this.#listen();
  }

  async publish(channel: string, payload: string): Promise<void> {
    await this.#pool.query('select pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => {});
  }

  async #listen(): Promise<void> {
    const client = new pg.Client(clientConfig(this.#connection));
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, undefined));
    client.on('notification', (message) => {
      if (message.payload !== undefined) this.#onMessage(message.channel, message.payload);
    });
    await client.connect();
    try {
      for (const channel of this.#channels) await client.query(`listen ${channel}`);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      this.#listenerPid = rows[0]?.pid;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listener = client;
  }

  #lost(client: pg.Client, error: Error | undefined): void {
    if (this.#listener !== client || this.#closed) return;
    this.#listener = undefined;
    if (error) this.#options.onError?.(error);
    client.end().catch(() => {});
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#listen().then(
        () => {
          if (!this.#closed) this.#options.onReconnected?.();
        },
        (error: unknown) => {
          this.#options.onError?.(error);
          this.#scheduleReconnect();
        },
      );
    }, this.#options.reconnectDelayMs ?? 1000);
    this.#reconnectTimer.unref();
  }

  /** Ends the listening connection as a network failure would (tests of the reconnection). */
  async dropConnectionForTest(): Promise<void> {
    if (!this.#listener || this.#listenerPid === undefined) return;
    await this.#pool.query('select pg_terminate_backend($1)', [this.#listenerPid]);
  }
}

/**
 * One analysis run per review across all instances: a session advisory lock, keyed by the schema
 * and the review, held on a connection checked out of the pool for the length of the run. Another
 * instance that fails to take it skips its run (the holder is analysing and announces the result).
 * A crashed holder's connection closes, and PostgreSQL releases the lock with it.
 */
export class PostgresAnalysisLock implements AnalysisLock {
  readonly #pool: pg.Pool;
  readonly #name: string;

  /** `name` keeps kinds of work apart: the theme runner locks `common_ground_themes`, not the analysis. */
  constructor(pool: pg.Pool, name = 'common_ground_analysis') {
    this.#pool = pool;
    this.#name = name;
  }

  async runExclusive(reviewId: number, run: () => Promise<void>): Promise<boolean> {
    const client = await this.#pool.connect();
    let released = false;
    try {
      const key = `${this.#name}:${reviewId}`;
      const { rows } = await client.query<{ locked: boolean }>(
        `select pg_try_advisory_lock(hashtextextended(coalesce(current_schema(), '') || ':' || $1, 0)) as locked`,
        [key],
      );
      if (!rows[0]?.locked) return false;
      try {
        await run();
      } finally {
        try {
          await client.query(
            `select pg_advisory_unlock(hashtextextended(coalesce(current_schema(), '') || ':' || $1, 0))`,
            [key],
          );
        } catch (error) {
          // The lock is still held on this session: discard the connection, which releases it.
          client.release(error instanceof Error ? error : true);
          released = true;
        }
      }
      return true;
    } finally {
      if (!released) client.release();
    }
  }
}

/** The small pool the live bus and the analysis lock share (separate from the store's). */
export function openLivePool(connection: PostgresConnection, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(connection), max: 4 });
  pool.on('error', onError);
  return pool;
}
