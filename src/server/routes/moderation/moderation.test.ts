import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BulkModerationResult,
  ModerationEvent,
  ModerationItem,
  ModerationQueue,
  Problem,
  Statement,
} from '../../../contract/index.js';
import { statementPostingLimits } from '../../../core/statement-throttle.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { hashPassword } from '../../auth/passwords.js';

const seeds = [
  'Our campaign started too late in the valleys.',
  'Local councillors should lead the next campaign.',
  'We talked about national issues when people cared about local ones.',
];

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`moderation API on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    /** An open strict review with the seed statements, its owner, and a joined participant. */
    async function reviewWithParticipant(overrides: Record<string, unknown> = {}) {
      const { owner, slug } = await openReviewWithStatements(api, seeds, { moderationMode: 'strict', ...overrides });
      const participant = await joined(slug);
      return { owner, slug, participant, base: `/api/manage/reviews/${slug}/moderation` };
    }

    async function joined(slug: string): Promise<TestClient> {
      const participant = api.client();
      expect((await participant.post(`/api/reviews/${slug}/join`)).statusCode).toBe(200);
      return participant;
    }

    async function post(participant: TestClient, slug: string, text: string): Promise<Statement> {
      const response = await participant.post(`/api/reviews/${slug}/statements`, { text });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<Statement>();
    }

    function advanceMinutes(minutes: number): void {
      api.clock.now = new Date(api.clock.now.getTime() + minutes * 60_000);
    }

    async function queue(owner: TestClient, base: string, query = ''): Promise<ModerationQueue> {
      const response = await owner.get(`${base}${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<ModerationQueue>();
    }

    async function signedInWithRole(slug: string, role: 'moderator' | 'analyst' | 'facilitator') {
      const email = `${role}@example.org`;
      const password = 'a long enough password';
      const account = await api.store.createAccount({
        email,
        displayName: `A ${role}`,
        passwordHash: await hashPassword(password),
        isInstanceOwner: false,
        createdAt: api.clock.now.toISOString(),
      });
      const review = await api.store.findReviewBySlug(slug);
      await api.store.setReviewRole({
        reviewId: review!.id,
        accountId: account.id,
        role,
        createdAt: api.clock.now.toISOString(),
      });
      const client = api.client();
      expect((await client.post('/api/sessions', { email, password })).statusCode).toBe(200);
      return client;
    }

    it('lists pending statements first, oldest first, with filters, counts, pages and likely duplicates', async () => {
      const { owner, slug, participant, base } = await reviewWithParticipant();
      const typo = await post(participant, slug, 'Our campaign started too late in the vallyes');
      advanceMinutes(5);
      const fresh = await post(participant, slug, 'Nobody knocked on doors in the towns.');

      const all = await queue(owner, base);
      expect(all.items.map((item) => item.text)).toEqual([typo.text, fresh.text, ...seeds]);
      expect(all.counts).toEqual({
        all: 5,
        state: { pending: 2, accepted: 3, rejected: 0 },
        origin: { participant: 2, seed: 3, event: 0 },
      });
      expect(all.totalItems).toBe(5);
      const [first, second] = all.items;
      expect(first).toMatchObject({
        id: typo.id,
        moderation: 'pending',
        origin: 'participant',
        editable: true,
        agreeCount: 1,
        rejectionReason: null,
        originalText: null,
      });
      expect(first?.likelyDuplicates).toEqual([
        { id: expect.any(Number), text: seeds[0], moderation: 'accepted', similarity: expect.any(Number) },
      ]);
      expect(first?.likelyDuplicates[0]?.similarity).toBeGreaterThanOrEqual(all.nearDuplicates.threshold);
      expect(second?.likelyDuplicates).toEqual([]);
      // Only pending statements get suggestions.
      expect(all.items.slice(2).every((item) => item.likelyDuplicates.length === 0)).toBe(true);
      // Authorship never leaves the server.
      expect(JSON.stringify(all)).not.toMatch(/author/i);

      const pending = await queue(owner, base, '?state=pending');
      expect(pending.items.map((item) => item.id)).toEqual([typo.id, fresh.id]);
      expect(pending.counts.origin).toEqual({ participant: 2, seed: 0, event: 0 });
      const seedsOnly = await queue(owner, base, '?origin=seed');
      expect(seedsOnly.totalItems).toBe(3);
      expect(seedsOnly.counts.state).toEqual({ pending: 0, accepted: 3, rejected: 0 });

      const pageTwo = await queue(owner, base, '?page=2&pageSize=2');
      expect(pageTwo).toMatchObject({ page: 2, pageSize: 2, totalItems: 5 });
      expect(pageTwo.items.map((item) => item.text)).toEqual([seeds[0], seeds[1]]);
    });

    it('refuses bad queue filters naming the parameter', async () => {
      const { owner, base } = await reviewWithParticipant();
      for (const [query, field] of [
        ['?state=maybe', 'state'],
        ['?origin=robot', 'origin'],
        ['?page=0', 'page'],
        ['?pageSize=1000', 'pageSize'],
        ['?sort=newest', 'querystring'],
      ] as const) {
        const response = await owner.get(`${base}${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json<Problem>().errors?.[0]?.field, query).toBe(field);
      }
    });

    it('accepts, and rejects with a reason kept for the record', async () => {
      const { owner, slug, participant, base } = await reviewWithParticipant();
      const kept = await post(participant, slug, 'Nobody knocked on doors in the towns.');
      const dropped = await post(participant, slug, 'Councillor Smith is a disgrace.');

      const accepted = await owner.post(`${base}/statements/${kept.id}/accept`);
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json<ModerationItem>()).toMatchObject({
        moderation: 'accepted',
        moderatedBy: 'Owner',
        moderatedAt: api.clock.now.toISOString(),
      });

      const noReason = await owner.post(`${base}/statements/${dropped.id}/reject`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json<Problem>().errors?.[0]?.field).toBe('reason');
      const blankReason = await owner.post(`${base}/statements/${dropped.id}/reject`, { reason: '   ' });
      expect(blankReason.json<Problem>().errors?.[0]).toEqual({
        field: 'reason',
        message: 'Give a reason: it is kept for the record.',
      });
      const reviewId = (await api.store.findReviewBySlug(slug))!.id;
      expect((await api.store.findStatement(reviewId, dropped.id))?.moderation).toBe('pending');

      advanceMinutes(1);
      const rejected = await owner.post(`${base}/statements/${dropped.id}/reject`, {
        reason: 'Names a private person.',
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(rejected.json<ModerationItem>()).toMatchObject({
        moderation: 'rejected',
        rejectionReason: 'Names a private person.',
        moderatedBy: 'Owner',
      });
      const history = await owner.get(`${base}/statements/${dropped.id}/history`);
      expect(history.json<ModerationEvent[]>()).toEqual([
        {
          action: 'reject',
          by: 'Owner',
          at: api.clock.now.toISOString(),
          reason: 'Names a private person.',
          previousText: null,
        },
      ]);

      // The participant no longer sees the rejected statement's text anywhere they vote.
      const participation = await participant.get(`/api/reviews/${slug}/participation`);
      expect(participation.body).not.toContain('disgrace');

      const missing = await owner.post(`${base}/statements/999999/accept`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json<Problem>().code).toBe('statement_not_found');
    });

    it('fixes a typo before anyone else votes, keeping the original, and refuses with 409 once voted', async () => {
      const { owner, slug, participant, base } = await reviewWithParticipant({ moderationMode: 'permissive' });
      const typo = await post(participant, slug, 'Nobody knocked on dors in the towns.');

      const edited = await owner.patch(`${base}/statements/${typo.id}`, {
        text: '  Nobody knocked on doors in the towns. ',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json<ModerationItem>()).toMatchObject({
        text: 'Nobody knocked on doors in the towns.',
        originalText: 'Nobody knocked on dors in the towns.',
        editedBy: 'Owner',
        editable: true,
      });
      const history = (await owner.get(`${base}/statements/${typo.id}/history`)).json<ModerationEvent[]>();
      expect(history).toEqual([expect.objectContaining({ action: 'edit', previousText: typo.text, by: 'Owner' })]);

      // The new text is checked against the others' duplicate keys, as a new statement would be.
      const duplicate = await owner.patch(`${base}/statements/${typo.id}`, { text: seeds[1]!.toUpperCase() });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json<Problem>()).toMatchObject({ code: 'duplicate_statement', errors: [{ field: 'text' }] });
      expect(duplicate.json<Problem>().detail).toContain(seeds[1]);
      const empty = await owner.patch(`${base}/statements/${typo.id}`, { text: '!!!' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json<Problem>().errors?.[0]?.field).toBe('text');
      const tooLong = await owner.patch(`${base}/statements/${typo.id}`, { text: 'x'.repeat(281) });
      expect(tooLong.json<Problem>().errors?.[0]?.field).toBe('text');

      // Another participant votes (permissive moderation shows pending statements): the text is fixed now.
      const reader = await joined(slug);
      expect((await reader.put(`/api/reviews/${slug}/votes/${typo.id}`, { value: -1 })).statusCode).toBe(200);
      const late = await owner.patch(`${base}/statements/${typo.id}`, { text: 'Nobody knocked on any doors.' });
      expect(late.statusCode).toBe(409);
      expect(late.headers['content-type']).toContain('application/problem+json');
      expect(late.json<Problem>()).toMatchObject({ code: 'statement_has_votes', status: 409 });
      expect(late.json<Problem>().detail).toMatch(/already has votes/);
      const items = (await queue(owner, base, '?origin=participant')).items;
      expect(items.find((item) => item.id === typo.id)).toMatchObject({
        editable: false,
        text: 'Nobody knocked on doors in the towns.',
      });
    });

    it('marks and unmarks a statement as meta', async () => {
      const { owner, slug, participant, base } = await reviewWithParticipant();
      const meta = await post(participant, slug, 'This review asks too many questions.');
      const marked = await owner.put(`${base}/statements/${meta.id}/meta`, { isMeta: true });
      expect(marked.json<ModerationItem>()).toMatchObject({ isMeta: true, moderation: 'pending' });
      const unmarked = await owner.put(`${base}/statements/${meta.id}/meta`, { isMeta: false });
      expect(unmarked.json<ModerationItem>().isMeta).toBe(false);
      const bad = await owner.put(`${base}/statements/${meta.id}/meta`, { isMeta: 'yes' });
      expect(bad.json<Problem>().errors?.[0]?.field).toBe('isMeta');
      const history = (await owner.get(`${base}/statements/${meta.id}/history`)).json<ModerationEvent[]>();
      expect(history.map((event) => event.action)).toEqual(['mark_meta', 'unmark_meta']);
    });

    it('accepts and rejects in bulk, all or nothing, naming a statement that cannot be changed', async () => {
      const { owner, slug, participant, base } = await reviewWithParticipant();
      const first = await post(participant, slug, 'Nobody knocked on doors in the towns.');
      const second = await post(participant, slug, 'Our leaflets arrived after the postal votes.');
      advanceMinutes(10);
      const third = await post(participant, slug, 'We should have stood in every ward.');

      const bad = await owner.post(`${base}/accept`, { statementIds: [first.id, 424242, second.id] });
      expect(bad.statusCode).toBe(404);
      expect(bad.json<Problem>()).toMatchObject({
        code: 'statement_not_found',
        errors: [{ field: 'statementIds.1', message: 'Statement 424242 is not part of this review.' }],
      });
      const stillPending = await queue(owner, base, '?state=pending');
      expect(stillPending.items.map((item) => item.id)).toEqual([first.id, second.id, third.id]);

      const twice = await owner.post(`${base}/accept`, { statementIds: [first.id, first.id] });
      expect(twice.json<Problem>().errors?.[0]?.field).toBe('statementIds');
      const none = await owner.post(`${base}/accept`, { statementIds: [] });
      expect(none.json<Problem>().errors?.[0]?.field).toBe('statementIds');
      const noReason = await owner.post(`${base}/reject`, { statementIds: [third.id] });
      expect(noReason.json<Problem>().errors?.[0]?.field).toBe('reason');

      const accepted = await owner.post(`${base}/accept`, { statementIds: [second.id, first.id] });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json<BulkModerationResult>().changed.map((item) => [item.id, item.moderation])).toEqual([
        [first.id, 'accepted'],
        [second.id, 'accepted'],
      ]);
      const rejected = await owner.post(`${base}/reject`, { statementIds: [third.id], reason: 'Off topic.' });
      expect(rejected.json<BulkModerationResult>().changed[0]).toMatchObject({
        moderation: 'rejected',
        rejectionReason: 'Off topic.',
      });
      expect((await queue(owner, base)).counts.state).toEqual({ pending: 0, accepted: 5, rejected: 1 });
      expect(api.changedReviews.length).toBeGreaterThan(0);
    });

    it('keeps the older PATCH route on the record: who accepted, and a reason to reject', async () => {
      const { owner, slug, participant, base } = await reviewWithParticipant();
      const statement = await post(participant, slug, 'Nobody knocked on doors in the towns.');
      const url = `/api/manage/reviews/${slug}/statements/${statement.id}`;
      const noReason = await owner.patch(url, { moderation: 'rejected' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json<Problem>().errors?.[0]).toEqual({
        field: 'reason',
        message: 'Give a reason: it is kept for the record.',
      });
      expect((await owner.patch(url, { moderation: 'rejected', reason: 'Off topic.', isMeta: true })).statusCode).toBe(
        200,
      );
      expect((await owner.patch(url, { moderation: 'accepted' })).statusCode).toBe(200);
      const history = (await owner.get(`${base}/statements/${statement.id}/history`)).json<ModerationEvent[]>();
      expect(history.map((event) => [event.action, event.reason, event.by])).toEqual([
        ['reject', 'Off topic.', 'Owner'],
        ['mark_meta', null, 'Owner'],
        ['accept', null, 'Owner'],
      ]);
      const back = await owner.patch(url, { moderation: 'pending' });
      expect(back.json<{ moderation: string; isMeta: boolean }>()).toMatchObject({
        moderation: 'pending',
        isMeta: true,
      });
    });

    it('lets moderators moderate, and no one without the permission', async () => {
      const { slug, participant, base } = await reviewWithParticipant();
      const statement = await post(participant, slug, 'Nobody knocked on doors in the towns.');

      const moderator = await signedInWithRole(slug, 'moderator');
      expect((await moderator.get(base)).statusCode).toBe(200);
      expect((await moderator.post(`${base}/statements/${statement.id}/accept`)).statusCode).toBe(200);

      const analyst = await signedInWithRole(slug, 'analyst');
      const refused = await analyst.post(`${base}/statements/${statement.id}/reject`, { reason: 'No.' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<Problem>().code).toBe('forbidden');
      expect((await analyst.get(base)).statusCode).toBe(403);

      expect((await participant.get(base)).statusCode).toBe(401);
      const withoutCsrf = await moderator.send('POST', `${base}/statements/${statement.id}/accept`, {
        withoutCsrf: true,
      });
      expect(withoutCsrf.statusCode).toBe(403);
    });

    it('throttles a participant who posts too fast, saying when they can post again, and caps a review', async () => {
      const { slug, participant } = await reviewWithParticipant();
      for (let index = 0; index < statementPostingLimits.perWindow; index++) {
        await post(participant, slug, `Statement number ${index} about the campaign.`);
        advanceMinutes(1);
      }
      const throttled = await participant.post(`/api/reviews/${slug}/statements`, { text: 'One more thought.' });
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers['content-type']).toContain('application/problem+json');
      const problem = throttled.json<Problem>();
      // The first statement was posted 3 minutes ago, so it leaves the 10-minute window in 7.
      expect(problem).toMatchObject({
        code: 'statement_posting_too_fast',
        status: 429,
        retryAt: '2026-11-25T10:10:00.000Z',
      });
      expect(problem.detail).toBe(
        'You have added 3 statements in the last 10 minutes. You can add another at 10:10 UTC (in 7 minutes).',
      );
      expect(throttled.headers['retry-after']).toBe('420');

      // Another participant is not affected.
      await post(await joined(slug), slug, 'A different person, a different thought.');

      advanceMinutes(7);
      await post(participant, slug, 'One more thought.');

      // Spaced out, a participant can go on up to the review's ceiling, and no further.
      for (let index = statementPostingLimits.perWindow + 1; index < statementPostingLimits.perReview; index++) {
        advanceMinutes(4);
        await post(participant, slug, `Spaced statement ${index} about the campaign.`);
      }
      advanceMinutes(60);
      const capped = await participant.post(`/api/reviews/${slug}/statements`, { text: 'Yet another thought.' });
      expect(capped.statusCode).toBe(429);
      expect(capped.json<Problem>()).toMatchObject({ code: 'statement_posting_limit' });
      expect(capped.json<Problem>().detail).toContain(`${statementPostingLimits.perReview} statements`);
      expect(capped.json<Problem>().retryAt).toBeUndefined();
    });
  });
}
