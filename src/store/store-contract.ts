import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationNames } from './migrations/index.js';
import {
  type AccountRow,
  type CurrentVoteRow,
  type NewStatement,
  type ParticipantRow,
  type ReviewRow,
  type StatementRow,
  type Store,
  StoreConflictError,
  storeConstraints,
} from './store.js';

/**
 * The behaviour every `Store` must have, whatever the database (hono's `common.case.test.ts` pattern):
 * `store.test.ts` runs it once per database kind. `createStore` must return a NEW, EMPTY, UNMIGRATED
 * store each call; the suite migrates it (checking what `migrate()` reports) and closes it after each test.
 */
export function runStoreContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let opened: Store | undefined;
    let appliedAtStart: string[];

    beforeEach(async () => {
      opened = undefined;
      store = await createStore();
      opened = store;
      appliedAtStart = await store.migrate();
    });
    afterEach(async () => {
      // Only when beforeEach got that far, so a failed open reports its own error, not a second one here.
      await opened?.close();
    });

    const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

    async function anAccount(email = 'organiser@example.org', isInstanceOwner = false): Promise<AccountRow> {
      return store.createAccount({
        email,
        displayName: 'Alex Organiser',
        passwordHash: '$argon2id$fake',
        isInstanceOwner,
        createdAt: at(0),
      });
    }

    async function aReview(
      account: AccountRow,
      overrides: Partial<Omit<ReviewRow, 'id' | 'createdByAccountId'>> = {},
    ): Promise<ReviewRow> {
      return store.createReview({
        slug: 'election-review',
        title: 'Why we lost',
        introduction: 'Tell us what you think.',
        status: 'open',
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt: at(1),
        updatedAt: at(1),
        ...overrides,
      });
    }

    async function aParticipant(review: ReviewRow, tokenHash = 'participant-token-hash'): Promise<ParticipantRow> {
      return store.createParticipant({ reviewId: review.id, tokenHash, seed: 42, createdAt: at(2) });
    }

    async function aStatement(
      review: ReviewRow,
      text: string,
      overrides: Partial<NewStatement> = {},
    ): Promise<StatementRow> {
      return store.createStatement({
        reviewId: review.id,
        text,
        textKey: text.toLowerCase(),
        origin: 'seed',
        moderation: 'accepted',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: review.createdByAccountId,
        createdAt: at(3),
        ...overrides,
      });
    }

    async function expectConflict(write: Promise<unknown>, constraint: string): Promise<void> {
      const error = await write.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as StoreConflictError).constraint).toBe(constraint);
    }

    describe('migrations', () => {
      it('applies every migration on an empty database, then nothing on the next calls', async () => {
        expect(appliedAtStart).toEqual([...migrationNames]);
        expect(await store.migrate()).toEqual([]);
        expect(await store.migrate()).toEqual([]);
      });

      it('reports its kind and answers ping', async () => {
        expect(store.kind).toBe(name);
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('accounts and sessions', () => {
      it('creates accounts, counts them and finds them by email and id', async () => {
        expect(await store.countAccounts()).toBe(0);
        const owner = await anAccount('owner@example.org', true);
        const organiser = await anAccount('organiser@example.org', false);
        expect(await store.countAccounts()).toBe(2);
        expect(owner).toEqual({
          id: expect.any(Number),
          email: 'owner@example.org',
          displayName: 'Alex Organiser',
          passwordHash: '$argon2id$fake',
          isInstanceOwner: true,
          createdAt: at(0),
        });
        expect(organiser.isInstanceOwner).toBe(false);
        expect(await store.findAccountByEmail('owner@example.org')).toEqual(owner);
        expect(await store.findAccountById(organiser.id)).toEqual(organiser);
        expect(await store.findAccountByEmail('nobody@example.org')).toBeUndefined();
        expect(await store.findAccountById(organiser.id + 1000)).toBeUndefined();
      });

      it('finds the instance owner, ignoring other accounts', async () => {
        await anAccount('organiser@example.org', false);
        expect(await store.findInstanceOwner()).toBeUndefined();
        const owner = await anAccount('owner@example.org', true);
        await anAccount('second-owner@example.org', true);
        expect(await store.findInstanceOwner()).toEqual(owner);
      });

      it('refuses a second account with the same email as a conflict', async () => {
        await anAccount('same@example.org');
        await expectConflict(anAccount('same@example.org'), storeConstraints.accountEmail);
        expect(await store.countAccounts()).toBe(1);
      });

      it('finds a session only before it expires, and not after it is deleted', async () => {
        const account = await anAccount();
        await store.createSession({
          tokenHash: 'session-hash',
          accountId: account.id,
          csrfToken: 'csrf',
          createdAt: at(0),
          expiresAt: at(30),
        });
        expect(await store.findSession('session-hash', at(29))).toEqual({
          tokenHash: 'session-hash',
          accountId: account.id,
          csrfToken: 'csrf',
          createdAt: at(0),
          expiresAt: at(30),
        });
        expect(await store.findSession('session-hash', at(30))).toBeUndefined();
        expect(await store.findSession('session-hash', at(45))).toBeUndefined();
        expect(await store.findSession('other-hash', at(1))).toBeUndefined();
        await store.deleteSession('session-hash');
        expect(await store.findSession('session-hash', at(1))).toBeUndefined();
      });

      it('consumes a one-time token once, and never after it expires', async () => {
        expect(await store.hasUnusedOneTimeToken('owner_setup', at(0))).toBe(false);
        await store.createOneTimeToken({
          tokenHash: 'setup',
          purpose: 'owner_setup',
          createdAt: at(0),
          expiresAt: at(60),
        });
        expect(await store.hasUnusedOneTimeToken('owner_setup', at(1))).toBe(true);
        expect(await store.consumeOneTimeToken('unknown', 'owner_setup', at(1))).toBe(false);
        expect(await store.consumeOneTimeToken('setup', 'owner_setup', at(1))).toBe(true);
        expect(await store.consumeOneTimeToken('setup', 'owner_setup', at(2))).toBe(false);
        expect(await store.hasUnusedOneTimeToken('owner_setup', at(2))).toBe(false);

        await store.createOneTimeToken({
          tokenHash: 'late',
          purpose: 'owner_setup',
          createdAt: at(0),
          expiresAt: at(10),
        });
        expect(await store.hasUnusedOneTimeToken('owner_setup', at(5))).toBe(true);
        expect(await store.hasUnusedOneTimeToken('owner_setup', at(10))).toBe(false);
        expect(await store.consumeOneTimeToken('late', 'owner_setup', at(11))).toBe(false);
      });
    });

    describe('reviews and roles', () => {
      it('creates a review and finds it by slug and by id', async () => {
        const account = await anAccount();
        const review = await aReview(account, { participantsCanAddStatements: false, moderationMode: 'strict' });
        expect(review).toEqual({
          id: expect.any(Number),
          slug: 'election-review',
          title: 'Why we lost',
          introduction: 'Tell us what you think.',
          status: 'open',
          visibility: 'public',
          moderationMode: 'strict',
          participantsCanAddStatements: false,
          resultsVisibility: 'team',
          votesOnErasure: 'remove',
          retentionDays: null,
          privacyContact: null,
          closedAt: null,
          identifyingDataDeletedAt: null,
          archivedAt: null,
          createdByAccountId: account.id,
          createdAt: at(1),
          updatedAt: at(1),
        });
        expect(await store.findReviewBySlug('election-review')).toEqual(review);
        expect(await store.findReviewById(review.id)).toEqual(review);
        expect(await store.findReviewBySlug('missing')).toBeUndefined();
        expect(await store.findReviewById(review.id + 1000)).toBeUndefined();
      });

      it('refuses a duplicate slug as a conflict', async () => {
        const account = await anAccount();
        await aReview(account);
        await expectConflict(aReview(account, { title: 'Another' }), storeConstraints.reviewSlug);
      });

      it('updates only the given fields, and throws for an unknown review', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const updated = await store.updateReview(review.id, {
          status: 'closed',
          participantsCanAddStatements: false,
          updatedAt: at(20),
        });
        expect(updated).toEqual({
          ...review,
          status: 'closed',
          participantsCanAddStatements: false,
          updatedAt: at(20),
          // Closing starts the retention clock (0011).
          closedAt: at(20),
        });
        expect(await store.findReviewById(review.id)).toEqual(updated);
        await expect(store.updateReview(review.id + 1000, { title: 'x', updatedAt: at(21) })).rejects.toThrow(
          /no review/,
        );
      });

      it('lists only public open reviews, newest first', async () => {
        const account = await anAccount();
        const older = await aReview(account, { slug: 'older', createdAt: at(1) });
        const newer = await aReview(account, { slug: 'newer', createdAt: at(5) });
        await aReview(account, { slug: 'draft', status: 'draft' });
        await aReview(account, { slug: 'closed', status: 'closed' });
        await aReview(account, { slug: 'invite-only', visibility: 'invite' });
        expect((await store.listPublicOpenReviews()).map((review) => review.slug)).toEqual([newer.slug, older.slug]);
      });

      it('gives an account one role per review, replaceable, and lists its reviews with the role', async () => {
        const owner = await anAccount('owner@example.org');
        const moderator = await anAccount('moderator@example.org');
        const first = await aReview(owner, { slug: 'first', createdAt: at(1) });
        const second = await aReview(owner, { slug: 'second', createdAt: at(2) });
        await store.setReviewRole({ reviewId: first.id, accountId: owner.id, role: 'owner', createdAt: at(1) });
        await store.setReviewRole({ reviewId: second.id, accountId: owner.id, role: 'owner', createdAt: at(2) });
        await store.setReviewRole({ reviewId: first.id, accountId: moderator.id, role: 'moderator', createdAt: at(3) });

        expect(await store.findReviewRole(first.id, moderator.id)).toBe('moderator');
        expect(await store.findReviewRole(second.id, moderator.id)).toBeUndefined();
        await store.setReviewRole({ reviewId: first.id, accountId: moderator.id, role: 'organiser', createdAt: at(4) });
        expect(await store.findReviewRole(first.id, moderator.id)).toBe('organiser');

        const ownersReviews = await store.listReviewsForAccount(owner.id);
        expect(ownersReviews.map((review) => [review.slug, review.role])).toEqual([
          ['second', 'owner'],
          ['first', 'owner'],
        ]);
        expect(ownersReviews[1]).toEqual({ ...first, role: 'owner' });
        expect((await store.listReviewsForAccount(moderator.id)).map((review) => review.role)).toEqual(['organiser']);
      });

      it('counts statements, participants and current votes of one review', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const alice = await aParticipant(review, 'alice');
        const bob = await aParticipant(review, 'bob');
        await aParticipant(other, 'carol');
        const first = await aStatement(review, 'First');
        await aStatement(review, 'Second', { moderation: 'pending' });
        await aStatement(other, 'Elsewhere');
        await store.recordVote({
          reviewId: review.id,
          participantId: alice.id,
          statementId: first.id,
          value: 1,
          votedAt: at(5),
        });
        await store.recordVote({
          reviewId: review.id,
          participantId: alice.id,
          statementId: first.id,
          value: -1,
          votedAt: at(6),
        });
        await store.recordVote({
          reviewId: review.id,
          participantId: bob.id,
          statementId: first.id,
          value: 0,
          votedAt: at(7),
        });
        expect(await store.reviewCounts(review.id)).toEqual({ statementCount: 2, participantCount: 2, voteCount: 2 });
        expect(await store.reviewCounts(other.id)).toEqual({ statementCount: 1, participantCount: 1, voteCount: 0 });
      });
    });

    describe('identity questions', () => {
      it('keeps questions and their options in order', async () => {
        const review = await aReview(await anAccount());
        const tradition = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Which tradition do you feel closest to?',
          kind: 'tradition',
          options: ['Social democrat', 'Green', 'Trade unionist'],
          createdAt: at(1),
        });
        const region = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Where do you live?',
          kind: 'region',
          options: ['North', 'South'],
          createdAt: at(2),
        });
        expect(tradition.position).toBeLessThan(region.position);
        expect(tradition.options.map((option) => option.label)).toEqual(['Social democrat', 'Green', 'Trade unionist']);
        const listed = await store.listIdentityQuestions(review.id);
        expect(listed).toEqual([tradition, region]);
        expect(listed[0]?.options.map((option) => option.position)).toEqual([0, 1, 2]);
        expect(await store.listIdentityQuestions(review.id + 1000)).toEqual([]);
      });

      it('sets, changes and clears answers, and refuses an option of another question', async () => {
        const review = await aReview(await anAccount());
        const participant = await aParticipant(review);
        const tradition = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Tradition?',
          kind: 'tradition',
          options: ['Red', 'Green'],
          createdAt: at(1),
        });
        const region = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Region?',
          kind: 'region',
          options: ['North', 'South'],
          createdAt: at(1),
        });
        const [red, green] = tradition.options;
        const [north] = region.options;
        const answer = (questionId: number, optionId: number | null) =>
          store.setIdentityAnswer({ participantId: participant.id, questionId, optionId, answeredAt: at(5) });

        expect(await answer(tradition.id, red!.id)).toBe(true);
        expect(await answer(region.id, north!.id)).toBe(true);
        expect(await store.listIdentityAnswers(participant.id)).toEqual(
          new Map([
            [tradition.id, red!.id],
            [region.id, north!.id],
          ]),
        );
        expect(await answer(tradition.id, green!.id)).toBe(true);
        expect((await store.listIdentityAnswers(participant.id)).get(tradition.id)).toBe(green!.id);

        expect(await answer(tradition.id, north!.id)).toBe(false);
        expect((await store.listIdentityAnswers(participant.id)).get(tradition.id)).toBe(green!.id);

        expect(await answer(tradition.id, null)).toBe(true);
        expect(await store.listIdentityAnswers(participant.id)).toEqual(new Map([[region.id, north!.id]]));
        expect(await answer(tradition.id, null)).toBe(true);
      });

      it('lists every answer given in a review, and none of another review', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const question = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Referendum vote?',
          kind: 'referendum',
          options: ['Remain', 'Leave'],
          createdAt: at(1),
        });
        const otherQuestion = await store.createIdentityQuestion({
          reviewId: other.id,
          prompt: 'Role?',
          kind: 'role',
          options: ['Member', 'Voter'],
          createdAt: at(1),
        });
        const first = await aParticipant(review, 'first');
        const second = await aParticipant(review, 'second');
        const outsider = await aParticipant(other, 'outsider');
        const [remain, leave] = question.options;
        await store.setIdentityAnswer({
          participantId: second.id,
          questionId: question.id,
          optionId: leave!.id,
          answeredAt: at(3),
        });
        await store.setIdentityAnswer({
          participantId: first.id,
          questionId: question.id,
          optionId: remain!.id,
          answeredAt: at(3),
        });
        await store.setIdentityAnswer({
          participantId: outsider.id,
          questionId: otherQuestion.id,
          optionId: otherQuestion.options[0]!.id,
          answeredAt: at(3),
        });
        expect(await store.listReviewIdentityAnswers(review.id)).toEqual([
          { participantId: first.id, questionId: question.id, optionId: remain!.id },
          { participantId: second.id, questionId: question.id, optionId: leave!.id },
        ]);
        await store.setIdentityAnswer({
          participantId: first.id,
          questionId: question.id,
          optionId: null,
          answeredAt: at(4),
        });
        expect(await store.listReviewIdentityAnswers(review.id)).toHaveLength(1);
      });

      it("refuses an answer to another review's question", async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const participant = await aParticipant(review);
        const foreign = await store.createIdentityQuestion({
          reviewId: other.id,
          prompt: 'Seat?',
          kind: 'seat',
          options: ['Seat A'],
          createdAt: at(1),
        });
        expect(
          await store.setIdentityAnswer({
            participantId: participant.id,
            questionId: foreign.id,
            optionId: foreign.options[0]!.id,
            answeredAt: at(2),
          }),
        ).toBe(false);
        expect(await store.listIdentityAnswers(participant.id)).toEqual(new Map());
      });
    });

    describe('participants and invites', () => {
      it('records whether a participant is verified, unverified unless told', async () => {
        const review = await aReview(await anAccount());
        const plain = await aParticipant(review, 'plain');
        const verified = await store.createParticipant({
          reviewId: review.id,
          tokenHash: 'verified',
          seed: 7,
          createdAt: at(3),
          verified: true,
        });
        expect(plain.verified).toBe(false);
        expect(verified.verified).toBe(true);
        expect(await store.findParticipantById(verified.id)).toEqual(verified);
        expect((await store.findParticipantByTokenHash(review.id, 'plain'))?.verified).toBe(false);
      });

      it('finds participants by token hash within their review and by id', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const participant = await store.createParticipant({
          reviewId: review.id,
          tokenHash: 'same-hash',
          seed: -2147483648,
          createdAt: at(2),
        });
        expect(participant).toEqual({
          id: expect.any(Number),
          reviewId: review.id,
          tokenHash: 'same-hash',
          seed: -2147483648,
          createdAt: at(2),
          verified: false,
        });
        expect(await store.findParticipantByTokenHash(review.id, 'same-hash')).toEqual(participant);
        expect(await store.findParticipantById(participant.id)).toEqual(participant);
        expect(await store.findParticipantByTokenHash(other.id, 'same-hash')).toBeUndefined();
        // The same cookie token may belong to a participant in another review, but not twice in one.
        const elsewhere = await aParticipant(other, 'same-hash');
        expect(elsewhere.id).not.toBe(participant.id);
        await expectConflict(aParticipant(review, 'same-hash'), storeConstraints.participantTokenHash);
      });

      it('lets only one of two simultaneous redemptions of an invite or one-time token succeed', async () => {
        const account = await anAccount();
        const review = await aReview(account, { visibility: 'invite' });
        const invite = await store.createInvite({
          reviewId: review.id,
          tokenHash: 'raced-invite',
          createdAt: at(1),
          createdByAccountId: account.id,
        });
        const redeemed = await Promise.all([
          store.redeemInvite(invite.id, at(5)),
          store.redeemInvite(invite.id, at(5)),
        ]);
        expect(redeemed.filter(Boolean)).toHaveLength(1);

        await store.createOneTimeToken({
          tokenHash: 'raced',
          purpose: 'owner_setup',
          createdAt: at(0),
          expiresAt: at(60),
        });
        const consumed = await Promise.all([
          store.consumeOneTimeToken('raced', 'owner_setup', at(1)),
          store.consumeOneTimeToken('raced', 'owner_setup', at(1)),
          store.consumeOneTimeToken('raced', 'owner_setup', at(1)),
        ]);
        expect(consumed.filter(Boolean)).toHaveLength(1);
      });

      it('redeems an invite exactly once', async () => {
        const account = await anAccount();
        const review = await aReview(account, { visibility: 'invite' });
        const invite = await store.createInvite({
          reviewId: review.id,
          tokenHash: 'invite-hash',
          createdAt: at(1),
          createdByAccountId: account.id,
        });
        expect(invite).toEqual({
          id: expect.any(Number),
          reviewId: review.id,
          tokenHash: 'invite-hash',
          createdAt: at(1),
          usedAt: null,
          email: null,
          name: null,
          revokedAt: null,
          sendStatus: null,
          sentAt: null,
        });
        expect(await store.findInviteByTokenHash('invite-hash')).toEqual(invite);
        expect(await store.findInviteByTokenHash('unknown')).toBeUndefined();
        expect(await store.redeemInvite(invite.id, at(5))).toBe(true);
        expect(await store.redeemInvite(invite.id, at(6))).toBe(false);
        expect(await store.findInviteByTokenHash('invite-hash')).toEqual({ ...invite, usedAt: at(5) });
        // A one-off link is not a member invitation.
        expect(await store.listInvitations(review.id)).toEqual([]);
        expect(await store.findInvitation(review.id, invite.id)).toBeUndefined();
        await expectConflict(
          store.createInvite({
            reviewId: review.id,
            tokenHash: 'invite-hash',
            createdAt: at(7),
            createdByAccountId: account.id,
          }),
          storeConstraints.inviteTokenHash,
        );
      });
    });

    describe('invitations from a member list', () => {
      async function aRegionQuestion(review: ReviewRow) {
        return store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Which valley?',
          kind: 'region',
          options: ['Rhondda', 'Cynon'],
          createdAt: at(1),
        });
      }

      it('creates invitations with pre-filled answers, one per email per review', async () => {
        const account = await anAccount();
        const review = await aReview(account, { visibility: 'invite' });
        const other = await aReview(account, { slug: 'other-review' });
        const question = await aRegionQuestion(review);
        const cynon = question.options[1];
        if (!cynon) throw new Error('the question has two options');
        const ann = await store.createInvitation({
          reviewId: review.id,
          tokenHash: 'ann-token',
          email: 'ann@example.org',
          name: 'Ann',
          createdAt: at(2),
          createdByAccountId: account.id,
          answers: [{ questionId: question.id, optionId: cynon.id }],
        });
        expect(ann).toEqual({
          id: expect.any(Number),
          reviewId: review.id,
          tokenHash: 'ann-token',
          createdAt: at(2),
          usedAt: null,
          email: 'ann@example.org',
          name: 'Ann',
          revokedAt: null,
          sendStatus: 'pending',
          sentAt: null,
        });
        const bob = await store.createInvitation({
          reviewId: review.id,
          tokenHash: 'bob-token',
          email: 'bob@example.org',
          name: null,
          createdAt: at(3),
          createdByAccountId: account.id,
          answers: [],
        });
        await store.createInvite({
          reviewId: review.id,
          tokenHash: 'one-off',
          createdAt: at(3),
          createdByAccountId: account.id,
        });
        // The same address may be invited to another review, but not twice to one.
        await store.createInvitation({ ...invitationInput(other, account, 'elsewhere'), email: 'ann@example.org' });
        await expectConflict(
          store.createInvitation({ ...invitationInput(review, account, 'again'), email: 'ann@example.org' }),
          storeConstraints.inviteEmail,
        );

        expect(await store.listInvitations(review.id)).toEqual([ann, bob]);
        expect(await store.findInvitation(review.id, bob.id)).toEqual(bob);
        expect(await store.findInvitation(other.id, bob.id)).toBeUndefined();
        expect(await store.findInviteByTokenHash('ann-token')).toEqual(ann);
        expect(await store.listInviteAnswers(ann.id)).toEqual([{ questionId: question.id, optionId: cynon.id }]);
        expect(await store.listInviteAnswers(bob.id)).toEqual([]);
        await store.deleteInviteAnswers(ann.id);
        expect(await store.listInviteAnswers(ann.id)).toEqual([]);
      });

      it('refuses a pre-filled answer whose option belongs to another question', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const question = await aRegionQuestion(review);
        const other = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Role?',
          kind: 'role',
          options: ['Member', 'Voter'],
          createdAt: at(1),
        });
        const foreignOption = other.options[0];
        if (!foreignOption) throw new Error('the question has options');
        await expect(
          store.transaction((tx) =>
            tx.createInvitation({
              ...invitationInput(review, account, 'mismatch'),
              answers: [{ questionId: question.id, optionId: foreignOption.id }],
            }),
          ),
        ).rejects.toThrow();
        expect(await store.listInvitations(review.id)).toEqual([]);
      });

      it('renews, revokes and records sending; a revoked or used invite cannot be redeemed', async () => {
        const account = await anAccount();
        const review = await aReview(account, { visibility: 'invite' });
        const invite = await store.createInvitation(invitationInput(review, account, 'first-token'));

        await store.recordInviteSent(invite.id, 'send_failed', at(4));
        expect(await store.findInvitation(review.id, invite.id)).toMatchObject({
          sendStatus: 'send_failed',
          sentAt: null,
        });
        await store.recordInviteSent(invite.id, 'sent', at(5));
        expect(await store.findInvitation(review.id, invite.id)).toMatchObject({ sendStatus: 'sent', sentAt: at(5) });

        expect(await store.revokeInvite(invite.id, at(6))).toBe(true);
        expect(await store.revokeInvite(invite.id, at(7))).toBe(false);
        expect(await store.findInvitation(review.id, invite.id)).toMatchObject({ revokedAt: at(6) });
        expect(await store.redeemInvite(invite.id, at(8))).toBe(false);

        // Renewing replaces the token (the old link finds nothing) and reinstates the invite.
        expect(await store.renewInviteToken(invite.id, 'second-token')).toBe(true);
        expect(await store.findInviteByTokenHash('first-token')).toBeUndefined();
        expect(await store.findInviteByTokenHash('second-token')).toMatchObject({
          id: invite.id,
          revokedAt: null,
          sendStatus: 'pending',
          sentAt: null,
        });
        expect(await store.redeemInvite(invite.id, at(9))).toBe(true);
        expect(await store.renewInviteToken(invite.id, 'third-token')).toBe(false);
        expect(await store.revokeInvite(invite.id, at(10))).toBe(false);
        expect(await store.findInvitation(review.id, invite.id)).toMatchObject({
          tokenHash: 'second-token',
          usedAt: at(9),
          revokedAt: null,
        });
      });

      function invitationInput(review: ReviewRow, account: AccountRow, tokenHash: string) {
        return {
          reviewId: review.id,
          tokenHash,
          email: `${tokenHash}@example.org`,
          name: null,
          createdAt: at(2),
          createdByAccountId: account.id,
          answers: [],
        };
      }
    });

    describe('statements', () => {
      it('creates statements and refuses a duplicate text key in the same review only', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const participant = await aParticipant(review);
        const statement = await aStatement(review, 'We need more local organisers', {
          origin: 'participant',
          moderation: 'pending',
          authorParticipantId: participant.id,
          authorAccountId: null,
        });
        expect(statement).toEqual({
          id: expect.any(Number),
          reviewId: review.id,
          text: 'We need more local organisers',
          textKey: 'we need more local organisers',
          origin: 'participant',
          moderation: 'pending',
          isMeta: false,
          authorParticipantId: participant.id,
          authorAccountId: null,
          createdAt: at(3),
        });
        expect(await store.findStatement(review.id, statement.id)).toEqual(statement);
        expect(await store.findStatement(other.id, statement.id)).toBeUndefined();

        await expectConflict(aStatement(review, 'WE NEED MORE LOCAL ORGANISERS'), storeConstraints.statementTextKey);
        await expect(aStatement(other, 'We need more local organisers')).resolves.toMatchObject({ reviewId: other.id });
        expect(await store.listStatements(review.id)).toEqual([statement]);
      });

      it('lists statements in creation order, filtered by moderation state', async () => {
        const review = await aReview(await anAccount());
        const accepted = await aStatement(review, 'Accepted');
        const pending = await aStatement(review, 'Pending', { moderation: 'pending' });
        const rejected = await aStatement(review, 'Rejected', { moderation: 'rejected' });
        expect(await store.listStatements(review.id)).toEqual([accepted, pending, rejected]);
        expect(await store.listStatements(review.id, { moderation: ['accepted'] })).toEqual([accepted]);
        expect(await store.listStatements(review.id, { moderation: ['pending', 'rejected'] })).toEqual([
          pending,
          rejected,
        ]);
        expect(await store.listStatements(review.id, { moderation: [] })).toEqual([]);
        expect(await store.listStatements(review.id, {})).toHaveLength(3);
      });

      it('moves a review’s statements version on every statement write, by any path, and only that review’s', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const versions: number[] = [await store.statementsVersion(review.id)];
        const changed = async () => {
          const version = await store.statementsVersion(review.id);
          expect(versions).not.toContain(version);
          versions.push(version);
        };
        const statement = await aStatement(review, 'Pending', { moderation: 'pending' });
        await changed();
        const untouched = await store.statementsVersion(other.id);
        await store.setStatementsModeration({
          reviewId: review.id,
          statementIds: [statement.id],
          moderation: 'accepted',
          reason: null,
          accountId: account.id,
          at: at(10),
        });
        await changed();
        await store.setStatementMeta({
          reviewId: review.id,
          statementId: statement.id,
          isMeta: true,
          accountId: account.id,
          at: at(11),
        });
        await changed();
        const edit = await store.editStatementText({
          reviewId: review.id,
          statementId: statement.id,
          text: 'Edited',
          textKey: 'edited',
          accountId: account.id,
          at: at(12),
        });
        expect(edit.status).toBe('edited');
        await changed();
        expect(await store.statementsVersion(other.id)).toBe(untouched);
        // Reading changes nothing.
        await store.listStatements(review.id);
        expect(await store.statementsVersion(review.id)).toBe(versions.at(-1));
      });

      it('updates moderation, keeping isMeta unless given, only within the review', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        const statement = await aStatement(review, 'Pending', { moderation: 'pending' });

        const accepted = await store.updateStatementModeration({
          reviewId: review.id,
          statementId: statement.id,
          moderation: 'accepted',
          isMeta: true,
          moderatedAt: at(10),
        });
        expect(accepted).toEqual({ ...statement, moderation: 'accepted', isMeta: true });
        const rejected = await store.updateStatementModeration({
          reviewId: review.id,
          statementId: statement.id,
          moderation: 'rejected',
          moderatedAt: at(11),
        });
        expect(rejected).toEqual({ ...statement, moderation: 'rejected', isMeta: true });
        expect(
          await store.updateStatementModeration({
            reviewId: other.id,
            statementId: statement.id,
            moderation: 'accepted',
            moderatedAt: at(12),
          }),
        ).toBeUndefined();
        expect((await store.findStatement(review.id, statement.id))?.moderation).toBe('rejected');
      });
    });

    describe('votes', () => {
      async function aVotingReview() {
        const account = await anAccount();
        const review = await aReview(account);
        const alice = await aParticipant(review, 'alice');
        const bob = await aParticipant(review, 'bob');
        const first = await aStatement(review, 'First');
        const second = await aStatement(review, 'Second');
        const third = await aStatement(review, 'Third');
        return { account, review, alice, bob, first, second, third };
      }

      it('keeps every vote event while the latest vote counts', async () => {
        const { review, alice, bob, first, second, third } = await aVotingReview();
        const vote = (participantId: number, statementId: number, value: -1 | 0 | 1, minute: number) =>
          store.recordVote({ reviewId: review.id, participantId, statementId, value, votedAt: at(minute) });
        await vote(alice.id, first.id, 1, 10);
        await vote(alice.id, second.id, -1, 11);
        await vote(alice.id, first.id, -1, 12);
        await vote(bob.id, first.id, 0, 13);
        await vote(bob.id, second.id, -1, 14);

        expect(await store.countVoteEvents(review.id)).toBe(5);
        expect(await store.listParticipantVotes(review.id, alice.id)).toEqual([
          { participantId: alice.id, statementId: first.id, value: -1, votedAt: at(12) },
          { participantId: alice.id, statementId: second.id, value: -1, votedAt: at(11) },
        ]);
        expect(await store.listCurrentVotes(review.id)).toEqual([
          { participantId: alice.id, statementId: first.id, value: -1, votedAt: at(12) },
          { participantId: alice.id, statementId: second.id, value: -1, votedAt: at(11) },
          { participantId: bob.id, statementId: first.id, value: 0, votedAt: at(13) },
          { participantId: bob.id, statementId: second.id, value: -1, votedAt: at(14) },
        ]);
        expect(await store.statementTallies(review.id)).toEqual(
          new Map([
            [first.id, { agree: 0, disagree: 1, pass: 1 }],
            [second.id, { agree: 0, disagree: 2, pass: 0 }],
            [third.id, { agree: 0, disagree: 0, pass: 0 }],
          ]),
        );
        expect(await store.currentVoteCounts(review.id)).toEqual(
          new Map([
            [first.id, 2],
            [second.id, 2],
            [third.id, 0],
          ]),
        );
      });

      it('refuses a value outside -1/0/1 and writes nothing', async () => {
        const { review, alice, first } = await aVotingReview();
        const badValue = 2 as unknown as -1 | 0 | 1;
        await expect(
          store.recordVote({
            reviewId: review.id,
            participantId: alice.id,
            statementId: first.id,
            value: badValue,
            votedAt: at(10),
          }),
        ).rejects.toThrow(/-1, 0 or 1/);
        expect(await store.countVoteEvents(review.id)).toBe(0);
        expect(await store.listCurrentVotes(review.id)).toEqual([]);
      });

      it('refuses a vote on an unknown statement or a statement of another review, writing nothing', async () => {
        const { account, review, alice, third } = await aVotingReview();
        const other = await aReview(account, { slug: 'other-review' });
        const foreign = await aStatement(other, 'Foreign');
        await expect(
          store.recordVote({
            reviewId: review.id,
            participantId: alice.id,
            statementId: third.id + 1000,
            value: 1,
            votedAt: at(10),
          }),
        ).rejects.toThrow();
        await expect(
          store.recordVote({
            reviewId: review.id,
            participantId: alice.id,
            statementId: foreign.id,
            value: 1,
            votedAt: at(10),
          }),
        ).rejects.toThrow();
        await expect(
          store.recordVote({
            reviewId: other.id,
            participantId: alice.id,
            statementId: foreign.id,
            value: 1,
            votedAt: at(10),
          }),
        ).rejects.toThrow();
        expect(await store.countVoteEvents(review.id)).toBe(0);
        expect(await store.countVoteEvents(other.id)).toBe(0);
        expect(await store.listCurrentVotes(other.id)).toEqual([]);
      });
    });

    describe('bulk imports', () => {
      it('creates many participants at once, returned in the order given', async () => {
        const review = await aReview(await anAccount());
        // More than one SQLite insert's worth (32766 parameters / 5 columns), so chunking is exercised.
        const inputs = Array.from({ length: 7_000 }, (_, index) => ({
          reviewId: review.id,
          tokenHash: `imported-${index}`,
          seed: index - 3_500,
          createdAt: at(index % 60),
        }));
        const created = await store.createParticipants(inputs);
        expect(created.map((row) => [row.tokenHash, row.seed, row.createdAt, row.verified])).toEqual(
          inputs.map((input) => [input.tokenHash, input.seed, input.createdAt, false]),
        );
        expect(new Set(created.map((row) => row.id)).size).toBe(inputs.length);
        expect(await store.findParticipantById(created[6_999]?.id ?? -1)).toEqual(created[6_999]);
        expect(await store.createParticipants([])).toEqual([]);
      });

      it('creates no participant when one clashes', async () => {
        const review = await aReview(await anAccount());
        await aParticipant(review, 'taken');
        await expectConflict(
          store.createParticipants([
            { reviewId: review.id, tokenHash: 'fresh', seed: 1, createdAt: at(2) },
            { reviewId: review.id, tokenHash: 'taken', seed: 2, createdAt: at(2) },
          ]),
          storeConstraints.participantTokenHash,
        );
        expect(await store.findParticipantByTokenHash(review.id, 'fresh')).toBeUndefined();
      });

      it('imports votes as recordVote one by one would: the log in order, the last event of each pair current', async () => {
        const account = await anAccount();
        const bulk = await aReview(account);
        const single = await aReview(account, { slug: 'one-by-one' });
        const build = async (review: ReviewRow) => ({
          participants: await store.createParticipants(
            [0, 1].map((index) => ({ reviewId: review.id, tokenHash: `p${index}`, seed: index, createdAt: at(2) })),
          ),
          statements: [await aStatement(review, 'First'), await aStatement(review, 'Second')],
        });
        const bulkRows = await build(bulk);
        const singleRows = await build(single);
        // Deliberately not in time order: the order given wins, as with recordVote.
        const plan: Array<[number, number, -1 | 0 | 1, number]> = [
          [0, 0, 1, 10],
          [1, 0, -1, 11],
          [0, 0, 0, 9],
          [0, 1, -1, 12],
          [1, 0, 1, 13],
        ];
        const toVotes = (rows: typeof bulkRows) =>
          plan.map(([participant, statement, value, minute]) => ({
            participantId: rows.participants[participant]?.id ?? -1,
            statementId: rows.statements[statement]?.id ?? -1,
            value,
            votedAt: at(minute),
          }));
        await store.importVotes(bulk.id, toVotes(bulkRows));
        for (const vote of toVotes(singleRows)) await store.recordVote({ reviewId: single.id, ...vote });

        // Ids differ between the two reviews; compare by position in each review's own rows.
        const positions = (rows: typeof bulkRows) => (vote: CurrentVoteRow) => ({
          participant: rows.participants.findIndex((participant) => participant.id === vote.participantId),
          statement: rows.statements.findIndex((statement) => statement.id === vote.statementId),
          value: vote.value,
          votedAt: vote.votedAt,
        });
        expect((await store.listVoteEvents(bulk.id)).map(positions(bulkRows))).toEqual(
          (await store.listVoteEvents(single.id)).map(positions(singleRows)),
        );
        expect((await store.listCurrentVotes(bulk.id)).map(positions(bulkRows))).toEqual(
          (await store.listCurrentVotes(single.id)).map(positions(singleRows)),
        );
        expect((await store.listCurrentVotes(bulk.id)).map((vote) => vote.value)).toEqual([0, -1, 1]);
        expect(await store.countVoteEvents(bulk.id)).toBe(plan.length);
      });

      it('imports more votes than one insert holds, on top of existing votes', async () => {
        const review = await aReview(await anAccount());
        const participants = await store.createParticipants(
          Array.from({ length: 150 }, (_, index) => ({
            reviewId: review.id,
            tokenHash: `voter-${index}`,
            seed: index,
            createdAt: at(2),
          })),
        );
        const statements: StatementRow[] = [];
        for (let index = 0; index < 50; index++) statements.push(await aStatement(review, `Statement ${index}`));
        const [firstParticipant, firstStatement] = [participants[0], statements[0]] as [ParticipantRow, StatementRow];
        await store.recordVote({
          reviewId: review.id,
          participantId: firstParticipant.id,
          statementId: firstStatement.id,
          value: -1,
          votedAt: at(5),
        });
        // Two rounds over every pair: 15,000 events, more than one PostgreSQL insert (65535 / 5 rows).
        const votes = [0, 1].flatMap((round) =>
          participants.flatMap((participant, participantIndex) =>
            statements.map((statement, statementIndex) => ({
              participantId: participant.id,
              statementId: statement.id,
              value: (((participantIndex + statementIndex + round) % 3) - 1) as -1 | 0 | 1,
              votedAt: at(10 + round),
            })),
          ),
        );
        await store.importVotes(review.id, votes);

        expect(await store.countVoteEvents(review.id)).toBe(1 + votes.length);
        const events = await store.listVoteEvents(review.id);
        expect(events.slice(1)).toEqual(votes);
        const expectedCurrent = votes
          .slice(votes.length / 2)
          .sort((left, right) => left.participantId - right.participantId || left.statementId - right.statementId);
        expect(await store.listCurrentVotes(review.id)).toEqual(expectedCurrent);
      });

      it('writes nothing when any vote is bad, even one in a later batch', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const participant = await aParticipant(review);
        const statement = await aStatement(review, 'Ours');
        const foreign = await aStatement(await aReview(account, { slug: 'other-review' }), 'Theirs');
        const good = Array.from({ length: 14_000 }, (_, index) => ({
          participantId: participant.id,
          statementId: statement.id,
          value: 1 as const,
          votedAt: at(index % 60),
        }));
        await expect(
          store.importVotes(review.id, [...good, { ...good[0], value: 2 as unknown as -1 | 0 | 1 }] as typeof good),
        ).rejects.toThrow(RangeError);
        await expect(
          store.importVotes(review.id, [...good, { ...good[0], statementId: foreign.id }] as typeof good),
        ).rejects.toThrow();
        expect(await store.countVoteEvents(review.id)).toBe(0);
        expect(await store.listCurrentVotes(review.id)).toEqual([]);
      });
    });

    describe('transactions', () => {
      it('commits all the work and returns its value', async () => {
        const account = await anAccount();
        const slug = await store.transaction(async (tx) => {
          const review = await tx.createReview({
            slug: 'in-transaction',
            title: 'T',
            introduction: '',
            status: 'open',
            visibility: 'public',
            moderationMode: 'permissive',
            participantsCanAddStatements: true,
            createdByAccountId: account.id,
            createdAt: at(1),
            updatedAt: at(1),
          });
          await tx.setReviewRole({ reviewId: review.id, accountId: account.id, role: 'owner', createdAt: at(1) });
          return review.slug;
        });
        expect(slug).toBe('in-transaction');
        const review = await store.findReviewBySlug('in-transaction');
        expect(review).toBeDefined();
        expect(await store.findReviewRole(review!.id, account.id)).toBe('owner');
      });

      it('leaves nothing half-written when the work throws, including nested transactions and votes', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const participant = await aParticipant(review);
        const failure = new Error('the command changed its mind');
        await expect(
          store.transaction(async (tx) => {
            const statement = await tx.createStatement({
              reviewId: review.id,
              text: 'Written then undone',
              textKey: 'written then undone',
              origin: 'seed',
              moderation: 'accepted',
              isMeta: false,
              authorParticipantId: null,
              authorAccountId: account.id,
              createdAt: at(2),
            });
            await tx.transaction(async (inner) => {
              await inner.recordVote({
                reviewId: review.id,
                participantId: participant.id,
                statementId: statement.id,
                value: 1,
                votedAt: at(3),
              });
            });
            await tx.saveAnalysis({ reviewId: review.id, createdAt: at(4), voteEventCount: 1, result: '{}' });
            await tx.updateReview(review.id, { status: 'closed', updatedAt: at(4) });
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.listStatements(review.id)).toEqual([]);
        expect(await store.countVoteEvents(review.id)).toBe(0);
        expect(await store.listCurrentVotes(review.id)).toEqual([]);
        expect(await store.latestAnalysis(review.id)).toBeUndefined();
        expect((await store.findReviewById(review.id))?.status).toBe('open');
      });

      it('rolls back on a conflict inside the transaction, and the store stays usable', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        await aStatement(review, 'Existing');
        await expectConflict(
          store.transaction(async (tx) => {
            await tx.createParticipant({ reviewId: review.id, tokenHash: 'rolled-back', seed: 1, createdAt: at(2) });
            await tx.createStatement({
              reviewId: review.id,
              text: 'Existing',
              textKey: 'existing',
              origin: 'seed',
              moderation: 'accepted',
              isMeta: false,
              authorParticipantId: null,
              authorAccountId: account.id,
              createdAt: at(2),
            });
          }),
          storeConstraints.statementTextKey,
        );
        expect(await store.findParticipantByTokenHash(review.id, 'rolled-back')).toBeUndefined();
        await expect(aParticipant(review, 'afterwards')).resolves.toMatchObject({ tokenHash: 'afterwards' });
      });
    });

    describe('analyses', () => {
      it('numbers analyses per review and returns the latest', async () => {
        const account = await anAccount();
        const review = await aReview(account);
        const other = await aReview(account, { slug: 'other-review' });
        expect(await store.latestAnalysis(review.id)).toBeUndefined();
        expect(
          await store.saveAnalysis({
            reviewId: review.id,
            createdAt: at(10),
            voteEventCount: 3,
            result: '{"groups":1}',
          }),
        ).toEqual({ version: 1 });
        expect(
          await store.saveAnalysis({
            reviewId: review.id,
            createdAt: at(20),
            voteEventCount: 9,
            result: '{"groups":2}',
          }),
        ).toEqual({ version: 2 });
        expect(
          await store.saveAnalysis({ reviewId: other.id, createdAt: at(21), voteEventCount: 0, result: '{}' }),
        ).toEqual({
          version: 1,
        });
        expect(await store.latestAnalysis(review.id)).toEqual({
          version: 2,
          createdAt: at(20),
          voteEventCount: 9,
          result: '{"groups":2}',
        });
        expect((await store.latestAnalysis(other.id))?.version).toBe(1);
      });
    });
  });
}
