import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow, NewTeamInvitation, ReviewRow, Store } from './store.js';

/**
 * The Store's team, audit-log and dashboard behaviour, run on both databases by `store.test.ts`
 * beside the main contract suite. `createStore` returns a new, empty, migrated store each call.
 */
export function runTeamAuditContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract (team, audit, dashboard): ${name}`, () => {
    let store: Store;
    let opened: Store | undefined;

    beforeEach(async () => {
      opened = undefined;
      store = await createStore();
      opened = store;
    });
    afterEach(async () => {
      await opened?.close();
    });

    const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

    async function anAccount(email: string, displayName = 'Alex Organiser'): Promise<AccountRow> {
      return store.createAccount({ email, displayName, passwordHash: 'x', isInstanceOwner: false, createdAt: at(0) });
    }

    async function aReview(owner: AccountRow, slug = 'election-review'): Promise<ReviewRow> {
      const review = await store.createReview({
        slug,
        title: 'Why we lost',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        createdByAccountId: owner.id,
        createdAt: at(1),
        updatedAt: at(1),
      });
      await store.setReviewRole({ reviewId: review.id, accountId: owner.id, role: 'owner', createdAt: at(1) });
      return review;
    }

    function anInvitation(review: ReviewRow, owner: AccountRow, overrides: Partial<NewTeamInvitation> = {}) {
      return store.createTeamInvitation({
        reviewId: review.id,
        email: 'moderator@example.org',
        role: 'moderator',
        tokenHash: 'hash-1',
        invitedByAccountId: owner.id,
        createdAt: at(2),
        expiresAt: at(50),
        ...overrides,
      });
    }

    describe('team invitations', () => {
      it('keeps an invitation by its token hash and lists it while pending', async () => {
        const owner = await anAccount('owner@example.org');
        const review = await aReview(owner);
        const invitation = await anInvitation(review, owner);
        expect(invitation).toEqual({
          id: expect.any(Number),
          reviewId: review.id,
          email: 'moderator@example.org',
          role: 'moderator',
          tokenHash: 'hash-1',
          invitedByAccountId: owner.id,
          createdAt: at(2),
          expiresAt: at(50),
          acceptedAt: null,
          acceptedByAccountId: null,
          revokedAt: null,
        });
        expect(await store.findTeamInvitationByTokenHash('hash-1')).toEqual(invitation);
        expect(await store.findTeamInvitationByTokenHash('hash-2')).toBeUndefined();
        const later = await anInvitation(review, owner, { tokenHash: 'hash-2', email: 'analyst@example.org' });
        expect(await store.listPendingTeamInvitations(review.id, at(3))).toEqual([later, invitation]);
        // Expired by the time asked.
        expect(await store.listPendingTeamInvitations(review.id, at(50))).toEqual([]);
      });

      it('is accepted once, and never once revoked or expired', async () => {
        const owner = await anAccount('owner@example.org');
        const moderator = await anAccount('moderator@example.org');
        const review = await aReview(owner);
        const invitation = await anInvitation(review, owner);
        expect(await store.acceptTeamInvitation(invitation.id, moderator.id, at(50))).toBe(false);
        expect(await store.acceptTeamInvitation(invitation.id, moderator.id, at(10))).toBe(true);
        expect(await store.acceptTeamInvitation(invitation.id, moderator.id, at(11))).toBe(false);
        expect(await store.findTeamInvitationByTokenHash('hash-1')).toMatchObject({
          acceptedAt: at(10),
          acceptedByAccountId: moderator.id,
        });
        expect(await store.listPendingTeamInvitations(review.id, at(12))).toEqual([]);

        const revoked = await anInvitation(review, owner, { tokenHash: 'hash-2' });
        expect(await store.revokeTeamInvitations(review.id, { invitationId: revoked.id }, at(13))).toBe(1);
        expect(await store.acceptTeamInvitation(revoked.id, moderator.id, at(14))).toBe(false);
        expect((await store.findTeamInvitationByTokenHash('hash-2'))?.revokedAt).toBe(at(13));
      });

      it('revokes by email only the pending invitations of that review', async () => {
        const owner = await anAccount('owner@example.org');
        const review = await aReview(owner);
        const other = await aReview(owner, 'other-review');
        const accepted = await anInvitation(review, owner, { tokenHash: 'accepted' });
        await store.acceptTeamInvitation(accepted.id, owner.id, at(3));
        await anInvitation(review, owner, { tokenHash: 'pending-1' });
        await anInvitation(review, owner, { tokenHash: 'pending-2' });
        await anInvitation(review, owner, { tokenHash: 'someone-else', email: 'analyst@example.org' });
        await anInvitation(other, owner, { tokenHash: 'other-review' });
        expect(await store.revokeTeamInvitations(review.id, { email: 'moderator@example.org' }, at(4))).toBe(2);
        expect((await store.findTeamInvitationByTokenHash('accepted'))?.revokedAt).toBeNull();
        expect((await store.findTeamInvitationByTokenHash('someone-else'))?.revokedAt).toBeNull();
        expect((await store.findTeamInvitationByTokenHash('other-review'))?.revokedAt).toBeNull();
        expect(await store.revokeTeamInvitations(review.id, { email: 'moderator@example.org' }, at(5))).toBe(0);
        // Another review's invitation is out of reach even by its id.
        const otherInvitation = await store.findTeamInvitationByTokenHash('other-review');
        expect(await store.revokeTeamInvitations(review.id, { invitationId: otherInvitation?.id ?? 0 }, at(5))).toBe(0);
      });
    });

    describe('team members', () => {
      it('lists members with their accounts in order of joining, counts and removes roles', async () => {
        const owner = await anAccount('owner@example.org', 'Olwen Owner');
        const moderator = await anAccount('moderator@example.org', 'Morgan Moderator');
        const review = await aReview(owner);
        const other = await aReview(moderator, 'other-review');
        await store.setReviewRole({
          reviewId: review.id,
          accountId: moderator.id,
          role: 'moderator',
          createdAt: at(5),
        });
        expect(await store.listReviewTeam(review.id)).toEqual([
          { accountId: owner.id, email: 'owner@example.org', displayName: 'Olwen Owner', role: 'owner', since: at(1) },
          {
            accountId: moderator.id,
            email: 'moderator@example.org',
            displayName: 'Morgan Moderator',
            role: 'moderator',
            since: at(5),
          },
        ]);
        expect(await store.countReviewRole(review.id, 'owner')).toBe(1);
        expect(await store.countReviewRole(review.id, 'moderator')).toBe(1);
        expect(await store.countReviewRole(review.id, 'analyst')).toBe(0);

        expect(await store.removeReviewRole(review.id, moderator.id)).toBe(true);
        expect(await store.removeReviewRole(review.id, moderator.id)).toBe(false);
        expect(await store.findReviewRole(review.id, moderator.id)).toBeUndefined();
        // Their role on their own review is untouched.
        expect(await store.findReviewRole(other.id, moderator.id)).toBe('owner');
        expect((await store.listReviewTeam(review.id)).map((member) => member.accountId)).toEqual([owner.id]);
      });
    });

    describe('audit log', () => {
      it('records events and pages through them newest first, per review', async () => {
        const owner = await anAccount('owner@example.org', 'Olwen Owner');
        const review = await aReview(owner);
        const other = await aReview(owner, 'other-review');
        const recorded = [];
        for (let index = 0; index < 5; index++) {
          recorded.push(
            await store.recordAuditEvent({
              reviewId: review.id,
              accountId: index === 4 ? null : owner.id,
              action: 'statement.moderate',
              params: { statementId: index + 1 },
              summary: `moderation=accepted`,
              // Same time for all: the order must still be the order of recording.
              createdAt: at(6),
            }),
          );
        }
        await store.recordAuditEvent({
          reviewId: other.id,
          accountId: owner.id,
          action: 'review.update',
          params: {},
          summary: 'status=open',
          createdAt: at(7),
        });
        expect(recorded[0]).toEqual({
          id: expect.any(Number),
          reviewId: review.id,
          accountId: owner.id,
          accountName: 'Olwen Owner',
          action: 'statement.moderate',
          params: { statementId: 1 },
          summary: 'moderation=accepted',
          createdAt: at(6),
        });
        expect(recorded[4]?.accountName).toBeNull();

        const first = await store.listAuditEvents(review.id, { limit: 2 });
        expect(first).toEqual([recorded[4], recorded[3]]);
        const second = await store.listAuditEvents(review.id, { limit: 2, beforeId: first[1]?.id ?? 0 });
        expect(second).toEqual([recorded[2], recorded[1]]);
        const last = await store.listAuditEvents(review.id, { limit: 2, beforeId: second[1]?.id ?? 0 });
        expect(last).toEqual([recorded[0]]);
        expect((await store.listAuditEvents(other.id, { limit: 10 })).map((event) => event.action)).toEqual([
          'review.update',
        ]);
      });
    });

    describe('dashboard counts', () => {
      it('counts participants, verified and active ones, votes and statements by state', async () => {
        const owner = await anAccount('owner@example.org');
        const review = await aReview(owner);
        const other = await aReview(owner, 'other-review');
        const participants = [];
        for (let index = 0; index < 4; index++) {
          participants.push(
            await store.createParticipant({
              reviewId: review.id,
              tokenHash: `participant-${index}`,
              seed: index,
              createdAt: at(2),
              verified: index < 3,
            }),
          );
        }
        await store.createParticipant({ reviewId: other.id, tokenHash: 'elsewhere', seed: 9, createdAt: at(2) });
        const statement = (text: string, moderation: 'pending' | 'accepted' | 'rejected') =>
          store.createStatement({
            reviewId: review.id,
            text,
            textKey: text,
            origin: 'seed',
            moderation,
            isMeta: false,
            authorParticipantId: null,
            authorAccountId: owner.id,
            createdAt: at(3),
          });
        const first = await statement('one', 'accepted');
        const second = await statement('two', 'accepted');
        await statement('three', 'pending');
        await statement('four', 'rejected');
        const [alpha, beta, gamma] = participants;
        const vote = (participantId: number, statementId: number, votedAt: string) =>
          store.recordVote({ reviewId: review.id, participantId, statementId, value: 1, votedAt });
        await vote(alpha!.id, first.id, at(10));
        await vote(alpha!.id, second.id, at(30));
        // A changed vote is one current vote but counts its latest time.
        await vote(beta!.id, first.id, at(10));
        await vote(beta!.id, first.id, at(25));
        await vote(gamma!.id, first.id, at(10));

        expect(await store.dashboardCounts(review.id, at(20))).toEqual({
          participants: 4,
          verifiedParticipants: 3,
          activeParticipants: 2,
          votes: 4,
          statements: { pending: 1, accepted: 2, rejected: 1 },
        });
        expect(await store.dashboardCounts(other.id, at(20))).toEqual({
          participants: 1,
          verifiedParticipants: 0,
          activeParticipants: 0,
          votes: 0,
          statements: { pending: 0, accepted: 0, rejected: 0 },
        });
      });

      it('counts identity answers per option, unchosen options included', async () => {
        const owner = await anAccount('owner@example.org');
        const review = await aReview(owner);
        const tradition = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Tradition?',
          kind: 'tradition',
          options: ['Labour', 'Green', 'Co-op'],
          createdAt: at(1),
        });
        const region = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Region?',
          kind: 'region',
          options: ['North', 'South'],
          createdAt: at(1),
        });
        const [labour, green, coop] = tradition.options;
        const [north] = region.options;
        const answers: Array<[questionId: number, optionId: number]> = [
          [tradition.id, labour!.id],
          [tradition.id, labour!.id],
          [tradition.id, green!.id],
        ];
        for (const [index, [questionId, optionId]] of answers.entries()) {
          const participant = await store.createParticipant({
            reviewId: review.id,
            tokenHash: `p-${index}`,
            seed: index,
            createdAt: at(2),
          });
          await store.setIdentityAnswer({ participantId: participant.id, questionId, optionId, answeredAt: at(3) });
          if (index === 0) {
            await store.setIdentityAnswer({
              participantId: participant.id,
              questionId: region.id,
              optionId: north!.id,
              answeredAt: at(3),
            });
          }
        }
        const counts = await store.identityAnswerCounts(review.id);
        expect(counts).toEqual([
          { questionId: tradition.id, optionId: labour!.id, count: 2 },
          { questionId: tradition.id, optionId: green!.id, count: 1 },
          { questionId: tradition.id, optionId: coop!.id, count: 0 },
          { questionId: region.id, optionId: north!.id, count: 1 },
          { questionId: region.id, optionId: region.options[1]!.id, count: 0 },
        ]);
      });
    });
  });
}
