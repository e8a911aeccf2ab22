import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../contract/problem.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../test-support/api.js';
import { routeCatalogue } from '../route-permissions.js';
import {
  changedTables,
  type SnapshottingFactory,
  snapshottingPostgresFactory,
  snapshottingSqliteFactory,
} from './store-snapshot.js';

/**
 * CSRF on every state-changing route, walked over the app's real route catalogue so a route added
 * later is covered without touching this file. Exceptions: none. (Sign-in, set-up and password reset
 * need the header too: a cross-site form must not sign a victim into an attacker's account.)
 */

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A concrete URL for a route pattern: the real review's slug, a plausible value for anything else. */
function concreteUrl(pattern: string, slug: string, statementId: number): string {
  return pattern
    .replace(':slug', slug)
    .replace(':statementId', String(statementId))
    .replace(/:token\b/g, 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde')
    .replace(/:[A-Za-z]+/g, '1');
}

for (const factory of [snapshottingSqliteFactory(), snapshottingPostgresFactory()] as SnapshottingFactory[]) {
  describe.skipIf(factory.skipReason !== undefined)(`CSRF on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let participant: TestClient;
    let slug: string;
    let statementId: number;

    beforeAll(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['Buses should run later', 'Libraries need funding']));
      participant = api.client();
      const joined = await participant.post(`/api/reviews/${slug}/join`);
      expect(joined.statusCode).toBe(200);
      statementId = joined.json<{ next: { id: number } | null }>().next?.id ?? 1;
    });
    afterAll(async () => {
      await api.close();
      await factory.dispose();
    });

    it('refuses every state-changing route without the x-csrf-token header, before anything is stored', async () => {
      const routes = routeCatalogue(api.app).filter((route) => stateChanging.has(route.method));
      expect(routes.length).toBeGreaterThan(20);
      const before = await factory.snapshot();
      const notRefused: string[] = [];
      for (const route of routes) {
        const url = concreteUrl(route.url, slug, statementId);
        // Both kinds of visitor, with their cookies (session, participant, CSRF cookie) but no header.
        for (const client of [owner, participant]) {
          const response = await client.send(route.method as 'POST', url, { body: {}, withoutCsrf: true });
          const problem = response.json<Problem>();
          if (response.statusCode !== 403 || problem.code !== 'csrf_failed') {
            notRefused.push(`${route.method} ${route.url} → ${response.statusCode} ${problem.code}`);
          }
        }
      }
      expect(notRefused).toEqual([]);
      expect(changedTables(before, await factory.snapshot())).toEqual([]);
    });

    it('refuses a header that does not match the cookie', async () => {
      const response = await owner.send('POST', `/api/reviews/${slug}/statements`, {
        body: { text: 'A forged statement' },
        withoutCsrf: true,
        headers: { 'x-csrf-token': 'not-the-token-from-the-cookie-at-all-0123456789' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json<Problem>().code).toBe('csrf_failed');
    });

    it('lets the same request through with the header (the refusal above is the header, not the request)', async () => {
      const response = await participant.post(`/api/reviews/${slug}/statements`, { text: 'A real statement here' });
      expect(response.statusCode).toBe(201);
    });
  });
}
