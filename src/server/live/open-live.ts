import { resolve } from 'node:path';
import { parseDatabaseUrl } from '../../store/open.js';
import { type AnalysisLock, noAnalysisLock } from './analysis-lock.js';
import { openLivePool, PostgresAnalysisLock, PostgresTransport } from './postgres-live.js';
import { RedisTransport } from './redis-live.js';
import { inProcessLiveBus, type LiveBus, type LiveTransport, SharedLiveBus } from './shared-live-bus.js';

export interface Live extends LiveBus {
  analysisLock: AnalysisLock;
  /** One theme run per review across instances (a separate lock, so themes never wait on analysis). */
  themesLock: AnalysisLock;
  /** Names the database (deployment) this instance serves; keys shared state such as rate limits. */
  scope: string;
  /** How live updates travel, for the start-up log. */
  transport: 'in-process' | 'postgres' | 'redis';
}

export interface OpenLiveOptions {
  databaseUrl: string;
  redisUrl: string | null;
  /** Told about failures of the shared connections (logged; live updates degrade, nothing else fails). */
  onError: (error: unknown) => void;
  /** Told when the LISTEN connection is back after a failure: announcements meanwhile were missed. */
  onReconnected?: () => void;
}

/**
 * Chooses how app instances share live updates and who analyses:
 * - `REDIS_URL` set: Redis pub/sub carries the messages;
 * - otherwise on PostgreSQL: LISTEN/NOTIFY on the same database;
 * - otherwise (SQLite, one process): the in-process bus.
 * On PostgreSQL an advisory lock lets one instance at a time analyse a review, whichever bus is used.
 */
export async function openLive(options: OpenLiveOptions): Promise<Live> {
  const location = parseDatabaseUrl(options.databaseUrl);
  const pool = location.kind === 'postgres' ? openLivePool(location, options.onError) : undefined;
  const analysisLock = pool ? new PostgresAnalysisLock(pool) : noAnalysisLock;
  const themesLock = pool ? new PostgresAnalysisLock(pool, 'common_ground_themes') : noAnalysisLock;
  // Two deployments may share a Redis or a PostgreSQL server; the scope keeps their messages apart.
  const scope =
    location.kind === 'postgres'
      ? `postgres:${new URL(location.connectionString).pathname}:${location.schema ?? ''}`
      : `sqlite:${resolve(location.path)}`;
  let transport: LiveTransport | undefined;
  let kind: Live['transport'] = 'in-process';
  if (options.redisUrl) {
    transport = new RedisTransport(options.redisUrl, { onError: options.onError });
    kind = 'redis';
  } else if (pool && location.kind === 'postgres') {
    transport = new PostgresTransport(location, pool, {
      onError: options.onError,
      ...(options.onReconnected ? { onReconnected: options.onReconnected } : {}),
    });
    kind = 'postgres';
  }
  if (!transport) return { ...inProcessLiveBus(), analysisLock, themesLock, scope, transport: kind };
  let bus: SharedLiveBus;
  try {
    bus = await SharedLiveBus.start(transport, { scope, onError: options.onError });
  } catch (error) {
    await transport.close().catch(() => {});
    await pool?.end().catch(() => {});
    throw error;
  }
  return {
    analysisEvents: bus.analysisEvents,
    reviewChanges: bus.reviewChanges,
    analysisLock,
    themesLock,
    scope,
    transport: kind,
    async close() {
      await bus.close();
      await pool?.end();
    },
  };
}
