import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Store } from '../store/store.js';
import type { ThemesScheduler } from '../worker/themes-runner.js';
import type { NextStatementPicker } from './commands/participation.js';
import type { AppConfig } from './env.js';
import type { AnalysisEvents } from './live/analysis-events.js';
import type { Mailer } from './mail/mailer.js';

/** What every route and command needs, passed in explicitly so tests can swap any part. */
export interface AppContext {
  store: Store;
  config: AppConfig;
  mailer: Mailer;
  /** The clock, injected so tests control time. */
  now: () => Date;
  /** Told after each vote or statement so the analysis can be refreshed; a no-op until a worker runs. */
  onReviewChanged: (reviewId: number) => void;
  /** Announces each saved analysis to open results pages (server-sent events). */
  analysisEvents: AnalysisEvents;
  /** Runs theme extraction off the request (worker thread); an inline runner is made on first use when absent. */
  themes?: ThemesScheduler;
  /** Chooses each participant's next statement; fewest-votes-first when absent. */
  pickNextStatement?: NextStatementPicker;
  /** Rate-limit counters shared by every app instance (REDIS_URL); absent: each instance counts alone. */
  rateLimitStore?: { redis: Redis; nameSpace: string };
}

/** The Fastify instance with zod schemas as its type provider. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
