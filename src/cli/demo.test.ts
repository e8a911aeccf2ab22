import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { testStoreFactories } from '../test-support/stores.js';
import { seedDemoReview } from './demo.js';
import { demoStatements } from './demo-content.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`demo review on ${factory.kind}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates an open review with statements, questions, participants and votes, once', async () => {
      const first = await seedDemoReview(store, { seed: 3, participants: 30 });
      expect(first).toEqual({ slug: 'after-the-defeat', created: true });
      const review = await store.findReviewBySlug(first.slug);
      if (!review) throw new Error('demo review missing');
      expect(review.status).toBe('open');
      const counts = await store.reviewCounts(review.id);
      expect(counts.statementCount).toBe(demoStatements.length);
      expect(counts.participantCount).toBe(30);
      // Everyone votes on at least 7 statements, so all are "in" the conversation.
      expect(counts.voteCount).toBeGreaterThanOrEqual(30 * 7);
      expect(await store.listIdentityQuestions(review.id)).toHaveLength(4);
      expect((await store.listReviewIdentityAnswers(review.id)).length).toBeGreaterThan(30);

      expect(await seedDemoReview(store, { seed: 3, participants: 30 })).toEqual({
        slug: 'after-the-defeat',
        created: false,
      });
      expect((await store.reviewCounts(review.id)).participantCount).toBe(30);
      // The demo's stand-in owner is not the instance owner, so the set-up link is still offered.
      expect(await store.findInstanceOwner()).toBeUndefined();
    });

    it('gives the demo to the instance owner when there is one', async () => {
      const owner = await store.createAccount({
        email: 'owner@example.org',
        displayName: 'Owner',
        passwordHash: 'x',
        isInstanceOwner: true,
        createdAt: '2026-11-25T09:00:00.000Z',
      });
      const { slug } = await seedDemoReview(store, { participants: 10 });
      const review = await store.findReviewBySlug(slug);
      expect(review && (await store.findReviewRole(review.id, owner.id))).toBe('owner');
    });
  });
}
