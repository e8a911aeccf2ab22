import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../contract/problem.js';
import { createTestApi, openReviewWithStatements, type TestApi, TestClient } from '../../test-support/api.js';
import { sqliteTestStoreFactory } from '../../test-support/stores.js';
import { buildApp } from '../app.js';
import type { App } from '../context.js';
import { routeLimits } from './route-limits.js';

// The limits are counted in memory per instance, not in the database: SQLite is enough.
describe('per-route rate limits', () => {
  let api: TestApi;
  let app: App;
  beforeEach(async () => {
    api = await createTestApi(sqliteTestStoreFactory);
    app = await buildApp({
      ...api.context,
      config: { ...api.context.config, routeRateLimits: true, voteRateLimitPerMinute: 3 },
    });
  });
  afterEach(async () => {
    await app.close();
    await api.close();
  });

  it('names only routes that exist', async () => {
    const { routeCatalogue } = await import('../route-permissions.js');
    const known = new Set(routeCatalogue(app).map((route) => `${route.method} ${route.url}`));
    // Event registration arrives with the events routes; every other limited route must be there.
    const missing = routeLimits
      .map((limit) => `${limit.method} ${limit.url}`)
      .filter((route) => !known.has(route) && !route.includes('/events/'));
    expect(missing).toEqual([]);
  });

  it('allows 10 sign-in attempts a minute from one address, then answers 429 problem+json', async () => {
    const client = new TestClient(app);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      // Different emails, so the account lockout (5 per email) is not what stops them.
      const response = await client.post('/api/sessions', { email: `p${attempt}@example.org`, password: 'x' });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const limited = await client.post('/api/sessions', { email: 'late@example.org', password: 'x' });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json<Problem>().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('allows 5 password reset requests a minute from one address', async () => {
    const client = new TestClient(app);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await client.post('/api/password-resets', { email: 'someone@example.org' })).statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('limits votes per participant, so others behind the same address can still vote', async () => {
    const { slug } = await openReviewWithStatements(api, ['One', 'Two', 'Three', 'Four', 'Five']);
    const statements = await api.store
      .findReviewBySlug(slug)
      .then((review) => api.store.listStatements(review?.id ?? 0));
    const first = new TestClient(app);
    await first.post(`/api/reviews/${slug}/join`);
    const statuses: number[] = [];
    for (const statement of statements.slice(0, 4)) {
      statuses.push((await first.put(`/api/reviews/${slug}/votes/${statement.id}`, { value: 1 })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const second = new TestClient(app);
    await second.post(`/api/reviews/${slug}/join`);
    const other = await second.put(`/api/reviews/${slug}/votes/${statements[0]?.id}`, { value: -1 });
    expect(other.statusCode).toBe(200);
  });

  it('limits statements from visitors who drop their cookies to 10 a minute per address', async () => {
    // A participant who keeps the cookie meets the review's own posting throttle first; the route
    // limit is what stops a script that starts afresh (a new participant) for every statement.
    const { slug } = await openReviewWithStatements(api, ['Seed'], { participantsCanAddStatements: true });
    const codes: string[] = [];
    for (let index = 0; index < 11; index += 1) {
      const response = await new TestClient(app).post(`/api/reviews/${slug}/statements`, {
        text: `Statement number ${index}`,
      });
      codes.push(response.statusCode === 201 ? 'created' : response.json<Problem>().code);
    }
    expect(codes).toEqual([...Array(10).fill('created'), 'rate_limited']);
  });
});
