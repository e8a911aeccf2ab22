import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoReview } from '../cli/demo.js';
import { analysisSummarySchema } from '../contract/analysis.js';
import type { Store } from '../store/store.js';
import { sqliteTestStoreFactory, testStoreFactories } from '../test-support/stores.js';
import { AnalysisRunner } from './analysis-runner.js';

const summaryWithoutRowFields = analysisSummarySchema.omit({ version: true, createdAt: true, voteEventCount: true });

async function demoReviewId(store: Store): Promise<number> {
  const { slug } = await seedDemoReview(store, { seed: 7, participants: 90, now: new Date('2026-11-25T10:00:00Z') });
  const review = await store.findReviewBySlug(slug);
  if (!review) throw new Error('demo review missing');
  return review.id;
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`analysis runner on ${factory.kind}`, () => {
    let store: Store;
    let runner: AnalysisRunner;
    beforeEach(async () => {
      store = await factory.create();
      runner = new AnalysisRunner(store, { debounceMs: 10, inline: true });
    });
    afterEach(async () => {
      await runner.close();
      await store.close();
    });

    it('analyses the demo review, finds its planted groups and stores a versioned summary', async () => {
      const reviewId = await demoReviewId(store);
      await runner.runNow(reviewId);
      const latest = await store.latestAnalysis(reviewId);
      expect(latest?.version).toBe(1);
      const summary = summaryWithoutRowFields.parse(JSON.parse(latest?.result ?? '{}'));
      expect(summary.groups.length).toBeGreaterThanOrEqual(2);
      expect(summary.participantsInConversation).toBe(90);
      expect(summary.points).toHaveLength(90);
      expect(summary.statements).toHaveLength(24);
      // The demo plants statements every group agrees with and ones that divide them.
      const statements = await store.listStatements(reviewId);
      const byText = new Map(statements.map((statement) => [statement.text, statement.id]));
      const find = (text: string) => summary.statements.find((statement) => statement.statementId === byText.get(text));
      const shared = find('Members should be able to see how campaign money was spent.');
      const divisive = find('We should pledge to rejoin the European single market.');
      expect(shared?.groupAwareConsensus).toBeGreaterThan(divisive?.groupAwareConsensus ?? 1);
      expect(divisive?.divisiveness).toBeGreaterThan(shared?.divisiveness ?? 1);
      expect(shared?.bridging).toBeGreaterThan(divisive?.bridging ?? 1);
      expect(divisive?.commonGround).toBe(false);
      expect(summary.statements.some((statement) => statement.commonGround)).toBe(true);
      expect(shared?.identity.map((question) => question.options.length)).toEqual([5, 3, 5, 7]);

      await runner.runNow(reviewId);
      expect((await store.latestAnalysis(reviewId))?.version).toBe(1);
    });

    it('makes a new version after a new vote, and routes participants by priority', async () => {
      const reviewId = await demoReviewId(store);
      await runner.runNow(reviewId);
      const review = await store.findReviewById(reviewId);
      const participant = await store.createParticipant({
        reviewId,
        tokenHash: 'new-person',
        seed: 99,
        createdAt: '2026-11-25T11:00:00.000Z',
      });
      const statements = await store.listStatements(reviewId);
      const first = statements[0];
      if (!review || !first) throw new Error('demo incomplete');
      await store.recordVote({
        reviewId,
        participantId: participant.id,
        statementId: first.id,
        value: 1,
        votedAt: '2026-11-25T11:01:00.000Z',
      });
      await runner.runNow(reviewId);
      expect((await store.latestAnalysis(reviewId))?.version).toBe(2);

      const candidates = statements.slice(1);
      const voteCounts = await store.currentVoteCounts(reviewId);
      const picked = await runner.pickNextStatement({ review, participant, candidates, voteCounts });
      expect(candidates).toContain(picked);
      expect(await runner.pickNextStatement({ review, participant, candidates, voteCounts })).toBe(picked);
    });
  });
}

describe('analysis runner in a worker thread', () => {
  it('runs the maths off the main thread after the debounce delay', async () => {
    const store = await sqliteTestStoreFactory.create();
    const runner = new AnalysisRunner(store, { debounceMs: 20 });
    try {
      const reviewId = await demoReviewId(store);
      runner.schedule(reviewId);
      runner.schedule(reviewId);
      const deadline = Date.now() + 60_000;
      while (!(await store.latestAnalysis(reviewId)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const latest = await store.latestAnalysis(reviewId);
      expect(latest?.version).toBe(1);
      expect(runner.latest(reviewId)?.groups.count).toBeGreaterThanOrEqual(2);
    } finally {
      await runner.close();
      await store.close();
    }
  });
});
