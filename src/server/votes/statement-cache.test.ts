import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow, ReviewRow, Store } from '../../store/store.js';
import { testStoreFactories } from '../../test-support/stores.js';
import { StatementCache } from './statement-cache.js';

/** Wraps a store to count how often the whole statement list is read. */
function countingStore(store: Store): { store: Store; listReads: () => number } {
  let reads = 0;
  const wrapped = Object.create(store) as Store;
  wrapped.listStatements = (...args: Parameters<Store['listStatements']>) => {
    reads += 1;
    return store.listStatements(...args);
  };
  wrapped.statementsVersion = (reviewId: number) => store.statementsVersion(reviewId);
  return { store: wrapped, listReads: () => reads };
}

const createdAt = '2026-03-01T10:00:00.000Z';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`StatementCache on ${factory.kind}`, () => {
    let store: Store;
    let account: AccountRow;
    let review: ReviewRow;
    beforeEach(async () => {
      store = await factory.create();
      account = await store.createAccount({
        email: 'cache@example.org',
        displayName: 'Cache',
        passwordHash: 'x',
        isInstanceOwner: false,
        createdAt,
      });
      review = await store.createReview({
        slug: 'cache-review',
        title: 'Cache',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt,
        updatedAt: createdAt,
      });
    });
    afterEach(async () => {
      await store.close();
    });

    function aStatement(text: string) {
      return store.createStatement({
        reviewId: review.id,
        text,
        textKey: text.toLowerCase(),
        origin: 'seed',
        moderation: 'pending',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: account.id,
        createdAt,
      });
    }

    it('reads the list once while no statement changes, and serves what the store would', async () => {
      await aStatement('First');
      await aStatement('Second');
      const counting = countingStore(store);
      const cache = new StatementCache(counting.store);
      const expected = await store.listStatements(review.id);
      expect(await cache.list(review.id)).toEqual(expected);
      expect(await cache.list(review.id)).toEqual(expected);
      expect(await Promise.all([cache.list(review.id), cache.list(review.id)])).toEqual([expected, expected]);
      expect(counting.listReads()).toBe(1);
    });

    it('sees writes it was never told about (another instance’s, or any store path)', async () => {
      const statement = await aStatement('First');
      const cache = new StatementCache(store);
      await cache.list(review.id);

      await aStatement('Second');
      expect(await cache.list(review.id)).toEqual(await store.listStatements(review.id));

      await store.setStatementsModeration({
        reviewId: review.id,
        statementIds: [statement.id],
        moderation: 'rejected',
        reason: null,
        accountId: account.id,
        at: createdAt,
      });
      expect((await cache.list(review.id)).find((row) => row.id === statement.id)?.moderation).toBe('rejected');

      await store.editStatementText({
        reviewId: review.id,
        statementId: statement.id,
        text: 'First, fixed',
        textKey: 'first fixed',
        accountId: account.id,
        at: createdAt,
      });
      expect((await cache.list(review.id)).find((row) => row.id === statement.id)?.text).toBe('First, fixed');
      expect(await cache.list(review.id)).toEqual(await store.listStatements(review.id));
    });
  });
}
