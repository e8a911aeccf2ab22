import { Redis } from 'ioredis';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { AnalysisRunner } from '../worker/analysis-runner.js';
import { ThemesRunner } from '../worker/themes-runner.js';
import { buildApp } from './app.js';
import { issueOwnerSetupLink } from './commands/accounts.js';
import type { AppContext } from './context.js';
import { type AppConfig, loadConfig } from './env.js';
import { startReminderTimer } from './events/reminders.js';
import { startRetentionJob } from './jobs/retention.js';
import { openLive } from './live/open-live.js';
import { createMailer } from './mail/create-mailer.js';

export interface StartOptions {
  /** Overrides the environment's DATABASE_URL. */
  databaseUrl?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  publicUrl?: string;
  /** Silences request logs (tests). */
  quiet?: boolean;
  /** Extra configuration on top of the environment (tests). */
  config?: Partial<AppConfig>;
}

export interface RunningServer {
  url: string;
  store: Store;
  /** The one-time owner set-up link, while no account exists. */
  setupUrl: string | null;
  close(): Promise<void>;
}

/**
 * Opens the store (running migrations), builds the app and listens. Used by `common-ground serve`
 * and by the browser tests, so both run the real thing.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const base = loadConfig();
  const config: AppConfig = {
    ...base,
    ...options.config,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host ? { host: options.host } : {}),
  };
  const store = await openStore(config.databaseUrl);
  await store.migrate();
  // Failures of the shared live connections are logged once the app (and its logger) exists.
  let logLiveError = (error: unknown) => console.error('live updates:', error);
  let runner: AnalysisRunner | undefined;
  const live = await openLive({
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    onError: (error) => logLiveError(error),
    // Changes announced while the listener was away were missed: catch up on every open review.
    onReconnected: () => {
      void store.listPublicOpenReviews().then(
        (reviews) => {
          for (const review of reviews) runner?.schedule(review.id);
        },
        (error: unknown) => logLiveError(error),
      );
    },
  });
  const analysisEvents = live.analysisEvents;
  // The rate-limit plugin's recommended settings: fail fast, so a Redis outage does not hold requests.
  const rateLimitRedis = config.redisUrl
    ? new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 })
    : undefined;
  rateLimitRedis?.on('error', (error) => logLiveError(error));
  runner = new AnalysisRunner(store, {
    debounceMs: config.analysisDebounceSeconds * 1000,
    onAnalysisSaved: (event) => analysisEvents.publish(event),
    lock: live.analysisLock,
  });
  const analysisRunner = runner;
  // Theme runs take seconds on big reviews: a worker thread, one run per review across instances.
  const themesRunner = new ThemesRunner(store, {
    debounceMs: config.analysisDebounceSeconds * 1000,
    everyNAnswers: config.themesEveryNAnswers,
    lock: live.themesLock,
  });
  // Every instance schedules a run when any instance records a change; the advisory lock lets one
  // of them analyse, and the others adopt the result it announces.
  live.reviewChanges.subscribe((reviewId) => analysisRunner.schedule(reviewId));
  analysisEvents.subscribeAll((event) => {
    analysisRunner.refresh(event.reviewId, event.version).catch((error: unknown) => logLiveError(error));
  });
  const mailer = createMailer(config);
  const context: AppContext = {
    store,
    config,
    mailer,
    now: () => new Date(),
    onReviewChanged: (reviewId) => {
      analysisRunner.schedule(reviewId);
      live.reviewChanges.publish(reviewId);
    },
    analysisEvents,
    pickNextStatement: analysisRunner.pickNextStatement,
    themes: themesRunner,
    ...(rateLimitRedis
      ? { rateLimitStore: { redis: rateLimitRedis, nameSpace: `common-ground-rate-limit:${live.scope}:` } }
      : {}),
  };
  const app = await buildApp(context, { logger: !options.quiet });
  analysisRunner.onError = (error, reviewId) => app.log.error({ err: error, reviewId }, 'analysis failed');
  themesRunner.onError = (error, reviewId) => app.log.error({ err: error, reviewId }, 'theme run failed');
  logLiveError = (error) => app.log.error({ err: error }, 'live updates across instances failed');
  app.log.info({ transport: live.transport }, 'live updates');
  const address = await app.listen({ port: config.port, host: config.host });
  const listeningPort = new URL(address).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${listeningPort}`;
  // The public URL defaults to where we listen, so links printed for a port-0 test server work.
  context.config = {
    ...config,
    publicUrl: options.publicUrl ?? (options.config?.publicUrl || process.env.PUBLIC_URL ? config.publicUrl : url),
  };
  const setupUrl = await issueOwnerSetupLink(context);
  const stopReminders = startReminderTimer(context, (error) => app.log.error({ err: error }, 'event reminder failed'));
  // Analyses live in memory for routing; warm them for open reviews now rather than at the next vote.
  for (const review of await store.listPublicOpenReviews()) analysisRunner.schedule(review.id);
  // Deletes identifying data of reviews past their retention period, at start and hourly.
  const retention = startRetentionJob({ store, now: context.now, log: app.log });
  return {
    url,
    store,
    setupUrl,
    async close() {
      stopReminders();
      await retention.stop();
      await app.close();
      mailer.close?.();
      await analysisRunner.close();
      await themesRunner.close();
      await live.close();
      await rateLimitRedis?.quit().catch(() => {});
      await store.close();
    },
  };
}
