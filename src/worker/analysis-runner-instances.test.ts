import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoReview } from '../cli/demo.js';
import { openLivePool, PostgresAnalysisLock } from '../server/live/postgres-live.js';
import { openPostgresStore } from '../store/postgres.js';
import type { Store } from '../store/store.js';
import { postgresTestStoreFactory, testDatabaseUrl, testStoreFactories } from '../test-support/stores.js';
import { AnalysisRunner } from './analysis-runner.js';

/** Runners standing for two app instances: each has its own memory, they share the store. */
async function demoReview(store: Store) {
  const { slug } = await seedDemoReview(store, { seed: 11, participants: 60, now: new Date('2026-11-25T10:00:00Z') });
  const review = await store.findReviewBySlug(slug);
  if (!review) throw new Error('demo review missing');
  return review;
}

async function countAnalyses(store: Store, reviewId: number): Promise<number> {
  return (await store.latestAnalysis(reviewId))?.version ?? 0;
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`analysis runners of two instances on ${factory.kind}`, () => {
    let store: Store;
    let runners: AnalysisRunner[];
    beforeEach(async () => {
      store = await factory.create();
      runners = [];
    });
    afterEach(async () => {
      await Promise.all(runners.map((runner) => runner.close()));
      await store.close();
    });

    it('routes participants on an instance that did not analyse by the analysis another instance saved', async () => {
      const analysing = new AnalysisRunner(store, { debounceMs: 10, inline: true });
      const following = new AnalysisRunner(store, { debounceMs: 10, inline: true });
      runners.push(analysing, following);
      const review = await demoReview(store);
      await analysing.runNow(review.id);
      const saved = await store.latestAnalysis(review.id);
      if (!saved) throw new Error('no analysis saved');
      await following.refresh(review.id, saved.version);

      const statements = await store.listStatements(review.id);
      const voteCounts = await store.currentVoteCounts(review.id);
      let differsFromFewestVotesFirst = false;
      const fresh = new AnalysisRunner(store, { debounceMs: 10, inline: true });
      runners.push(fresh);
      for (let seed = 1; seed <= 40; seed++) {
        const participant = await store.createParticipant({
          reviewId: review.id,
          tokenHash: `person-${seed}`,
          seed,
          createdAt: '2026-11-25T11:00:00.000Z',
        });
        const input = { review, participant, candidates: statements.slice(seed % 5), voteCounts };
        const picked = await analysing.pickNextStatement(input);
        expect(await following.pickNextStatement(input)).toBe(picked);
        // A runner that has heard nothing routes fewest-votes-first, which differs somewhere.
        if ((await fresh.pickNextStatement(input)) !== picked) differsFromFewestVotesFirst = true;
      }
      expect(differsFromFewestVotesFirst).toBe(true);
    });

    it('does not analyse again votes another instance has analysed', async () => {
      const review = await demoReview(store);
      const first = new AnalysisRunner(store, { debounceMs: 10, inline: true });
      const second = new AnalysisRunner(store, { debounceMs: 10, inline: true });
      runners.push(first, second);
      await first.runNow(review.id);
      await second.runNow(review.id);
      expect(await countAnalyses(store, review.id)).toBe(1);
    });
  });
}

describe.skipIf(postgresTestStoreFactory.skipReason !== undefined)('analysis runners under the advisory lock', () => {
  const schema = `cg_test_${randomBytes(6).toString('hex')}`;
  let store: Store;
  beforeEach(async () => {
    store = await openPostgresStore({
      connectionString: testDatabaseUrl,
      schema,
      createSchema: true,
      dropSchemaOnClose: true,
      maxConnections: 4,
    });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  it('lets exactly one of several instances analyse a change at once', async () => {
    const review = await demoReview(store);
    const pools = [0, 1, 2].map(() => openLivePool({ connectionString: testDatabaseUrl, schema }, () => {}));
    const runners = pools.map(
      (pool) => new AnalysisRunner(store, { debounceMs: 10, inline: true, lock: new PostgresAnalysisLock(pool) }),
    );
    try {
      await Promise.all(runners.map((runner) => runner.runNow(review.id)));
      expect(await countAnalyses(store, review.id)).toBe(1);
    } finally {
      await Promise.all(runners.map((runner) => runner.close()));
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
