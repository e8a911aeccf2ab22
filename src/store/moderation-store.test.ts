import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStoreFactories } from '../test-support/stores.js';
import {
  type AccountRow,
  type NewStatement,
  type ParticipantRow,
  type ReviewRow,
  type StatementRow,
  type Store,
  StoreConflictError,
  storeConstraints,
} from './store.js';

/** The moderation methods of the Store contract, on both databases. */
for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`Store moderation on ${factory.kind}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

    async function anAccount(email = 'moderator@example.org', displayName = 'Mo Derator'): Promise<AccountRow> {
      return store.createAccount({ email, displayName, passwordHash: 'x', isInstanceOwner: false, createdAt: at(0) });
    }

    async function aReview(account: AccountRow, slug = 'election-review'): Promise<ReviewRow> {
      return store.createReview({
        slug,
        title: 'Why we lost',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt: at(1),
        updatedAt: at(1),
      });
    }

    async function aParticipant(review: ReviewRow, tokenHash: string): Promise<ParticipantRow> {
      return store.createParticipant({ reviewId: review.id, tokenHash, seed: 1, createdAt: at(2) });
    }

    async function aStatement(review: ReviewRow, text: string, overrides: Partial<NewStatement> = {}) {
      return store.createStatement({
        reviewId: review.id,
        text,
        textKey: text.toLowerCase(),
        origin: 'participant',
        moderation: 'pending',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: null,
        createdAt: at(3),
        ...overrides,
      });
    }

    async function vote(review: ReviewRow, participant: ParticipantRow, statement: StatementRow, value: -1 | 0 | 1) {
      await store.recordVote({
        reviewId: review.id,
        participantId: participant.id,
        statementId: statement.id,
        value,
        votedAt: at(5),
      });
    }

    it('pages the queue pending first, oldest first, filtered by state and origin, with counts', async () => {
      const review = await aReview(await anAccount());
      const seed = await aStatement(review, 'Seed', { origin: 'seed', moderation: 'accepted' });
      const first = await aStatement(review, 'First pending');
      const rejected = await aStatement(review, 'Rejected', { moderation: 'rejected' });
      const fromEvent = await aStatement(review, 'From an event', { origin: 'event' });
      const last = await aStatement(review, 'Last pending');

      const ids = async (filter: Parameters<Store['listModerationQueue']>[1]) =>
        (await store.listModerationQueue(review.id, filter)).map((statement) => statement.id);
      expect(await ids({ limit: 10, offset: 0 })).toEqual([first.id, fromEvent.id, last.id, seed.id, rejected.id]);
      expect(await ids({ limit: 2, offset: 0 })).toEqual([first.id, fromEvent.id]);
      expect(await ids({ limit: 2, offset: 2 })).toEqual([last.id, seed.id]);
      expect(await ids({ moderation: 'pending', limit: 10, offset: 0 })).toEqual([first.id, fromEvent.id, last.id]);
      expect(await ids({ origin: 'event', limit: 10, offset: 0 })).toEqual([fromEvent.id]);
      expect(await ids({ moderation: 'accepted', origin: 'participant', limit: 10, offset: 0 })).toEqual([]);

      expect(await store.moderationCounts(review.id)).toEqual([
        { moderation: 'accepted', origin: 'seed', count: 1 },
        { moderation: 'pending', origin: 'event', count: 1 },
        { moderation: 'pending', origin: 'participant', count: 2 },
        { moderation: 'rejected', origin: 'participant', count: 1 },
      ]);
      const other = await aReview(await anAccount('other@example.org'), 'other-review');
      expect(await store.moderationCounts(other.id)).toEqual([]);
      expect(await store.listModerationQueue(other.id, { limit: 10, offset: 0 })).toEqual([]);
    });

    it('accepts and rejects in bulk, noting who, when and why, with one event each', async () => {
      const moderator = await anAccount();
      const review = await aReview(moderator);
      const other = await aReview(moderator, 'other-review');
      const first = await aStatement(review, 'First');
      const second = await aStatement(review, 'Second');
      const elsewhere = await aStatement(other, 'Elsewhere');

      const rejected = await store.setStatementsModeration({
        reviewId: review.id,
        statementIds: [second.id, first.id, elsewhere.id],
        moderation: 'rejected',
        reason: 'Names a private person.',
        accountId: moderator.id,
        at: at(10),
      });
      expect(rejected.map((statement) => statement.id)).toEqual([first.id, second.id]);
      expect(rejected[0]).toEqual({
        ...first,
        moderation: 'rejected',
        moderatedAt: at(10),
        moderatedByAccountId: moderator.id,
        moderatedByDisplayName: 'Mo Derator',
        rejectionReason: 'Names a private person.',
        originalText: null,
        editedAt: null,
        editedByDisplayName: null,
        votedByOthers: false,
      });
      expect((await store.findStatement(other.id, elsewhere.id))?.moderation).toBe('pending');

      const [accepted] = await store.setStatementsModeration({
        reviewId: review.id,
        statementIds: [first.id],
        moderation: 'accepted',
        reason: 'ignored when accepting',
        accountId: moderator.id,
        at: at(11),
      });
      expect(accepted).toMatchObject({ moderation: 'accepted', rejectionReason: null, moderatedAt: at(11) });
      expect(await store.listModerationEvents(review.id, first.id)).toEqual([
        {
          id: expect.any(Number),
          statementId: first.id,
          accountId: moderator.id,
          accountDisplayName: 'Mo Derator',
          action: 'reject',
          reason: 'Names a private person.',
          previousText: null,
          createdAt: at(10),
        },
        expect.objectContaining({ action: 'accept', reason: null, createdAt: at(11) }),
      ]);
      expect(await store.listModerationEvents(other.id, elsewhere.id)).toEqual([]);
      expect(
        await store.setStatementsModeration({
          reviewId: review.id,
          statementIds: [],
          moderation: 'accepted',
          reason: null,
          accountId: moderator.id,
          at: at(12),
        }),
      ).toEqual([]);
    });

    it('edits the text until someone other than the author votes, keeping the first text', async () => {
      const moderator = await anAccount();
      const review = await aReview(moderator);
      const author = await aParticipant(review, 'author');
      const reader = await aParticipant(review, 'reader');
      const statement = await aStatement(review, 'We lost tuoch with voters', { authorParticipantId: author.id });
      await vote(review, author, statement, 1);
      const edit = (text: string, minute: number) =>
        store.editStatementText({
          reviewId: review.id,
          statementId: statement.id,
          text,
          textKey: text.toLowerCase(),
          accountId: moderator.id,
          at: at(minute),
        });

      const first = await edit('We lost touch with voter', 20);
      expect(first).toEqual({
        status: 'edited',
        statement: expect.objectContaining({
          text: 'We lost touch with voter',
          textKey: 'we lost touch with voter',
          originalText: 'We lost tuoch with voters',
          editedAt: at(20),
          editedByDisplayName: 'Mo Derator',
          votedByOthers: false,
        }),
      });
      const second = await edit('We lost touch with voters', 21);
      expect(second.status === 'edited' && second.statement.originalText).toBe('We lost tuoch with voters');
      expect((await store.listModerationEvents(review.id, statement.id)).map((event) => event.previousText)).toEqual([
        'We lost tuoch with voters',
        'We lost touch with voter',
      ]);

      // A vote changed to pass still counts: someone read the text.
      await vote(review, reader, statement, -1);
      await vote(review, reader, statement, 0);
      expect(await edit('We lost touch with the voters', 22)).toEqual({ status: 'voted' });
      expect((await store.findStatement(review.id, statement.id))?.text).toBe('We lost touch with voters');
      const [after] = await store.findModeratedStatements(review.id, [statement.id]);
      expect(after?.votedByOthers).toBe(true);
    });

    it('counts any vote on a statement without an author as a vote by others', async () => {
      const moderator = await anAccount();
      const review = await aReview(moderator);
      const seed = await aStatement(review, 'Seed', { origin: 'seed', moderation: 'accepted' });
      expect((await store.findModeratedStatements(review.id, [seed.id]))[0]?.votedByOthers).toBe(false);
      await vote(review, await aParticipant(review, 'reader'), seed, 1);
      expect((await store.findModeratedStatements(review.id, [seed.id]))[0]?.votedByOthers).toBe(true);
    });

    it('refuses an edit that would duplicate another statement, and one outside the review', async () => {
      const moderator = await anAccount();
      const review = await aReview(moderator);
      const other = await aReview(moderator, 'other-review');
      await aStatement(review, 'We lost touch with voters');
      const typo = await aStatement(review, 'We lost tuoch with voters');
      const input = {
        reviewId: review.id,
        statementId: typo.id,
        text: 'We lost touch with voters',
        textKey: 'we lost touch with voters',
        accountId: moderator.id,
        at: at(30),
      };
      const error = await store.editStatementText(input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as StoreConflictError).constraint).toBe(storeConstraints.statementTextKey);
      expect(await store.listModerationEvents(review.id, typo.id)).toEqual([]);
      expect((await store.findStatement(review.id, typo.id))?.text).toBe('We lost tuoch with voters');
      expect(await store.editStatementText({ ...input, reviewId: other.id })).toEqual({ status: 'not_found' });
    });

    it('marks and unmarks a statement as meta, with events', async () => {
      const moderator = await anAccount();
      const review = await aReview(moderator);
      const other = await aReview(moderator, 'other-review');
      const statement = await aStatement(review, 'This survey is too long');
      const input = { reviewId: review.id, statementId: statement.id, accountId: moderator.id, at: at(40) };
      expect(await store.setStatementMeta({ ...input, isMeta: true })).toMatchObject({ isMeta: true });
      expect(await store.setStatementMeta({ ...input, isMeta: false })).toMatchObject({ isMeta: false });
      expect(await store.setStatementMeta({ ...input, reviewId: other.id, isMeta: true })).toBeUndefined();
      expect((await store.listModerationEvents(review.id, statement.id)).map((event) => event.action)).toEqual([
        'mark_meta',
        'unmark_meta',
      ]);
    });

    it("reports a participant's statements in a review, and those since a time, inside a transaction too", async () => {
      const review = await aReview(await anAccount());
      const other = await aReview(await anAccount('other@example.org'), 'other-review');
      const participant = await aParticipant(review, 'writer');
      const someoneElse = await aParticipant(review, 'someone-else');
      for (const [index, minute] of [1, 5, 9].entries()) {
        await aStatement(review, `Statement ${index}`, { authorParticipantId: participant.id, createdAt: at(minute) });
      }
      await aStatement(review, 'Not theirs', { authorParticipantId: someoneElse.id, createdAt: at(8) });
      await aStatement(other, 'Another review', { createdAt: at(8) });

      expect(await store.participantStatementActivity(review.id, participant.id, at(4))).toEqual({
        total: 3,
        recentCreatedAt: [at(5), at(9)],
      });
      const inTransaction = await store.transaction((tx) =>
        tx.participantStatementActivity(review.id, participant.id, at(0)),
      );
      expect(inTransaction).toEqual({ total: 3, recentCreatedAt: [at(1), at(5), at(9)] });
      expect(await store.participantStatementActivity(other.id, participant.id, at(0))).toEqual({
        total: 0,
        recentCreatedAt: [],
      });
    });
  });
}
