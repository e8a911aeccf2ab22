import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  FeedbackSummary,
  ManagedPrompt,
  ParticipantPrompts,
  PromotedStatement,
  ReviewAnswer,
  VoiceForm,
  VoterVoice,
} from '../../../contract/listening.js';
import type { Problem } from '../../../contract/problem.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { grantRole, signedInAccount } from '../../../test-support/team.js';

const placesCsv = 'code,name,region\nE14000530,Aldershot,South East\nW07000041,Ynys Môn,Wales\n';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`listening API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    const manage = () => `/api/manage/reviews/${slug}`;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['We lost touch with voters.']));
    });
    afterEach(async () => {
      await api.close();
    });

    async function aPrompt(text = 'Why do you think we lost?', maxLength?: number): Promise<ManagedPrompt> {
      const response = await owner.post(
        `${manage()}/prompts`,
        maxLength === undefined ? { text } : { text, maxLength },
      );
      expect(response.statusCode).toBe(201);
      return response.json<ManagedPrompt>();
    }

    function expectFieldProblem(response: { statusCode: number; json<T>(): T }, status: number, field: string) {
      expect(response.statusCode).toBe(status);
      const problem = response.json<Problem>();
      expect(problem.errors?.map((error) => error.field)).toContain(field);
      return problem;
    }

    describe('prompts and answers', () => {
      it('lets organisers add, edit and list prompts, with a 2,000 character default limit', async () => {
        const prompt = await aPrompt();
        expect(prompt).toMatchObject({ text: 'Why do you think we lost?', maxLength: 2000, answerCount: 0 });
        const edited = await owner.patch(`${manage()}/prompts/${prompt.id}`, { maxLength: 300 });
        expect(edited.json<ManagedPrompt>()).toMatchObject({ text: 'Why do you think we lost?', maxLength: 300 });
        expect((await owner.get(`${manage()}/prompts`)).json<ManagedPrompt[]>()).toHaveLength(1);

        expectFieldProblem(await owner.post(`${manage()}/prompts`, { text: '   ' }), 400, 'text');
        expectFieldProblem(await owner.post(`${manage()}/prompts`, { text: 'x'.repeat(501) }), 400, 'text');
        expect((await owner.patch(`${manage()}/prompts/9999`, { text: 'Gone?' })).json<Problem>().code).toBe(
          'prompt_not_found',
        );
      });

      it('lets a participant answer, read and edit their own answers, and no one else’s', async () => {
        const prompt = await aPrompt('What should we never do again?', 40);
        const alice = api.client();
        const answered = await alice.put(`/api/reviews/${slug}/prompts/${prompt.id}/answer`, {
          text: '  Ignore the towns.  ',
        });
        expect(answered.statusCode).toBe(200);
        expect(answered.json<ParticipantPrompts>().prompts[0]?.answer?.text).toBe('Ignore the towns.');

        await alice.put(`/api/reviews/${slug}/prompts/${prompt.id}/answer`, { text: 'Ignore the towns again.' });
        const mine = (await alice.get(`/api/reviews/${slug}/prompts`)).json<ParticipantPrompts>();
        expect(mine.editable).toBe(true);
        expect(mine.prompts.map((entry) => entry.answer?.text)).toEqual(['Ignore the towns again.']);

        const bob = api.client();
        expect(
          (await bob.get(`/api/reviews/${slug}/prompts`)).json<ParticipantPrompts>().prompts[0]?.answer,
        ).toBeNull();
        const counted = (await owner.get(`${manage()}/prompts`)).json<ManagedPrompt[]>();
        expect(counted[0]?.answerCount).toBe(1);

        // Answers keep the prompt: deleting it is refused.
        expect((await owner.delete(`${manage()}/prompts/${prompt.id}`)).json<Problem>().code).toBe('prompt_answered');
      });

      it('refuses empty, over-long and unknown-prompt answers, naming the field', async () => {
        const prompt = await aPrompt('Why?', 20);
        const alice = api.client();
        const url = `/api/reviews/${slug}/prompts/${prompt.id}/answer`;
        expectFieldProblem(await alice.put(url, { text: '   ' }), 400, 'text');
        const tooLong = expectFieldProblem(await alice.put(url, { text: 'x'.repeat(21) }), 400, 'text');
        expect(tooLong.detail).toContain('20');
        expect((await alice.put(`/api/reviews/${slug}/prompts/9999/answer`, { text: 'Hello' })).statusCode).toBe(404);
        expect(
          (await alice.get(`/api/reviews/${slug}/prompts`)).json<ParticipantPrompts>().prompts[0]?.answer,
        ).toBeNull();
      });

      it('freezes answers once the review closes', async () => {
        const prompt = await aPrompt();
        const alice = api.client();
        const url = `/api/reviews/${slug}/prompts/${prompt.id}/answer`;
        await alice.put(url, { text: 'First thoughts.' });
        expect((await owner.patch(manage(), { status: 'closed' })).statusCode).toBe(200);
        const refused = await alice.put(url, { text: 'Second thoughts.' });
        expect(refused.statusCode).toBe(409);
        expect(refused.json<Problem>().code).toBe('review_closed');
        const mine = (await alice.get(`/api/reviews/${slug}/prompts`)).json<ParticipantPrompts>();
        expect(mine.editable).toBe(false);
        expect(mine.prompts[0]?.answer?.text).toBe('First thoughts.');
      });
    });

    describe('feedback', () => {
      it('takes a rating, a comment or both, and shows the team counts and comments', async () => {
        const alice = api.client();
        expect((await alice.post(`/api/reviews/${slug}/feedback`, { rating: 5 })).statusCode).toBe(204);
        expect(
          (await alice.post(`/api/reviews/${slug}/feedback`, { rating: 3, text: 'Too many statements.' })).statusCode,
        ).toBe(204);
        expectFieldProblem(await alice.post(`/api/reviews/${slug}/feedback`, {}), 400, 'text');
        expectFieldProblem(await alice.post(`/api/reviews/${slug}/feedback`, { rating: 6 }), 400, 'rating');
        expectFieldProblem(await alice.post(`/api/reviews/${slug}/feedback`, { text: 'x'.repeat(2001) }), 400, 'text');

        const summary = (await owner.get(`${manage()}/feedback`)).json<FeedbackSummary>();
        expect(summary).toMatchObject({ count: 2, ratings: [0, 0, 1, 0, 1], averageRating: 4 });
        expect(summary.comments.map((comment) => comment.text)).toEqual(['Too many statements.']);
      });
    });

    describe('voter voices', () => {
      let placeIds: number[];
      const voicesUrl = () => `${manage()}/voices`;

      beforeEach(async () => {
        expect((await owner.put(`${manage()}/places`, { csv: placesCsv })).statusCode).toBe(200);
        const options = await owner.put(`${manage()}/voice-options`, {
          pastVote: ['Us', 'Them', 'Did not vote'],
          intention: ['Us', 'Them', 'Undecided'],
        });
        expect(options.statusCode).toBe(200);
        const form = (await owner.get(`${voicesUrl()}/form`)).json<VoiceForm>();
        placeIds = form.places.map((place) => place.id);
        expect(form.places.map((place) => place.code)).toEqual(['E14000530', 'W07000041']);
        expect(form.options.intention).toEqual(['Us', 'Them', 'Undecided']);
      });

      const aVoice = (overrides: Record<string, unknown> = {}) => ({
        placeId: placeIds[0],
        pastVote: 'Us',
        intention: 'Undecided',
        text: 'You only come round at election time.',
        consent: true,
        ...overrides,
      });

      it('records a voice once: a replayed key answers the same result without a duplicate', async () => {
        const key = { headers: { 'idempotency-key': 'phone-1-entry-0001' } };
        const first = await owner.post(voicesUrl(), aVoice(), key);
        expect(first.statusCode).toBe(201);
        const replay = await owner.post(voicesUrl(), aVoice(), key);
        expect(replay.statusCode).toBe(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.json<VoterVoice>()).toEqual(first.json<VoterVoice>());
        // The key may come in the body too.
        const inBody = await owner.post(voicesUrl(), aVoice({ idempotencyKey: 'phone-1-entry-0001' }));
        expect(inBody.json<VoterVoice>().id).toBe(first.json<VoterVoice>().id);

        const listed = (await owner.get(voicesUrl())).json<VoterVoice[]>();
        expect(listed).toHaveLength(1);
        expect(listed[0]).toMatchObject({ placeCode: 'E14000530', placeName: 'Aldershot', pastVote: 'Us' });
        expect(JSON.stringify(listed)).not.toMatch(/recorded|account|email/i);
      });

      it('refuses the same key with different content, keeping the first voice', async () => {
        const key = { headers: { 'idempotency-key': 'phone-1-entry-0002' } };
        expect((await owner.post(voicesUrl(), aVoice(), key)).statusCode).toBe(201);
        const clash = await owner.post(voicesUrl(), aVoice({ text: 'Something else.' }), key);
        expectFieldProblem(clash, 409, 'idempotencyKey');
        expect(clash.json<Problem>().code).toBe('idempotency_key_reused');
        const listed = (await owner.get(voicesUrl())).json<VoterVoice[]>();
        expect(listed.map((voice) => voice.text)).toEqual(['You only come round at election time.']);
      });

      it('names the field of each bad input and stores nothing', async () => {
        let counter = 0;
        const send = (body: Record<string, unknown>, headers?: Record<string, string>) => {
          counter += 1;
          return owner.post(voicesUrl(), body, {
            headers: headers ?? { 'idempotency-key': `bad-input-${counter}-key` },
          });
        };
        expectFieldProblem(await send(aVoice({ text: '  ' })), 400, 'text');
        expectFieldProblem(await send(aVoice({ text: 'x'.repeat(2001) })), 400, 'text');
        expectFieldProblem(await send(aVoice({ placeId: 999_999 })), 400, 'placeId');
        const withoutConsent: Record<string, unknown> = aVoice();
        delete withoutConsent.consent;
        expectFieldProblem(await send(withoutConsent), 400, 'consent');
        expectFieldProblem(await send(aVoice({ consent: false })), 400, 'consent');
        expectFieldProblem(await send(aVoice({ pastVote: 'The Greens' })), 400, 'pastVote');
        expectFieldProblem(await send(aVoice({ intention: 'Maybe' })), 400, 'intention');
        // No field for a voter's name exists: sending one is refused, naming it.
        const named = await send(aVoice({ voterName: 'Sam' }));
        expect(named.statusCode).toBe(400);
        expect(JSON.stringify(named.json<Problem>().errors)).toContain('voterName');
        expectFieldProblem(await send(aVoice(), {}), 400, 'idempotencyKey');
        expectFieldProblem(await send(aVoice(), { 'idempotency-key': 'short' }), 400, 'idempotencyKey');
        expect((await owner.get(voicesUrl())).json<VoterVoice[]>()).toEqual([]);
      });

      it('lets facilitators record voices but not analysts', async () => {
        const facilitator = await signedInAccount(api, 'facilitator@example.org');
        const analyst = await signedInAccount(api, 'analyst@example.org');
        await grantRole(api, slug, facilitator.account.id, 'facilitator');
        await grantRole(api, slug, analyst.account.id, 'analyst');
        const key = { headers: { 'idempotency-key': 'facilitator-entry-1' } };
        expect((await facilitator.client.post(voicesUrl(), aVoice(), key)).statusCode).toBe(201);
        expect((await analyst.client.post(voicesUrl(), aVoice(), key)).statusCode).toBe(403);
        // Reading voices is for moderators.
        expect((await facilitator.client.get(voicesUrl())).statusCode).toBe(403);
      });
    });

    describe('promoting to statements', () => {
      it('turns a sentence of an answer into an accepted statement that keeps its source', async () => {
        const prompt = await aPrompt();
        const alice = api.client();
        await alice.put(`/api/reviews/${slug}/prompts/${prompt.id}/answer`, {
          text: 'The leaflets were late. We never explained what we stood for.',
        });
        const answers = (await owner.get(`${manage()}/answers`)).json<ReviewAnswer[]>();
        expect(answers).toHaveLength(1);
        expect(Object.keys(answers[0] ?? {}).sort()).toEqual([
          'createdAt',
          'id',
          'promptId',
          'statementIds',
          'text',
          'updatedAt',
        ]);

        const promoted = await owner.post(`${manage()}/statements/promote`, {
          sourceKind: 'prompt_answer',
          sourceId: answers[0]?.id,
          text: 'We never explained what we stood for.',
        });
        expect(promoted.statusCode).toBe(201);
        const statement = promoted.json<PromotedStatement>();
        expect(statement).toMatchObject({
          moderation: 'accepted',
          sourceKind: 'prompt_answer',
          sourceId: answers[0]?.id,
        });

        expect((await owner.get(`${manage()}/answers`)).json<ReviewAnswer[]>()[0]?.statementIds).toEqual([
          statement.id,
        ]);
        // The moderator who chose it is on record as accepting it.
        const review = (await api.store.findReviewBySlug(slug))!;
        const events = await api.store.listModerationEvents(review.id, statement.id);
        expect(events.map((event) => event.action)).toEqual(['accept']);
        const statements = await api.store.listStatements(review.id, {
          moderation: ['accepted'],
        });
        expect(statements.map((row) => row.text)).toContain('We never explained what we stood for.');

        const duplicate = await owner.post(`${manage()}/statements/promote`, {
          sourceKind: 'prompt_answer',
          sourceId: answers[0]?.id,
          text: 'We never explained what we stood for',
        });
        expect(duplicate.statusCode).toBe(409);
        expect(duplicate.json<Problem>().code).toBe('duplicate_statement');
      });

      it('refuses an unknown source, an empty or over-long sentence', async () => {
        const url = `${manage()}/statements/promote`;
        expectFieldProblem(
          await owner.post(url, { sourceKind: 'voter_voice', sourceId: 42, text: 'Hello there.' }),
          404,
          'sourceId',
        );
        expectFieldProblem(await owner.post(url, { sourceKind: 'voter_voice', sourceId: 42, text: ' ' }), 400, 'text');
        expectFieldProblem(
          await owner.post(url, { sourceKind: 'voter_voice', sourceId: 42, text: 'x'.repeat(281) }),
          400,
          'text',
        );
        expectFieldProblem(
          await owner.post(url, { sourceKind: 'rumour', sourceId: 42, text: 'Hello.' }),
          400,
          'sourceKind',
        );
      });
    });
  });
}
