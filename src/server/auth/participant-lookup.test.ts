import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, openReviewWithStatements, type TestApi, TestClient } from '../../test-support/api.js';
import { sqliteTestStoreFactory } from '../../test-support/stores.js';
import { buildApp } from '../app.js';
import type { App } from '../context.js';

// Counts calls in memory; which database answers them does not matter.
describe('one participant lookup per vote request', () => {
  let api: TestApi;
  let app: App;
  let lookups: number;
  beforeEach(async () => {
    api = await createTestApi(sqliteTestStoreFactory);
    const store = api.context.store;
    const find = store.findParticipantByTokenHash.bind(store);
    lookups = 0;
    store.findParticipantByTokenHash = (reviewId, tokenHash) => {
      lookups += 1;
      return find(reviewId, tokenHash);
    };
    // With the per-participant rate limit on, its key needs the participant before the handler does.
    app = await buildApp({ ...api.context, config: { ...api.context.config, routeRateLimits: true } });
  });
  afterEach(async () => {
    await app.close();
    await api.close();
  });

  it('shares the rate-limit key’s lookup with the handler, and still records the vote', async () => {
    const { slug } = await openReviewWithStatements(api, ['One', 'Two']);
    const review = await api.store.findReviewBySlug(slug);
    const [first, second] = await api.store.listStatements(review?.id ?? 0);
    const participant = new TestClient(app);
    await participant.post(`/api/reviews/${slug}/join`);

    lookups = 0;
    const voted = await participant.put(`/api/reviews/${slug}/votes/${first?.id}`, { value: 1 });
    expect(voted.statusCode).toBe(200);
    expect(lookups).toBe(1);
    expect(voted.json<{ progress: { voted: number } }>().progress.voted).toBe(1);

    // Each request looks its participant up afresh: nothing is remembered between requests.
    lookups = 0;
    const again = await participant.put(`/api/reviews/${slug}/votes/${second?.id}`, { value: -1 });
    expect(again.json<{ progress: { voted: number } }>().progress.voted).toBe(2);
    expect(lookups).toBe(1);
  });
});
