import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErasureResult, MyData, Participation, PrivacyNotice, Problem } from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { hashToken } from '../../auth/tokens.js';

const seedStatements = [
  'We stopped listening to the places that used to vote for us.',
  'Factional fighting cost us more votes than any single policy did.',
  'The manifesto promised too much.',
];

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`participant data rights on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    let reviewId: number;
    let questionId: number;
    let optionIds: number[];
    let seedIds: number[];
    let promptId: number;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, seedStatements));
      const review = await api.store.findReviewBySlug(slug);
      reviewId = review?.id ?? -1;
      const question = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
        prompt: 'Which tradition do you feel closest to?',
        kind: 'tradition',
        options: ['Social democrat', 'Democratic socialist', 'Green left'],
      });
      const created = question.json<{ id: number; options: Array<{ id: number }> }>();
      questionId = created.id;
      optionIds = created.options.map((option) => option.id);
      seedIds = (await api.store.listStatements(reviewId)).map((statement) => statement.id);
      const prompt = await owner.post(`/api/manage/reviews/${slug}/prompts`, { text: 'Why do you think we lost?' });
      promptId = prompt.json<{ id: number }>().id;
    });
    afterEach(async () => {
      await api.close();
    });

    /** A participant who answered, voted on every seed (changing one vote), wrote two statements, an answer and feedback. */
    async function aParticipant(
      name: string,
      optionIndex: number,
    ): Promise<{ client: TestClient; ownStatementIds: number[] }> {
      const client = api.client();
      expect((await client.post(`/api/reviews/${slug}/join`)).statusCode).toBe(200);
      await client.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId, optionId: optionIds[optionIndex] }],
      });
      for (const [index, statementId] of seedIds.entries()) {
        expect(
          (await client.put(`/api/reviews/${slug}/votes/${statementId}`, { value: index === 1 ? -1 : 1 })).statusCode,
        ).toBe(200);
      }
      await client.put(`/api/reviews/${slug}/votes/${seedIds[2]}`, { value: 0 });
      const ownStatementIds: number[] = [];
      for (const text of [`${name} says the leaflets came too late.`, `${name} says we ignored the towns.`]) {
        const added = await client.post(`/api/reviews/${slug}/statements`, { text });
        expect(added.statusCode).toBe(201);
        ownStatementIds.push(added.json<{ id: number }>().id);
      }
      expect(
        (await client.put(`/api/reviews/${slug}/prompts/${promptId}/answer`, { text: `${name}: we lost the towns.` }))
          .statusCode,
      ).toBe(200);
      expect(
        (await client.post(`/api/reviews/${slug}/feedback`, { rating: 4, text: `${name} liked it.` })).statusCode,
      ).toBe(204);
      return { client, ownStatementIds };
    }

    async function participantIdOf(client: TestClient): Promise<number> {
      const token = client.cookies.get(`cg_participant_${reviewId}`) ?? '';
      const participant = await api.store.findParticipantByTokenHash(reviewId, hashToken(token));
      if (!participant) throw new Error('no participant behind this client');
      return participant.id;
    }

    it('exports exactly the participant’s own data, with labels and statement texts', async () => {
      const alice = await aParticipant('Alice', 1);
      const bob = await aParticipant('Bob', 2);
      await bob.client.put(`/api/reviews/${slug}/votes/${alice.ownStatementIds[0]}`, { value: -1 });

      const response = await alice.client.get(`/api/reviews/${slug}/my-data`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('attachment');
      expect(response.headers['cache-control']).toBe('no-store');
      const data = response.json<MyData>();
      expect(data.review).toEqual({ slug, title: 'Listening review' });
      expect(data.participant).toEqual({ joinedAt: api.clock.now.toISOString(), verified: false });
      expect(data.identityAnswers).toEqual([
        {
          question: 'Which tradition do you feel closest to?',
          answer: 'Democratic socialist',
          answeredAt: expect.any(String),
        },
      ]);
      // Three seeds plus the author's own agree vote on each of their two statements.
      expect(data.votes).toHaveLength(5);
      expect(data.votes.find((vote) => vote.statementId === seedIds[1])).toMatchObject({
        statement: seedStatements[1],
        vote: 'disagree',
      });
      expect(data.votes.find((vote) => vote.statementId === seedIds[2])?.vote).toBe('pass');
      expect(data.voteHistory).toHaveLength(6);
      expect(data.statements.map((statement) => statement.text)).toEqual([
        'Alice says the leaflets came too late.',
        'Alice says we ignored the towns.',
      ]);
      expect(data.promptAnswers).toEqual([
        expect.objectContaining({ prompt: 'Why do you think we lost?', answer: 'Alice: we lost the towns.' }),
      ]);
      expect(data.feedback).toEqual([expect.objectContaining({ rating: 4, text: 'Alice liked it.' })]);
      expect(response.body).not.toContain('Bob');
      expect(response.body).not.toContain('Green left');
    });

    it('answers 404 to a browser that has not taken part, and needs the CSRF header to erase', async () => {
      const visitor = api.client();
      expect((await visitor.get(`/api/reviews/${slug}/my-data`)).json<Problem>().code).toBe('no_participant_data');
      expect((await visitor.delete(`/api/reviews/${slug}/my-data`)).statusCode).toBe(404);
      const alice = await aParticipant('Alice', 0);
      expect((await alice.client.delete(`/api/reviews/${slug}/my-data`, { withoutCsrf: true })).statusCode).toBe(403);
      expect((await alice.client.get(`/api/reviews/${slug}/my-data`)).statusCode).toBe(200);
    });

    it('erases everything with votes removed (the default), keeping statements others voted on without an author', async () => {
      const alice = await aParticipant('Alice', 1);
      const bob = await aParticipant('Bob', 2);
      await bob.client.put(`/api/reviews/${slug}/votes/${alice.ownStatementIds[0]}`, { value: -1 });
      const aliceId = await participantIdOf(alice.client);
      const bobId = await participantIdOf(bob.client);
      const bobExportBefore = (await bob.client.get(`/api/reviews/${slug}/my-data`)).json<MyData>();

      const erased = await alice.client.delete(`/api/reviews/${slug}/my-data`);
      expect(erased.statusCode).toBe(200);
      expect(erased.json<ErasureResult>()).toEqual({
        erased: true,
        votes: 'remove',
        identityAnswers: 1,
        votesRemoved: 4,
        votesAnonymised: 0,
        statementsRemoved: 1,
        statementsUnlinked: 1,
        promptAnswers: 1,
        feedback: 1,
      });
      expect(alice.client.cookies.has(`cg_participant_${reviewId}`)).toBe(false);
      expect(api.changedReviews).toContain(reviewId);

      expect(await api.store.findParticipantById(aliceId)).toBeUndefined();
      const votes = await api.store.listCurrentVotes(reviewId);
      expect(new Set(votes.map((vote) => vote.participantId))).toEqual(new Set([bobId]));
      expect((await api.store.listVoteEvents(reviewId)).some((vote) => vote.participantId === aliceId)).toBe(false);
      expect((await api.store.listReviewIdentityAnswers(reviewId)).map((answer) => answer.participantId)).toEqual([
        bobId,
      ]);
      const statements = await api.store.listStatements(reviewId);
      expect(statements.find((statement) => statement.id === alice.ownStatementIds[0])?.authorParticipantId).toBeNull();
      expect(statements.some((statement) => statement.id === alice.ownStatementIds[1])).toBe(false);
      expect((await api.store.listening.listPromptAnswers(reviewId)).map((answer) => answer.text)).toEqual([
        'Bob: we lost the towns.',
      ]);
      expect((await api.store.listening.listFeedback(reviewId)).map((entry) => entry.text)).toEqual(['Bob liked it.']);
      // Bob's data is untouched.
      expect((await bob.client.get(`/api/reviews/${slug}/my-data`)).json<MyData>()).toEqual({
        ...bobExportBefore,
        exportedAt: expect.any(String),
      });

      // Afterwards the browser is a stranger: no data, not joined, and joining makes a new participant.
      expect((await alice.client.get(`/api/reviews/${slug}/my-data`)).statusCode).toBe(404);
      const page = (await alice.client.get(`/api/reviews/${slug}/participation`)).json<Participation>();
      expect(page.participant.joined).toBe(false);
      await alice.client.post(`/api/reviews/${slug}/join`);
      expect(await participantIdOf(alice.client)).not.toBe(aliceId);
    });

    it('with anonymise, keeps the votes for the analysis under a stand-in nothing links back', async () => {
      expect((await owner.patch(`/api/manage/reviews/${slug}`, { votesOnErasure: 'anonymise' })).statusCode).toBe(200);
      const alice = await aParticipant('Alice', 1);
      const bob = await aParticipant('Bob', 2);
      await bob.client.put(`/api/reviews/${slug}/votes/${alice.ownStatementIds[0]}`, { value: -1 });
      const aliceId = await participantIdOf(alice.client);
      const aliceToken = alice.client.cookies.get(`cg_participant_${reviewId}`) ?? '';
      const aliceVotesBefore = (await api.store.listParticipantVotes(reviewId, aliceId))
        .filter((vote) => vote.statementId !== alice.ownStatementIds[1])
        .map((vote) => ({ statementId: vote.statementId, value: vote.value }));
      const votesBefore = (await api.store.listCurrentVotes(reviewId)).length;
      api.clock.now = new Date('2026-11-26T15:42:17.123Z');

      const erased = await alice.client.delete(`/api/reviews/${slug}/my-data`);
      expect(erased.json<ErasureResult>()).toMatchObject({
        votes: 'anonymise',
        votesRemoved: 0,
        votesAnonymised: 4,
        statementsRemoved: 1,
        statementsUnlinked: 1,
      });

      // The analysis reads the current votes: all of them remain but Alice's vote on her statement nobody else voted on.
      const votes = await api.store.listCurrentVotes(reviewId);
      expect(votes).toHaveLength(votesBefore - 1);
      const bobId = await participantIdOf(bob.client);
      const standIns = [...new Set(votes.map((vote) => vote.participantId))].filter((id) => id !== bobId);
      expect(standIns).toHaveLength(1);
      const standInId = standIns[0] ?? -1;
      expect(standInId).not.toBe(aliceId);
      const standInVotes = votes.filter((vote) => vote.participantId === standInId);
      expect(standInVotes.map((vote) => ({ statementId: vote.statementId, value: vote.value }))).toEqual(
        expect.arrayContaining(aliceVotesBefore),
      );
      expect(standInVotes).toHaveLength(aliceVotesBefore.length);
      // No times of day, no history of changes, no answers, no cookie that finds it, no trace of the old id.
      expect(new Set(standInVotes.map((vote) => vote.votedAt))).toEqual(new Set(['2026-11-26T00:00:00.000Z']));
      const events = await api.store.listVoteEvents(reviewId);
      expect(events.filter((vote) => vote.participantId === standInId)).toHaveLength(standInVotes.length);
      expect(events.some((vote) => vote.participantId === aliceId)).toBe(false);
      expect((await api.store.listReviewIdentityAnswers(reviewId)).map((answer) => answer.participantId)).toEqual([
        bobId,
      ]);
      const standIn = await api.store.findParticipantById(standInId);
      expect(standIn).toMatchObject({ createdAt: '2026-11-26T00:00:00.000Z', verified: false });
      expect(standIn?.tokenHash).not.toBe(hashToken(aliceToken));
      expect(await api.store.findParticipantByTokenHash(reviewId, hashToken(aliceToken))).toBeUndefined();
      expect(await api.store.findParticipantById(aliceId)).toBeUndefined();
      expect(
        (await api.store.listStatements(reviewId)).some((statement) => statement.authorParticipantId === aliceId),
      ).toBe(false);
    });

    it('writes the privacy notice from the review’s settings, in English and Welsh', async () => {
      const before = (await api.client().get(`/api/reviews/${slug}/privacy`)).json<PrivacyNotice>();
      expect(before.settings).toEqual({
        votesOnErasure: 'remove',
        retentionDays: null,
        closedAt: null,
        retentionDueAt: null,
        contact: null,
      });
      const text = (notice: PrivacyNotice, id: string) =>
        notice.sections.find((section) => section.id === id)?.paragraphs.join(' ') ?? '';
      expect(text(before, 'retention')).toContain('no set retention period');
      expect(text(before, 'erasure')).toContain('all your votes');
      expect(text(before, 'lawful-basis')).toContain('explicit consent');

      const patched = await owner.patch(`/api/manage/reviews/${slug}`, {
        votesOnErasure: 'anonymise',
        retentionDays: 30,
        privacyContact: 'data@example.org',
        status: 'closed',
      });
      expect(patched.statusCode).toBe(200);
      const after = (await api.client().get(`/api/reviews/${slug}/privacy`)).json<PrivacyNotice>();
      expect(after.settings).toEqual({
        votesOnErasure: 'anonymise',
        retentionDays: 30,
        closedAt: api.clock.now.toISOString(),
        retentionDueAt: '2026-12-25T10:00:00.000Z',
        contact: 'data@example.org',
      });
      expect(text(after, 'retention')).toContain('30 days after the review closes');
      expect(text(after, 'retention')).toContain('2026-12-25');
      expect(text(after, 'erasure')).toContain('anonymous contribution');
      expect(text(after, 'who')).toContain('data@example.org');

      const welsh = (await api.client().get(`/api/reviews/${slug}/privacy?lang=cy`)).json<PrivacyNotice>();
      expect(welsh.language).toBe('cy');
      expect(welsh.sections.map((section) => section.id)).toEqual(after.sections.map((section) => section.id));
      expect(text(welsh, 'retention')).toContain('30 o ddiwrnodau');
      expect(text(welsh, 'lawful-basis')).toContain('caniatâd penodol');
      expect(text(welsh, 'erasure')).toContain('cyfraniad dienw');
    });

    it('validates the privacy settings, naming the field', async () => {
      for (const body of [{ retentionDays: -1 }, { retentionDays: 2.5 }, { votesOnErasure: 'keep' }]) {
        const response = await owner.patch(`/api/manage/reviews/${slug}`, body);
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.map((error) => error.field)).toEqual(Object.keys(body));
      }
      expect((await api.client().get(`/api/reviews/${slug}/privacy?lang=fr`)).statusCode).toBe(400);
    });

    it('starts the retention clock when the review closes and stops it when it reopens', async () => {
      await owner.patch(`/api/manage/reviews/${slug}`, { status: 'closed' });
      const closedAt = api.clock.now.toISOString();
      api.clock.now = new Date('2026-11-27T10:00:00.000Z');
      await owner.patch(`/api/manage/reviews/${slug}`, { status: 'closed', title: 'Still closed' });
      expect((await api.store.findReviewById(reviewId))?.closedAt).toBe(closedAt);
      await owner.patch(`/api/manage/reviews/${slug}`, { status: 'open' });
      expect((await api.store.findReviewById(reviewId))?.closedAt).toBeNull();
      await owner.patch(`/api/manage/reviews/${slug}`, { status: 'closed' });
      expect((await api.store.findReviewById(reviewId))?.closedAt).toBe('2026-11-27T10:00:00.000Z');
    });
  });
}
