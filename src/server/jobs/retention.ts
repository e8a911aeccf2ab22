import { reviewsDueForRetention } from '../../core/retention.js';
import type { RetentionCounts } from '../../store/privacy-queries.js';
import type { Store } from '../../store/store.js';

/** What the job logs: counts and review ids only, never the data itself. */
export interface RetentionLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RetentionRun {
  reviewId: number;
  slug: string;
  counts: RetentionCounts;
}

/**
 * One pass of the retention job: deletes the identifying data of every review due now (the rule is
 * `core/retention.ts`), each review in its own transaction so one failure does not hold back the
 * others. Idempotent: a review done since it last closed is not due again, and running the deletion
 * twice finds nothing the second time, so two app instances running it at once is harmless.
 */
export async function runRetention(store: Store, now: Date, log: RetentionLog): Promise<RetentionRun[]> {
  const at = now.toISOString();
  const due = reviewsDueForRetention(await store.privacy.listRetentionCandidates(), at);
  const runs: RetentionRun[] = [];
  for (const review of due) {
    try {
      const counts = await store.privacy.deleteIdentifyingData(review.reviewId, at);
      runs.push({ reviewId: review.reviewId, slug: review.slug, counts });
      log.info({ reviewId: review.reviewId, ...counts }, 'retention: identifying data deleted');
    } catch (error) {
      log.error({ err: error, reviewId: review.reviewId }, 'retention: deletion failed; will retry at the next run');
    }
  }
  return runs;
}

export const retentionIntervalMs = 60 * 60 * 1000;

/**
 * Runs the retention job now and then every `intervalMs` (hourly by default) until stopped. The
 * timer does not keep the process alive, and a run still going when the next is due is not doubled.
 */
export function startRetentionJob(options: { store: Store; now: () => Date; log: RetentionLog; intervalMs?: number }): {
  stop(): Promise<void>;
} {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = runRetention(options.store, options.now(), options.log)
      .catch((error: unknown) => options.log.error({ err: error }, 'retention: run failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? retentionIntervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
