import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participation, Problem } from '../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi } from '../../test-support/api.js';
import { testStoreFactories } from '../../test-support/stores.js';

const seedStatements = ['Canvassing started too late.', 'The leaflets said nothing local.'];

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`vote idempotency keys on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    async function aVoter() {
      const { owner, slug } = await openReviewWithStatements(api, seedStatements);
      const participant = api.client();
      const joined = (await participant.post(`/api/reviews/${slug}/join`)).json<Participation>();
      const reviewId = (await api.store.findReviewBySlug(slug))?.id ?? -1;
      const statementIds = (await api.store.listStatements(reviewId)).map((statement) => statement.id);
      return { owner, slug, participant, joined, reviewId, statementIds };
    }

    it('answers a retry with the same key as the first time, recording one vote event', async () => {
      const { slug, participant, reviewId, statementIds } = await aVoter();
      const [first] = statementIds as [number];
      const url = `/api/reviews/${slug}/votes/${first}`;
      const options = { headers: { 'idempotency-key': 'vote-0001-abcdef' } };

      const original = await participant.put(url, { value: 1 }, options);
      const retried = await participant.put(url, { value: 1 }, options);

      expect(original.statusCode).toBe(200);
      expect(retried.statusCode).toBe(200);
      expect(retried.json<Participation>().progress).toEqual(original.json<Participation>().progress);
      expect(await api.store.countVoteEvents(reviewId)).toBe(1);
      // Without a key a repeat is a new vote, as before.
      await participant.put(url, { value: 1 });
      expect(await api.store.countVoteEvents(reviewId)).toBe(2);
    });

    it('refuses the same key with another statement or value (409), recording nothing more', async () => {
      const { slug, participant, reviewId, statementIds } = await aVoter();
      const [first, second] = statementIds as [number, number];
      const options = { headers: { 'idempotency-key': 'vote-0002-abcdef' } };
      expect((await participant.put(`/api/reviews/${slug}/votes/${first}`, { value: 1 }, options)).statusCode).toBe(
        200,
      );

      for (const clash of [
        await participant.put(`/api/reviews/${slug}/votes/${first}`, { value: -1 }, options),
        await participant.put(`/api/reviews/${slug}/votes/${second}`, { value: 1 }, options),
      ]) {
        expect(clash.statusCode).toBe(409);
        expect(clash.headers['content-type']).toContain('application/problem+json');
        const problem = clash.json<Problem>();
        expect(problem.code).toBe('idempotency_key_reused');
        expect(problem.errors?.map((error) => error.field)).toEqual(['idempotencyKey']);
      }
      expect(await api.store.countVoteEvents(reviewId)).toBe(1);
      expect(await api.store.listCurrentVotes(reviewId)).toEqual([
        expect.objectContaining({ statementId: first, value: 1 }),
      ]);
    });

    it('keeps each participant’s keys their own', async () => {
      const { slug, participant, reviewId, statementIds } = await aVoter();
      const [first] = statementIds as [number];
      const other = api.client();
      await other.post(`/api/reviews/${slug}/join`);
      const options = { headers: { 'idempotency-key': 'shared-key-0003' } };
      expect((await participant.put(`/api/reviews/${slug}/votes/${first}`, { value: 1 }, options)).statusCode).toBe(
        200,
      );
      expect((await other.put(`/api/reviews/${slug}/votes/${first}`, { value: -1 }, options)).statusCode).toBe(200);
      expect(await api.store.countVoteEvents(reviewId)).toBe(2);
    });

    it('still succeeds on a retry after the review closed, but a new vote is refused', async () => {
      const { owner, slug, participant, reviewId, statementIds } = await aVoter();
      const [first, second] = statementIds as [number, number];
      const options = { headers: { 'idempotency-key': 'before-close-0004' } };
      await participant.put(`/api/reviews/${slug}/votes/${first}`, { value: 0 }, options);
      expect((await owner.patch(`/api/manage/reviews/${slug}`, { status: 'closed' })).statusCode).toBe(200);

      expect((await participant.put(`/api/reviews/${slug}/votes/${first}`, { value: 0 }, options)).statusCode).toBe(
        200,
      );
      const fresh = await participant.put(
        `/api/reviews/${slug}/votes/${second}`,
        { value: 0 },
        {
          headers: { 'idempotency-key': 'after-close-0005' },
        },
      );
      expect(fresh.statusCode).toBe(409);
      expect(fresh.json<Problem>().code).toBe('review_closed');
      expect(await api.store.countVoteEvents(reviewId)).toBe(1);
    });

    it('names the header when the key is malformed, recording nothing', async () => {
      const { slug, participant, reviewId, statementIds } = await aVoter();
      const [first] = statementIds as [number];
      for (const key of ['short', 'has spaces in it', 'x'.repeat(500)]) {
        const response = await participant.put(
          `/api/reviews/${slug}/votes/${first}`,
          { value: 1 },
          {
            headers: { 'idempotency-key': key },
          },
        );
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.map((error) => error.field)).toEqual(['idempotencyKey']);
      }
      expect(await api.store.countVoteEvents(reviewId)).toBe(0);
    });

    it('acknowledges a burst of concurrent votes from many participants, each one stored', async () => {
      const { slug, reviewId, statementIds } = await aVoter();
      const voters = Array.from({ length: 12 }, () => api.client());
      for (const voter of voters) await voter.post(`/api/reviews/${slug}/join`);
      const responses = await Promise.all(
        voters.flatMap((voter, index) =>
          statementIds.map((statementId) =>
            voter.put(`/api/reviews/${slug}/votes/${statementId}`, { value: ((index % 3) - 1) as -1 | 0 | 1 }),
          ),
        ),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(responses.map(() => 200));
      expect(await api.store.countVoteEvents(reviewId)).toBe(voters.length * statementIds.length);
      expect((await api.store.listCurrentVotes(reviewId)).length).toBe(voters.length * statementIds.length);
    });
  });
}
