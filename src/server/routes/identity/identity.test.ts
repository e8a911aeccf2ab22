import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  IdentityQuestion,
  ManagedIdentityQuestion,
  ManagedReview,
  Participation,
  Problem,
  Review,
} from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`identity questions and archive API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['We lost touch with the coast.', 'Too many leaflets.']));
    });
    afterEach(async () => {
      await api.close();
    });

    const questionsUrl = () => `/api/manage/reviews/${slug}/identity-questions`;
    async function addQuestion(body: Record<string, unknown>): Promise<IdentityQuestion> {
      const response = await owner.post(questionsUrl(), body);
      expect(response.statusCode).toBe(201);
      return response.json<IdentityQuestion>();
    }
    const tradition = {
      prompt: 'Which tradition do you feel closest to?',
      kind: 'tradition',
      options: ['Social democrat', 'Green left'],
    };

    describe('required questions with explanations', () => {
      it('shows participants the explanation, and takes no vote or statement until answered', async () => {
        const explanation = 'So we can see if traditions agree. Organisers see only totals of 10 or more.';
        const question = await addQuestion({ ...tradition, required: true, explanation });
        expect(question).toMatchObject({ required: true, explanation, usesPlaceList: false });

        const participant = api.client();
        const joined = (await participant.post(`/api/reviews/${slug}/join`)).json<Participation>();
        expect(joined.identityQuestions[0]).toMatchObject({ required: true, explanation });
        const statementId = joined.nextStatement?.id ?? 0;

        const vote = await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 1 });
        expect(vote.statusCode).toBe(409);
        expect(vote.headers['content-type']).toContain('application/problem+json');
        expect(vote.json<Problem>()).toMatchObject({
          code: 'identity_answers_required',
          errors: [{ field: `identityAnswers.${question.id}` }],
        });
        expect(vote.json<Problem>().detail).toContain(tradition.prompt);
        const statement = await participant.post(`/api/reviews/${slug}/statements`, { text: 'Start earlier.' });
        expect(statement.json<Problem>().code).toBe('identity_answers_required');

        // Skipping is not answering.
        await participant.put(`/api/reviews/${slug}/identity-answers`, {
          answers: [{ questionId: question.id, optionId: null }],
        });
        expect((await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 1 })).statusCode).toBe(409);

        await participant.put(`/api/reviews/${slug}/identity-answers`, {
          answers: [{ questionId: question.id, optionId: question.options[0]?.id }],
        });
        const after = await participant.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 1 });
        expect(after.statusCode).toBe(200);
        expect(after.json<Participation>().progress.voted).toBe(1);
      });

      it('leaves optional questions optional', async () => {
        await addQuestion(tradition);
        const participant = api.client();
        const joined = (await participant.post(`/api/reviews/${slug}/join`)).json<Participation>();
        const vote = await participant.put(`/api/reviews/${slug}/votes/${joined.nextStatement?.id}`, { value: -1 });
        expect(vote.statusCode).toBe(200);
      });

      it('refuses an explanation that is too long, naming the field', async () => {
        const response = await owner.post(questionsUrl(), { ...tradition, explanation: 'x'.repeat(501) });
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.[0]?.field).toBe('explanation');
      });
    });

    describe('editing questions', () => {
      it('edits, reorders and deletes questions nobody has answered', async () => {
        const first = await addQuestion(tradition);
        const second = await addQuestion({ prompt: 'Your role?', kind: 'role', options: ['Member', 'Voter'] });

        const edited = await owner.patch(`${questionsUrl()}/${first.id}`, {
          prompt: 'Which tradition is yours?',
          options: ['Green left', 'Social democrat', 'Liberal'],
          required: true,
          explanation: 'Only totals are shown.',
        });
        expect(edited.statusCode).toBe(200);
        expect(edited.json<IdentityQuestion>()).toMatchObject({
          prompt: 'Which tradition is yours?',
          required: true,
          explanation: 'Only totals are shown.',
        });
        expect(edited.json<IdentityQuestion>().options.map((option) => option.label)).toEqual([
          'Green left',
          'Social democrat',
          'Liberal',
        ]);

        const reordered = await owner.put(`${questionsUrl()}/order`, { questionIds: [second.id, first.id] });
        expect(reordered.statusCode).toBe(200);
        expect(reordered.json<IdentityQuestion[]>().map((question) => question.id)).toEqual([second.id, first.id]);

        const deleted = await owner.send('DELETE', `${questionsUrl()}/${second.id}`);
        expect(deleted.statusCode).toBe(204);
        const listed = (await owner.get(questionsUrl())).json<ManagedIdentityQuestion[]>();
        expect(listed.map((question) => [question.id, question.answered])).toEqual([[first.id, false]]);
      });

      it('refuses to edit, move or delete a question once answered, with a clear 409', async () => {
        const answeredQuestion = await addQuestion(tradition);
        const other = await addQuestion({ prompt: 'Your role?', kind: 'role', options: ['Member', 'Voter'] });
        const third = await addQuestion({ prompt: 'Referendum?', kind: 'referendum', options: ['Remain', 'Leave'] });
        const participant = api.client();
        await participant.post(`/api/reviews/${slug}/join`);
        await participant.put(`/api/reviews/${slug}/identity-answers`, {
          answers: [{ questionId: answeredQuestion.id, optionId: answeredQuestion.options[1]?.id }],
        });

        const listed = (await owner.get(questionsUrl())).json<ManagedIdentityQuestion[]>();
        expect(listed.map((question) => question.answered)).toEqual([true, false, false]);

        for (const response of [
          await owner.patch(`${questionsUrl()}/${answeredQuestion.id}`, { prompt: 'Something else?' }),
          await owner.patch(`${questionsUrl()}/${answeredQuestion.id}`, { explanation: 'Now everyone sees it.' }),
          await owner.send('DELETE', `${questionsUrl()}/${answeredQuestion.id}`),
        ]) {
          expect(response.statusCode).toBe(409);
          expect(response.json<Problem>().code).toBe('question_answered');
          expect(response.json<Problem>().detail).toContain(tradition.prompt);
        }
        const moved = await owner.put(`${questionsUrl()}/order`, {
          questionIds: [other.id, answeredQuestion.id, third.id],
        });
        expect(moved.statusCode).toBe(409);
        expect(moved.json<Problem>()).toMatchObject({
          code: 'question_answered',
          errors: [{ field: 'questionIds.1' }],
        });

        // Unanswered questions can still move around the answered one, which keeps its place.
        const swapped = await owner.put(`${questionsUrl()}/order`, {
          questionIds: [answeredQuestion.id, third.id, other.id],
        });
        expect(swapped.statusCode).toBe(200);
        const after = (await owner.get(questionsUrl())).json<ManagedIdentityQuestion[]>();
        expect(after[0]).toMatchObject({ id: answeredQuestion.id, prompt: tradition.prompt, answered: true });
        expect(after[0]?.options.map((option) => option.id)).toEqual(
          answeredQuestion.options.map((option) => option.id),
        );
      });

      it('refuses bad edits naming the field, and unknown questions with 404', async () => {
        const question = await addQuestion(tradition);
        const empty = await owner.patch(`${questionsUrl()}/${question.id}`, {});
        expect(empty.statusCode).toBe(400);
        const oneOption = await owner.patch(`${questionsUrl()}/${question.id}`, { options: ['Only'] });
        expect(oneOption.json<Problem>().errors?.[0]?.field).toBe('options');
        const unknownField = await owner.patch(`${questionsUrl()}/${question.id}`, { colour: 'red' });
        expect(unknownField.statusCode).toBe(400);
        const missing = await owner.patch(`${questionsUrl()}/99999`, { prompt: 'Anything?' });
        expect(missing.statusCode).toBe(404);
        expect(missing.json<Problem>().code).toBe('question_not_found');
        expect((await owner.send('DELETE', `${questionsUrl()}/99999`)).statusCode).toBe(404);
        const incomplete = await owner.put(`${questionsUrl()}/order`, { questionIds: [question.id, 99999] });
        expect(incomplete.statusCode).toBe(400);
        expect(incomplete.json<Problem>().errors?.[0]?.field).toBe('questionIds');
        const twice = await owner.put(`${questionsUrl()}/order`, { questionIds: [question.id, question.id] });
        expect(twice.json<Problem>().errors?.[0]?.field).toBe('questionIds');
      });

      it('keeps a place question’s options with its place list', async () => {
        await owner.put(`/api/manage/reviews/${slug}/places`, { csv: 'code,name,region\nA,Alpha,North\nB,Beta,South' });
        const question = await addQuestion({ prompt: 'Your seat?', kind: 'seat', usesPlaceList: true });
        const withOptions = await owner.patch(`${questionsUrl()}/${question.id}`, { options: ['X', 'Y'] });
        expect(withOptions.statusCode).toBe(400);
        expect(withOptions.json<Problem>().errors?.[0]?.field).toBe('options');
        const otherKind = await owner.patch(`${questionsUrl()}/${question.id}`, { kind: 'tradition' });
        expect(otherKind.json<Problem>().errors?.[0]?.field).toBe('kind');
        const reworded = await owner.patch(`${questionsUrl()}/${question.id}`, { prompt: 'Your constituency?' });
        expect(reworded.json<IdentityQuestion>()).toMatchObject({ prompt: 'Your constituency?', usesPlaceList: true });
        expect(reworded.json<IdentityQuestion>().options.map((option) => option.label)).toEqual(['Alpha', 'Beta']);
      });
    });

    describe('archiving', () => {
      it('closes an archived review to participation and hides it from the lists, until unarchived', async () => {
        const participant = api.client();
        const joined = (await participant.post(`/api/reviews/${slug}/join`)).json<Participation>();

        const archived = await owner.post(`/api/manage/reviews/${slug}/archive`);
        expect(archived.statusCode).toBe(200);
        expect(archived.json<ManagedReview>()).toMatchObject({
          status: 'open',
          archivedAt: api.clock.now.toISOString(),
        });

        expect((await api.client().get('/api/reviews')).json<Review[]>()).toEqual([]);
        expect((await owner.get('/api/manage/reviews')).json<ManagedReview[]>()).toEqual([]);
        const archivedList = (await owner.get('/api/manage/reviews?archived=true')).json<ManagedReview[]>();
        expect(archivedList.map((review) => review.slug)).toEqual([slug]);
        expect((await owner.get('/api/manage/reviews?archived=maybe')).statusCode).toBe(400);

        // Still readable, but takes nothing.
        const page = await participant.get(`/api/reviews/${slug}/participation`);
        expect(page.json<Participation>().review.archivedAt).not.toBeNull();
        const vote = await participant.put(`/api/reviews/${slug}/votes/${joined.nextStatement?.id}`, { value: 1 });
        expect(vote.statusCode).toBe(409);
        expect(vote.json<Problem>().code).toBe('review_archived');
        const statement = await participant.post(`/api/reviews/${slug}/statements`, { text: 'Start earlier.' });
        expect(statement.json<Problem>().code).toBe('review_archived');
        const answers = await participant.put(`/api/reviews/${slug}/identity-answers`, { answers: [] });
        expect(answers.json<Problem>().code).toBe('review_archived');
        const newcomer = await api.client().post(`/api/reviews/${slug}/join`);
        expect(newcomer.statusCode).toBe(409);
        expect(newcomer.json<Problem>().code).toBe('review_archived');

        const restored = await owner.send('DELETE', `/api/manage/reviews/${slug}/archive`);
        expect(restored.statusCode).toBe(200);
        expect(restored.json<ManagedReview>()).toMatchObject({ status: 'open', archivedAt: null });
        expect((await api.client().get('/api/reviews')).json<Review[]>().map((review) => review.slug)).toEqual([slug]);
        expect((await owner.get('/api/manage/reviews')).json<ManagedReview[]>().map((review) => review.slug)).toEqual([
          slug,
        ]);
        const voteAgain = await participant.put(`/api/reviews/${slug}/votes/${joined.nextStatement?.id}`, { value: 1 });
        expect(voteAgain.statusCode).toBe(200);
      });

      it('is for people who may edit the review', async () => {
        expect((await api.client().post(`/api/manage/reviews/${slug}/archive`)).statusCode).toBe(401);
      });
    });
  });
}
