import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participation } from '../../contract/index.js';
import { createTestApi, signedInOwner, type TestApi, type TestClient } from '../../test-support/api.js';
import { testStoreFactories } from '../../test-support/stores.js';
import { hashToken } from '../auth/tokens.js';
import { type RetentionLog, runRetention, startRetentionJob } from './retention.js';

interface Logged {
  level: 'info' | 'error';
  details: object;
  message: string;
}

function memoryLog(): RetentionLog & { entries: Logged[] } {
  const entries: Logged[] = [];
  return {
    entries,
    info: (details, message) => entries.push({ level: 'info', details, message }),
    error: (details, message) => entries.push({ level: 'error', details, message }),
  };
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`retention job on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let ownerId: number;

    beforeEach(async () => {
      api = await createTestApi(factory);
      owner = await signedInOwner(api);
      ownerId = (await api.store.findAccountByEmail('owner@example.org'))?.id ?? -1;
    });
    afterEach(async () => {
      await api.close();
    });

    /**
     * A review with every kind of identifying data: a participant with an identity answer, votes,
     * a statement, a prompt answer and feedback; an invitation by email with a pre-filled answer;
     * and a registration for one of its events that has ended.
     */
    async function aReviewWithData(slug: string, retentionDays: number | null) {
      const created = await owner.post('/api/manage/reviews', {
        title: `Review ${slug}`,
        slug,
        status: 'open',
        retentionDays,
      });
      expect(created.statusCode).toBe(201);
      const reviewId = created.json<{ id: number }>().id;
      await owner.post(`/api/manage/reviews/${slug}/statements`, {
        statements: ['We lost the towns.', 'We lost the cities.'],
      });
      const question = (
        await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
          prompt: 'Region?',
          kind: 'region',
          options: ['North', 'South'],
        })
      ).json<{ id: number; options: Array<{ id: number }> }>();
      const optionId = question.options[0]?.id ?? -1;
      const prompt = (await owner.post(`/api/manage/reviews/${slug}/prompts`, { text: 'Why?' })).json<{ id: number }>();

      const participant = api.client();
      await participant.post(`/api/reviews/${slug}/join`);
      await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: question.id, optionId }],
      });
      for (const statement of await api.store.listStatements(reviewId)) {
        await participant.put(`/api/reviews/${slug}/votes/${statement.id}`, { value: 1 });
      }
      await participant.post(`/api/reviews/${slug}/statements`, { text: `A statement written for ${slug}.` });
      await participant.put(`/api/reviews/${slug}/prompts/${prompt.id}/answer`, { text: `An answer in ${slug}.` });
      await participant.post(`/api/reviews/${slug}/feedback`, { rating: 5, text: 'Good.' });

      await api.store.transaction((tx) =>
        tx.createInvitation({
          reviewId,
          tokenHash: `invite-${slug}`,
          email: `member-${slug}@example.org`,
          name: `Member of ${slug}`,
          createdAt: api.clock.now.toISOString(),
          createdByAccountId: ownerId,
          answers: [{ questionId: question.id, optionId }],
        }),
      );
      const event = await api.store.events.createEvent(
        {
          reviewId,
          type: 'roundtable',
          title: `Roundtable for ${slug}`,
          description: '',
          format: 'online',
          venue: null,
          address: null,
          region: null,
          accessibilityNotes: null,
          meetingLink: null,
          startsAt: '2026-11-20T18:00:00.000Z',
          endsAt: '2026-11-20T20:00:00.000Z',
          timeZone: 'Europe/London',
          capacity: 10,
          status: 'published',
          proposedByAccountId: ownerId,
          createdAt: '2026-11-01T10:00:00.000Z',
          updatedAt: '2026-11-01T10:00:00.000Z',
        },
        { accountId: ownerId, role: 'host' },
      );
      await api.store.events.createRegistration({
        eventId: event.id,
        name: `Guest of ${slug}`,
        email: `guest-${slug}@example.org`,
        answers: [{ questionId: question.id, optionId }],
        opinionGroup: null,
        status: 'confirmed',
        position: null,
        manageTokenHash: `manage-${slug}`,
        checkInTokenHash: `check-in-${slug}`,
        createdAt: '2026-11-02T10:00:00.000Z',
      });
      return { slug, reviewId, participant, eventId: event.id };
    }

    async function identifyingData(review: { reviewId: number; eventId: number; participant: TestClient }) {
      const { store } = api;
      const invitations = await store.listInvitations(review.reviewId);
      const token = review.participant.cookies.get(`cg_participant_${review.reviewId}`) ?? '';
      return {
        identityAnswers: (await store.listReviewIdentityAnswers(review.reviewId)).length,
        promptAnswers: (await store.listening.listPromptAnswers(review.reviewId)).length,
        invitationEmails: invitations.filter((invite) => invite.email !== null || invite.name !== null).length,
        inviteAnswers: (await Promise.all(invitations.map((invite) => store.listInviteAnswers(invite.id)))).flat()
          .length,
        authoredStatements: (await store.listStatements(review.reviewId)).filter(
          (statement) => statement.authorParticipantId !== null,
        ).length,
        cookieFindsParticipant:
          (await store.findParticipantByTokenHash(review.reviewId, hashToken(token))) !== undefined,
        registrations: (await store.events.listRegistrations(review.eventId)).filter((registration) =>
          registration.email.endsWith('@example.org'),
        ).length,
      };
    }

    const everything = {
      identityAnswers: 1,
      promptAnswers: 1,
      invitationEmails: 1,
      inviteAnswers: 1,
      authoredStatements: 1,
      cookieFindsParticipant: true,
      registrations: 1,
    };

    it('deletes the identifying data of due reviews only, keeps their votes, and logs counts only', async () => {
      const due = await aReviewWithData('due-review', 1);
      const notYet = await aReviewWithData('not-yet-review', 30);
      const kept = await aReviewWithData('kept-review', null);
      const stillOpen = await aReviewWithData('open-review', 1);
      for (const review of [due, notYet, kept]) {
        expect((await owner.patch(`/api/manage/reviews/${review.slug}`, { status: 'closed' })).statusCode).toBe(200);
      }
      const votesBefore = await Promise.all(
        [due, notYet, kept, stillOpen].map(
          async (review) => (await api.store.listCurrentVotes(review.reviewId)).length,
        ),
      );
      expect(await identifyingData(due)).toEqual(everything);

      const log = memoryLog();
      const ranAt = new Date(api.clock.now.getTime() + 2 * 24 * 60 * 60 * 1000);
      const runs = await runRetention(api.store, ranAt, log);

      expect(runs.map((run) => run.slug)).toEqual(['due-review']);
      expect(runs[0]?.counts).toEqual({
        identityAnswers: 1,
        promptAnswers: 1,
        invitations: 1,
        inviteAnswers: 1,
        statementAuthors: 1,
        feedbackAuthors: 1,
        participantTokens: 1,
        registrations: 1,
      });
      expect(await identifyingData(due)).toEqual({
        identityAnswers: 0,
        promptAnswers: 0,
        invitationEmails: 0,
        inviteAnswers: 0,
        authoredStatements: 0,
        cookieFindsParticipant: false,
        registrations: 0,
      });
      for (const review of [notYet, kept, stillOpen]) expect(await identifyingData(review)).toEqual(everything);
      const votesAfter = await Promise.all(
        [due, notYet, kept, stillOpen].map(
          async (review) => (await api.store.listCurrentVotes(review.reviewId)).length,
        ),
      );
      expect(votesAfter).toEqual(votesBefore);
      // The statement texts stay for the results; only who wrote them went.
      expect((await api.store.listStatements(due.reviewId)).map((statement) => statement.text)).toContain(
        'A statement written for due-review.',
      );
      // The former participant's browser is now a stranger to the review.
      const page = (await due.participant.get(`/api/reviews/${due.slug}/participation`)).json<Participation>();
      expect(page.participant.joined).toBe(false);
      expect((await api.store.findReviewById(due.reviewId))?.identifyingDataDeletedAt).toBe(ranAt.toISOString());

      expect(log.entries).toEqual([
        { level: 'info', details: { reviewId: due.reviewId, ...runs[0]?.counts }, message: expect.any(String) },
      ]);
      expect(JSON.stringify(log.entries)).not.toMatch(/example\.org|due-review|Guest|Member/);

      // Idempotent: nothing is due again until the review reopens and closes again.
      expect(await runRetention(api.store, new Date(ranAt.getTime() + 60 * 60 * 1000), log)).toEqual([]);
      expect(log.entries).toHaveLength(1);
    });

    it('runs at start and on its timer, and stops cleanly', async () => {
      const due = await aReviewWithData('timer-review', 0);
      await owner.patch(`/api/manage/reviews/${due.slug}`, { status: 'closed' });
      const log = memoryLog();
      const job = startRetentionJob({ store: api.store, now: () => api.clock.now, log, intervalMs: 20 });
      await new Promise((resolve) => setTimeout(resolve, 120));
      await job.stop();
      expect(log.entries.filter((entry) => entry.level === 'info')).toHaveLength(1);
      expect(log.entries.some((entry) => entry.level === 'error')).toBe(false);
      expect((await identifyingData(due)).identityAnswers).toBe(0);
    });
  });
}
