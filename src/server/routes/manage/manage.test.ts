import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityQuestion, ManagedReview, ManagedStatement, Problem } from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, signedInOwner, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`organiser API on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    it('needs a signed-in account', async () => {
      const visitor = api.client();
      const response = await visitor.post('/api/manage/reviews', { title: 'A review', slug: 'a-review' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<Problem>().code).toBe('unauthenticated');
    });

    it('creates a review with defaults, edits only the fields sent, and lists it', async () => {
      const owner = await signedInOwner(api);
      const created = await owner.post('/api/manage/reviews', {
        title: '  After the defeat ',
        slug: 'after-the-defeat',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json<ManagedReview>()).toMatchObject({
        title: 'After the defeat',
        status: 'draft',
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        role: 'owner',
        statementCount: 0,
      });

      const edited = await owner.patch('/api/manage/reviews/after-the-defeat', {
        status: 'open',
        moderationMode: 'strict',
      });
      expect(edited.json<ManagedReview>()).toMatchObject({
        title: 'After the defeat',
        status: 'open',
        moderationMode: 'strict',
      });
      const retitled = await owner.patch('/api/manage/reviews/after-the-defeat', { title: 'What went wrong' });
      expect(retitled.json<ManagedReview>()).toMatchObject({
        title: 'What went wrong',
        status: 'open',
        moderationMode: 'strict',
      });

      const listed = (await owner.get('/api/manage/reviews')).json<ManagedReview[]>();
      expect(listed.map((review) => review.slug)).toEqual(['after-the-defeat']);
      expect(
        (await api.client().get('/api/reviews')).json<Array<{ slug: string }>>().map((review) => review.slug),
      ).toEqual(['after-the-defeat']);
    });

    it('refuses bad review input naming the field, and taken slugs', async () => {
      const owner = await signedInOwner(api);
      const badSlug = await owner.post('/api/manage/reviews', { title: 'A review', slug: 'Not A Slug!' });
      expect(badSlug.statusCode).toBe(400);
      expect(badSlug.json<Problem>().errors?.[0]?.field).toBe('slug');
      const badStatus = await owner.post('/api/manage/reviews', {
        title: 'A review',
        slug: 'a-review',
        status: 'paused',
      });
      expect(badStatus.json<Problem>().errors?.[0]?.field).toBe('status');
      const noTitle = await owner.post('/api/manage/reviews', { slug: 'a-review' });
      expect(noTitle.json<Problem>().errors?.[0]?.field).toBe('title');
      const longTitle = await owner.post('/api/manage/reviews', { title: 't'.repeat(201), slug: 'a-review' });
      expect(longTitle.statusCode).toBe(400);
      const reserved = await owner.post('/api/manage/reviews', { title: 'Our events', slug: 'events' });
      expect(reserved.statusCode).toBe(400);
      expect(reserved.json<Problem>().errors?.[0]).toMatchObject({
        field: 'slug',
        message: expect.stringMatching(/used by the app/),
      });

      expect((await owner.post('/api/manage/reviews', { title: 'A review', slug: 'a-review' })).statusCode).toBe(201);
      const taken = await owner.post('/api/manage/reviews', { title: 'Another', slug: 'a-review' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json<Problem>()).toMatchObject({ code: 'slug_taken', errors: [{ field: 'slug' }] });
      expect((await owner.get('/api/manage/reviews')).json<ManagedReview[]>()).toHaveLength(1);
    });

    it('adds seed statements all or none, naming each duplicate', async () => {
      const { owner, slug } = await openReviewWithStatements(api, ['We lost touch with voters.']);
      const refused = await owner.post(`/api/manage/reviews/${slug}/statements`, {
        statements: ['A fresh statement', 'we lost touch with VOTERS', 'Another fresh one', 'a fresh statement!'],
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<Problem>().errors?.map((error) => error.field)).toEqual(['statements.1', 'statements.3']);
      expect((await owner.get(`/api/manage/reviews/${slug}/statements`)).json<ManagedStatement[]>()).toHaveLength(1);

      const tooLong = await owner.post(`/api/manage/reviews/${slug}/statements`, {
        statements: ['ok', 'z'.repeat(281)],
      });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json<Problem>().errors?.[0]?.field).toBe('statements.1');

      const added = await owner.post(`/api/manage/reviews/${slug}/statements`, {
        statements: ['A fresh statement', 'Another fresh one'],
      });
      expect(added.statusCode).toBe(201);
      const listed = (await owner.get(`/api/manage/reviews/${slug}/statements`)).json<ManagedStatement[]>();
      expect(listed.map((statement) => statement.moderation)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(listed[0]).toMatchObject({ origin: 'seed', agreeCount: 0, disagreeCount: 0, passCount: 0 });
    });

    it('adds identity questions with ordered options and refuses bad ones', async () => {
      const { owner, slug } = await openReviewWithStatements(api, []);
      const created = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
        prompt: 'How did you vote in 2016?',
        kind: 'referendum',
        options: ['Remain', 'Leave', 'Did not vote'],
      });
      expect(created.statusCode).toBe(201);
      expect(created.json<IdentityQuestion>().options.map((option) => option.label)).toEqual([
        'Remain',
        'Leave',
        'Did not vote',
      ]);
      const oneOption = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
        prompt: 'Q',
        options: ['Only'],
      });
      expect(oneOption.json<Problem>().errors?.[0]?.field).toBe('options');
      const repeated = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
        prompt: 'Q',
        options: ['Yes', 'yes'],
      });
      expect(repeated.statusCode).toBe(400);
      expect(
        (await owner.get(`/api/manage/reviews/${slug}/identity-questions`)).json<IdentityQuestion[]>(),
      ).toHaveLength(1);
    });

    it('hides other people’s reviews behind the same 404 as missing ones', async () => {
      const { slug } = await openReviewWithStatements(api, ['One']);
      const now = api.clock.now.toISOString();
      const { hashPassword } = await import('../../auth/passwords.js');
      await api.store.createAccount({
        email: 'other@example.org',
        displayName: 'Other',
        passwordHash: await hashPassword('another long password'),
        isInstanceOwner: false,
        createdAt: now,
      });
      const other = api.client();
      expect(
        (await other.post('/api/sessions', { email: 'other@example.org', password: 'another long password' }))
          .statusCode,
      ).toBe(200);
      const theirs = await other.get(`/api/manage/reviews/${slug}`);
      expect(theirs.statusCode).toBe(404);
      expect((await other.patch(`/api/manage/reviews/${slug}`, { status: 'closed' })).statusCode).toBe(404);
      expect((await other.get('/api/manage/reviews/no-such-review')).json<Problem>().detail).toBe(
        theirs.json<Problem>().detail.replace(slug, 'no-such-review'),
      );
      expect((await api.store.findReviewBySlug(slug))?.status).toBe('open');
    });
  });
}

describe('health and API description', () => {
  it('answers health with the database kind and serves the OpenAPI document', async () => {
    const [factory] = testStoreFactories;
    if (!factory) throw new Error('no store factory');
    const api = await createTestApi(factory);
    try {
      const health = await api.client().get('/api/health');
      expect(health.json()).toEqual({ status: 'ok', database: factory.kind });
      const openapi = (await api.client().get('/api/openapi.json')).json<{
        openapi: string;
        paths: Record<string, unknown>;
      }>();
      expect(openapi.openapi).toMatch(/^3\./);
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/api/reviews/{slug}/votes/{statementId}', '/api/manage/reviews']),
      );
      const missing = await api.client().get('/api/nothing-here');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    } finally {
      await api.close();
    }
  });
});
