import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewVote, RecordedVote, Store } from '../../store/store.js';
import { testStoreFactories } from '../../test-support/stores.js';
import { VoteWriter } from './vote-writer.js';

/** Wraps a store to count recordVotes calls and the size of each batch. */
function countingStore(store: Store): { store: Store; batches: number[] } {
  const batches: number[] = [];
  const wrapped = Object.create(store) as Store;
  wrapped.recordVotes = (inputs: readonly NewVote[]): Promise<RecordedVote[]> => {
    batches.push(inputs.length);
    return store.recordVotes(inputs);
  };
  return { store: wrapped, batches };
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`VoteWriter on ${factory.kind}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    async function aReviewWithVoters(participants: number) {
      const createdAt = '2026-03-01T10:00:00.000Z';
      const account = await store.createAccount({
        email: 'writer@example.org',
        displayName: 'Writer',
        passwordHash: 'x',
        isInstanceOwner: false,
        createdAt,
      });
      const review = await store.createReview({
        slug: 'writer-review',
        title: 'Writer',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt,
        updatedAt: createdAt,
      });
      const statement = await store.createStatement({
        reviewId: review.id,
        text: 'Batches',
        textKey: 'batches',
        origin: 'seed',
        moderation: 'accepted',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: account.id,
        createdAt,
      });
      const voters = await store.createParticipants(
        Array.from({ length: participants }, (_, index) => ({
          reviewId: review.id,
          tokenHash: `voter-${index}`,
          seed: index,
          createdAt,
        })),
      );
      const vote = (participantId: number, statementId = statement.id): NewVote => ({
        reviewId: review.id,
        participantId,
        statementId,
        value: 1,
        votedAt: createdAt,
      });
      return { review, statement, voters, vote };
    }

    it('commits votes that arrive together in one batch, each promise settling after it', async () => {
      const { review, voters, vote } = await aReviewWithVoters(40);
      const counting = countingStore(store);
      const writer = new VoteWriter(counting.store, { maxBatch: 16, maxWaitMs: 5 });

      const results = await Promise.all(voters.map((voter) => writer.write(vote(voter.id))));

      expect(results).toEqual(voters.map(() => ({ status: 'recorded', firstOnStatement: true })));
      expect(counting.batches.reduce((sum, size) => sum + size, 0)).toBe(40);
      expect(Math.max(...counting.batches)).toBe(16);
      expect(counting.batches.length).toBeLessThanOrEqual(3);
      expect(await store.countVoteEvents(review.id)).toBe(40);
    });

    it('fails only the bad vote of a batch: the others are retried one by one and stored', async () => {
      const { review, statement, voters, vote } = await aReviewWithVoters(5);
      const writer = new VoteWriter(store, { maxBatch: 100, maxWaitMs: 5 });
      const bad = vote(voters[2]?.id ?? -1, statement.id + 1000);

      const settled = await Promise.allSettled(
        voters.map((voter, index) => writer.write(index === 2 ? bad : vote(voter.id))),
      );

      expect(settled.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(await store.countVoteEvents(review.id)).toBe(4);
    });

    it('drains what is waiting', async () => {
      const { review, voters, vote } = await aReviewWithVoters(3);
      const writer = new VoteWriter(store, { maxBatch: 100, maxWaitMs: 1000 });
      const pending = voters.map((voter) => writer.write(vote(voter.id)));
      await writer.drain();
      expect(await store.countVoteEvents(review.id)).toBe(3);
      await Promise.all(pending);
    });
  });
}
