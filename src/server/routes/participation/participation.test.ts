import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participation, Problem } from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';

const seedStatements = [
  'We stopped listening to the places that used to vote for us.',
  'Factional fighting cost us more votes than any single policy did.',
  'The manifesto promised too much.',
];

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`participation API on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    async function reviewId(slug: string): Promise<number> {
      return (await api.store.findReviewBySlug(slug))?.id ?? -1;
    }

    it('walks the participant loop: join, answer, vote, change a vote, add a statement', async () => {
      const { owner, slug } = await openReviewWithStatements(api, seedStatements);
      const question = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
        prompt: 'Which tradition do you feel closest to?',
        kind: 'tradition',
        options: ['Social democrat', 'Democratic socialist', 'Green left'],
      });
      expect(question.statusCode).toBe(201);
      const questionId = question.json<{ id: number; options: Array<{ id: number }> }>().id;
      const optionId = question.json<{ options: Array<{ id: number }> }>().options[1]?.id;

      const participant = api.client();
      const before = (await participant.get(`/api/reviews/${slug}/participation`)).json<Participation>();
      expect(before.participant.joined).toBe(false);
      expect(before.nextStatement).toBeNull();
      expect(before.progress.total).toBe(3);

      const joined = await participant.post(`/api/reviews/${slug}/join`);
      expect(joined.statusCode).toBe(200);
      expect(joined.json<Participation>().participant.joined).toBe(true);
      expect(joined.json<Participation>().progress).toEqual({ voted: 0, remaining: 3, total: 3 });

      const answered = await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId, optionId }],
      });
      expect(answered.statusCode).toBe(200);
      expect(answered.json<Participation>().participant.answers).toEqual({ [String(questionId)]: optionId });

      const seen: number[] = [];
      let state = joined.json<Participation>();
      for (const value of [1, -1, 0] as const) {
        const next = state.nextStatement;
        if (!next) throw new Error('expected a statement to vote on');
        seen.push(next.id);
        const voted = await participant.put(`/api/reviews/${slug}/votes/${next.id}`, { value });
        expect(voted.statusCode).toBe(200);
        state = voted.json<Participation>();
      }
      expect(new Set(seen).size).toBe(3);
      expect(state.progress).toEqual({ voted: 3, remaining: 0, total: 3 });
      expect(state.nextStatement).toBeNull();

      const changed = await participant.put(`/api/reviews/${slug}/votes/${seen[0]}`, { value: -1 });
      expect(changed.statusCode).toBe(200);
      const myVotes = (await participant.get(`/api/reviews/${slug}/my-votes`)).json<
        Array<{ statementId: number; value: number }>
      >();
      expect(myVotes.find((vote) => vote.statementId === seen[0])?.value).toBe(-1);
      expect(await api.store.countVoteEvents(await reviewId(slug))).toBe(4);

      const added = await participant.post(`/api/reviews/${slug}/statements`, {
        text: '  Our leaflets arrived   too late.  ',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json<{ text: string; moderation: string }>()).toMatchObject({
        text: 'Our leaflets arrived too late.',
        moderation: 'pending',
      });
      // The author's own agree vote comes with the statement, so it is not put back to them.
      const after = (await participant.get(`/api/reviews/${slug}/participation`)).json<Participation>();
      expect(after.progress).toEqual({ voted: 4, remaining: 0, total: 4 });

      const other = api.client();
      const otherState = (await other.post(`/api/reviews/${slug}/join`)).json<Participation>();
      expect(otherState.progress.total).toBe(4);
      expect(api.changedReviews.length).toBeGreaterThan(0);
    });

    it('shows statements fewest-votes-first', async () => {
      const { slug } = await openReviewWithStatements(api, seedStatements);
      const first = api.client();
      const firstState = (await first.post(`/api/reviews/${slug}/join`)).json<Participation>();
      const votedId = firstState.nextStatement?.id;
      await first.put(`/api/reviews/${slug}/votes/${votedId}`, { value: 1 });
      for (let index = 0; index < 5; index++) {
        const next = (await api.client().post(`/api/reviews/${slug}/join`)).json<Participation>().nextStatement;
        expect(next?.id).not.toBe(votedId);
      }
    });

    it('refuses empty, over-long, duplicate and punctuation-only statements, storing nothing', async () => {
      const { slug } = await openReviewWithStatements(api, seedStatements);
      const participant = api.client();
      await participant.post(`/api/reviews/${slug}/join`);
      const id = await reviewId(slug);
      const countBefore = (await api.store.listStatements(id)).length;

      const empty = await participant.post(`/api/reviews/${slug}/statements`, { text: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.headers['content-type']).toContain('application/problem+json');
      expect(empty.json<Problem>()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'text' }] });
      expect(empty.json<Problem>().errors?.[0]?.message).toMatch(/cannot be empty/);

      const long = await participant.post(`/api/reviews/${slug}/statements`, { text: 'x'.repeat(281) });
      expect(long.statusCode).toBe(400);
      expect(long.json<Problem>().errors?.[0]).toMatchObject({ field: 'text', message: expect.stringMatching(/280/) });

      const exactly280 = await participant.post(`/api/reviews/${slug}/statements`, { text: 'y'.repeat(280) });
      expect(exactly280.statusCode).toBe(201);

      const duplicate = await participant.post(`/api/reviews/${slug}/statements`, {
        text: 'the manifesto promised TOO much',
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json<Problem>()).toMatchObject({ code: 'duplicate_statement', errors: [{ field: 'text' }] });

      const punctuation = await participant.post(`/api/reviews/${slug}/statements`, { text: '?!…' });
      expect(punctuation.statusCode).toBe(400);

      const wrongType = await participant.post(`/api/reviews/${slug}/statements`, { text: 42 });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json<Problem>().errors?.[0]?.field).toBe('text');

      const extraField = await participant.post(`/api/reviews/${slug}/statements`, { text: 'Fine text', author: 'me' });
      expect(extraField.statusCode).toBe(400);

      expect((await api.store.listStatements(id)).length).toBe(countBefore + 1);
    });

    it('refuses bad votes with specific errors and leaves the votes unchanged', async () => {
      const { owner, slug } = await openReviewWithStatements(api, seedStatements);
      const participant = api.client();
      const state = (await participant.post(`/api/reviews/${slug}/join`)).json<Participation>();
      const statementId = state.nextStatement?.id ?? 0;
      const id = await reviewId(slug);
      await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 1 });

      const badValue = await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 2 });
      expect(badValue.statusCode).toBe(400);
      expect(badValue.json<Problem>()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'value' }] });

      const stringValue = await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 'agree' });
      expect(stringValue.statusCode).toBe(400);

      const malformed = await participant.send('PUT', `/api/reviews/${slug}/votes/${statementId}`, {
        rawBody: '{"value": 1',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json<Problem>()).toMatchObject({ code: 'malformed_json' });

      const unknown = await participant.put(`/api/reviews/${slug}/votes/999999`, { value: 1 });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<Problem>()).toMatchObject({ code: 'statement_not_found' });

      const badId = await participant.put(`/api/reviews/${slug}/votes/abc`, { value: 1 });
      expect(badId.statusCode).toBe(400);
      expect(badId.json<Problem>().errors?.[0]?.field).toBe('statementId');

      const noCsrf = await participant.send('PUT', `/api/reviews/${slug}/votes/${statementId}`, {
        body: { value: -1 },
        withoutCsrf: true,
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json<Problem>()).toMatchObject({ code: 'csrf_failed' });

      const wrongCsrf = await participant.send('PUT', `/api/reviews/${slug}/votes/${statementId}`, {
        body: { value: -1 },
        withoutCsrf: true,
        headers: { 'x-csrf-token': 'not-the-token-not-the-token-not-the-token' },
      });
      expect(wrongCsrf.statusCode).toBe(403);

      const rejectedId = (await api.store.listStatements(id)).find((statement) => statement.id !== statementId)?.id;
      await owner.patch(`/api/manage/reviews/${slug}/statements/${rejectedId}`, {
        moderation: 'rejected',
        reason: 'Off topic.',
      });
      const onRejected = await participant.put(`/api/reviews/${slug}/votes/${rejectedId}`, { value: 1 });
      expect(onRejected.statusCode).toBe(409);
      expect(onRejected.json<Problem>()).toMatchObject({ code: 'statement_not_votable' });

      expect(await api.store.countVoteEvents(id)).toBe(1);
      expect(
        (await api.store.listParticipantVotes(id, (await api.store.listCurrentVotes(id))[0]?.participantId ?? 0))[0]
          ?.value,
      ).toBe(1);

      await owner.patch(`/api/manage/reviews/${slug}`, { status: 'closed' });
      const onClosed = await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: -1 });
      expect(onClosed.statusCode).toBe(409);
      expect(onClosed.json<Problem>()).toMatchObject({ code: 'review_closed' });
      const statementOnClosed = await participant.post(`/api/reviews/${slug}/statements`, { text: 'Too late now' });
      expect(statementOnClosed.statusCode).toBe(409);
      expect(await api.store.countVoteEvents(id)).toBe(1);
      // A closed review can still be read.
      expect((await participant.get(`/api/reviews/${slug}/participation`)).statusCode).toBe(200);
    });

    it('hides statements awaiting moderation under strict moderation and honours "no new statements"', async () => {
      const { owner, slug } = await openReviewWithStatements(api, seedStatements, { moderationMode: 'strict' });
      const author = api.client();
      const created = await author.post(`/api/reviews/${slug}/statements`, { text: 'A new idea from the floor' });
      expect(created.statusCode).toBe(201);
      const reader = api.client();
      expect((await reader.post(`/api/reviews/${slug}/join`)).json<Participation>().progress.total).toBe(3);
      const pendingVote = await reader.put(`/api/reviews/${slug}/votes/${created.json<{ id: number }>().id}`, {
        value: 1,
      });
      expect(pendingVote.json<Problem>().code).toBe('statement_not_votable');
      await owner.patch(`/api/manage/reviews/${slug}/statements/${created.json<{ id: number }>().id}`, {
        moderation: 'accepted',
      });
      expect((await reader.get(`/api/reviews/${slug}/participation`)).json<Participation>().progress.total).toBe(4);

      await owner.patch(`/api/manage/reviews/${slug}`, { participantsCanAddStatements: false });
      const refused = await author.post(`/api/reviews/${slug}/statements`, { text: 'Another idea' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<Problem>().code).toBe('statements_closed');
    });

    it('validates identity answers and lets them be skipped or withdrawn', async () => {
      const { owner, slug } = await openReviewWithStatements(api, seedStatements);
      const first = (
        await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
          prompt: 'Referendum vote?',
          kind: 'referendum',
          options: ['Remain', 'Leave'],
        })
      ).json<{ id: number; options: Array<{ id: number }> }>();
      const second = (
        await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
          prompt: 'Role?',
          kind: 'role',
          options: ['Member', 'Voter'],
        })
      ).json<{ id: number; options: Array<{ id: number }> }>();
      const participant = api.client();
      await participant.post(`/api/reviews/${slug}/join`);

      const foreignOption = await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: first.id, optionId: second.options[0]?.id }],
      });
      expect(foreignOption.statusCode).toBe(400);
      expect(foreignOption.json<Problem>().errors?.[0]?.field).toBe('answers.0.optionId');

      const unknownQuestion = await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: 9999, optionId: 1 }],
      });
      expect(unknownQuestion.json<Problem>().errors?.[0]?.field).toBe('answers.0.questionId');

      const answered = await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: first.id, optionId: first.options[1]?.id }],
      });
      expect(answered.json<Participation>().participant.answers).toEqual({ [String(first.id)]: first.options[1]?.id });
      const withdrawn = await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: first.id, optionId: null }],
      });
      expect(withdrawn.json<Participation>().participant.answers).toEqual({});
    });

    it('admits invite-only participants through a one-off link', async () => {
      const { owner, slug } = await openReviewWithStatements(api, seedStatements, { visibility: 'invite' });
      const stranger = api.client();
      const refused = await stranger.post(`/api/reviews/${slug}/join`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<Problem>().code).toBe('invite_required');
      expect((await stranger.get('/api/reviews')).json<unknown[]>()).toEqual([]);

      const invite = (await owner.post(`/api/manage/reviews/${slug}/invites`)).json<{ url: string; token: string }>();
      expect(invite.url).toBe(`http://review.test/invite/${invite.token}`);
      const guest = api.client();
      const accepted = await guest.post(`/api/invites/${invite.token}/accept`);
      expect(accepted.json()).toEqual({ slug });
      const state = (await guest.get(`/api/reviews/${slug}/participation`)).json<Participation>();
      expect(state.participant.joined).toBe(true);
      expect(state.nextStatement).not.toBeNull();

      const secondUse = await api.client().post(`/api/invites/${invite.token}/accept`);
      expect(secondUse.statusCode).toBe(409);
      expect(secondUse.json<Problem>().code).toBe('invite_used');
      const bogus = await api.client().post(`/api/invites/${'z'.repeat(43)}/accept`);
      expect(bogus.statusCode).toBe(404);
    });

    it('keeps draft reviews out of sight of participants', async () => {
      const { slug } = await openReviewWithStatements(api, seedStatements, { status: 'draft' });
      const response = await api.client().get(`/api/reviews/${slug}/participation`);
      expect(response.statusCode).toBe(404);
      expect(response.json<Problem>().code).toBe('review_not_found');
    });
  });
}
