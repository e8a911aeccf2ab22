import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem, Session } from '../../../contract/index.js';
import { createTestApi, signedInOwner, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { issueOwnerSetupLink } from '../../commands/accounts.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`accounts API on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    it('creates the owner once from the set-up link, then signs in and out', async () => {
      const link = await issueOwnerSetupLink(api.context);
      expect(link).toMatch(/^http:\/\/review\.test\/setup\?token=/);
      const token = new URL(link ?? '').searchParams.get('token') ?? '';
      const visitor = api.client();
      expect((await visitor.get('/api/setup/status')).json()).toEqual({ needed: true });

      const weak = await visitor.post('/api/setup', {
        token,
        email: 'owner@example.org',
        password: 'short',
        displayName: 'Owner',
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json<Problem>().errors?.[0]?.field).toBe('password');

      const badEmail = await visitor.post('/api/setup', {
        token,
        email: 'not-an-email',
        password: 'a long enough password',
        displayName: 'Owner',
      });
      expect(badEmail.json<Problem>().errors?.[0]?.field).toBe('email');
      expect(await api.store.countAccounts()).toBe(0);

      const created = await visitor.post('/api/setup', {
        token,
        email: ' Owner@Example.org ',
        password: 'a long enough password',
        displayName: 'Owner',
      });
      expect(created.statusCode).toBe(200);
      expect(created.json<Session>().account).toMatchObject({ email: 'owner@example.org', isInstanceOwner: true });
      expect(JSON.stringify(created.json())).not.toContain('passwordHash');
      expect(visitor.cookies.has('cg_session')).toBe(true);

      const again = await api
        .client()
        .post('/api/setup', { token, email: 'x@example.org', password: 'a long enough password', displayName: 'X' });
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>().code).toBe('setup_done');
      expect(await issueOwnerSetupLink(api.context)).toBeNull();

      const stranger = api.client();
      const wrong = await stranger.post('/api/sessions', { email: 'owner@example.org', password: 'not the password' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json<Problem>().code).toBe('invalid_credentials');
      const unknown = await stranger.post('/api/sessions', {
        email: 'nobody@example.org',
        password: 'not the password',
      });
      expect(unknown.json<Problem>().detail).toBe(wrong.json<Problem>().detail);

      const csrfBefore = (await stranger.get('/api/session')).json<Session>().csrfToken;
      const signedIn = await stranger.post('/api/sessions', {
        email: 'OWNER@example.org',
        password: 'a long enough password',
      });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json<Session>().csrfToken).not.toBe(csrfBefore);
      expect((await stranger.get('/api/session')).json<Session>().account?.email).toBe('owner@example.org');

      const signedOut = await stranger.send('DELETE', '/api/sessions/current');
      expect(signedOut.statusCode).toBe(204);
      expect((await stranger.get('/api/session')).json<Session>().account).toBeNull();
      expect((await stranger.get('/api/manage/reviews')).statusCode).toBe(401);
    });

    it('refuses an invalid set-up token without creating anything', async () => {
      await issueOwnerSetupLink(api.context);
      const response = await api.client().post('/api/setup', {
        token: 'x'.repeat(43),
        email: 'owner@example.org',
        password: 'a long enough password',
        displayName: 'Owner',
      });
      expect(response.statusCode).toBe(403);
      expect(response.json<Problem>().code).toBe('setup_token_invalid');
      expect(await api.store.countAccounts()).toBe(0);
    });

    it('ends sessions when they expire', async () => {
      const owner = await signedInOwner(api);
      expect((await owner.get('/api/manage/reviews')).statusCode).toBe(200);
      api.clock.now = new Date(api.clock.now.getTime() + 31 * 24 * 3_600_000);
      expect((await owner.get('/api/manage/reviews')).statusCode).toBe(401);
    });
  });
}
