import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewVote, Store } from './store.js';

/**
 * Contract for group-committed votes (`recordVotes`) and vote idempotency keys (0010), run on both
 * databases by store.test.ts. `createStore` returns a migrated, empty store.
 */
export function runVotesContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Votes contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const at = (second: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, second)).toISOString();

    async function aVotingReview() {
      const account = await store.createAccount({
        email: 'organiser@example.org',
        displayName: 'Alex Organiser',
        passwordHash: '$argon2id$fake',
        isInstanceOwner: false,
        createdAt: at(0),
      });
      const review = await store.createReview({
        slug: 'burst-review',
        title: 'Bursts',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt: at(1),
        updatedAt: at(1),
      });
      const participant = (tokenHash: string) =>
        store.createParticipant({ reviewId: review.id, tokenHash, seed: 1, createdAt: at(2) });
      const statement = (text: string) =>
        store.createStatement({
          reviewId: review.id,
          text,
          textKey: text.toLowerCase(),
          origin: 'seed',
          moderation: 'accepted',
          isMeta: false,
          authorParticipantId: null,
          authorAccountId: account.id,
          createdAt: at(3),
        });
      return {
        review,
        alice: await participant('alice'),
        bob: await participant('bob'),
        first: await statement('First'),
        second: await statement('Second'),
      };
    }

    it('records a batch as recordVote one by one would: every event in order, the last of each pair current', async () => {
      const { review, alice, bob, first, second } = await aVotingReview();
      const batch: NewVote[] = [
        { reviewId: review.id, participantId: alice.id, statementId: first.id, value: 1, votedAt: at(10) },
        { reviewId: review.id, participantId: bob.id, statementId: first.id, value: 0, votedAt: at(11) },
        { reviewId: review.id, participantId: alice.id, statementId: first.id, value: -1, votedAt: at(12) },
        { reviewId: review.id, participantId: alice.id, statementId: second.id, value: 1, votedAt: at(13) },
      ];
      const results = await store.recordVotes(batch);

      expect(results).toEqual([
        { status: 'recorded', firstOnStatement: true },
        { status: 'recorded', firstOnStatement: true },
        { status: 'recorded', firstOnStatement: false },
        { status: 'recorded', firstOnStatement: true },
      ]);
      expect(await store.listVoteEvents(review.id)).toEqual(
        batch.map(({ participantId, statementId, value, votedAt }) => ({ participantId, statementId, value, votedAt })),
      );
      expect(await store.listCurrentVotes(review.id)).toEqual([
        { participantId: alice.id, statementId: first.id, value: -1, votedAt: at(12) },
        { participantId: alice.id, statementId: second.id, value: 1, votedAt: at(13) },
        { participantId: bob.id, statementId: first.id, value: 0, votedAt: at(11) },
      ]);
      expect(await store.recordVotes([])).toEqual([]);
    });

    it('appends nothing for a key the participant already used, and answers with the first event', async () => {
      const { review, alice, bob, first, second } = await aVotingReview();
      const keyed = (participantId: number, statementId: number, value: -1 | 0 | 1, second: number, key: string) => ({
        reviewId: review.id,
        participantId,
        statementId,
        value,
        votedAt: at(second),
        idempotencyKey: key,
      });
      expect(await store.recordVotes([keyed(alice.id, first.id, 1, 10, 'alice-key-0001')])).toEqual([
        { status: 'recorded', firstOnStatement: true },
      ]);
      // A newer vote on the same statement, then a late retry of the first: the retry must not win.
      await store.recordVotes([keyed(alice.id, first.id, -1, 11, 'alice-key-0002')]);
      const retried = await store.recordVotes([
        keyed(alice.id, first.id, 1, 12, 'alice-key-0001'),
        // The same key from another participant is theirs alone, and a replay in the same batch is seen.
        keyed(bob.id, second.id, 0, 12, 'alice-key-0001'),
        keyed(bob.id, second.id, 0, 13, 'alice-key-0001'),
      ]);

      expect(retried).toEqual([
        { status: 'replayed', statementId: first.id, value: 1, votedAt: at(10) },
        { status: 'recorded', firstOnStatement: true },
        { status: 'replayed', statementId: second.id, value: 0, votedAt: at(12) },
      ]);
      expect(await store.countVoteEvents(review.id)).toBe(3);
      expect(await store.listParticipantVotes(review.id, alice.id)).toEqual([
        { participantId: alice.id, statementId: first.id, value: -1, votedAt: at(11) },
      ]);
      expect(await store.findVoteEventByIdempotencyKey(alice.id, 'alice-key-0002')).toEqual({
        statementId: first.id,
        value: -1,
        votedAt: at(11),
      });
      expect(await store.findVoteEventByIdempotencyKey(alice.id, 'never-sent-key')).toBeUndefined();
    });

    it('writes nothing of a batch when one of its votes fails, so the caller can retry them one by one', async () => {
      const { review, alice, first, second } = await aVotingReview();
      const good: NewVote = {
        reviewId: review.id,
        participantId: alice.id,
        statementId: first.id,
        value: 1,
        votedAt: at(10),
      };
      const unknownStatement: NewVote = { ...good, statementId: second.id + 1000, votedAt: at(11) };
      await expect(store.recordVotes([good, unknownStatement])).rejects.toThrow();
      expect(await store.countVoteEvents(review.id)).toBe(0);

      const badValue = { ...good, value: 2 as unknown as -1 | 0 | 1 };
      await expect(store.recordVotes([good, badValue])).rejects.toThrow(/-1, 0 or 1/);
      expect(await store.countVoteEvents(review.id)).toBe(0);
      expect(await store.listCurrentVotes(review.id)).toEqual([]);
    });

    it('joins a surrounding transaction, so a failure after it undoes the batch', async () => {
      const { review, alice, first } = await aVotingReview();
      await expect(
        store.transaction(async (tx) => {
          await tx.recordVotes([
            { reviewId: review.id, participantId: alice.id, statementId: first.id, value: 1, votedAt: at(10) },
          ]);
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(await store.countVoteEvents(review.id)).toBe(0);
    });
  });
}
