import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../contract/index.js';
import { createTestApi, signedInOwner, type TestApi, type TestClient } from '../../test-support/api.js';
import { testStoreFactories } from '../../test-support/stores.js';

const ownerEmail = 'owner@example.org';
const ownerPassword = 'correct horse battery staple';

function signIn(client: TestClient, password: string, email = ownerEmail) {
  return client.post('/api/sessions', { email, password });
}

function resetTokenFrom(text: string): string {
  const match = /\/reset-password#token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no reset link in: ${text}`);
  return decodeURIComponent(match[1]);
}

/** A sign-in from another client address (inject's remoteAddress), with its own CSRF cookie. */
async function signInFrom(api: TestApi, remoteAddress: string, password: string) {
  const session = await api.app.inject({ method: 'GET', url: '/api/session', remoteAddress });
  const csrfToken = session.json<{ csrfToken: string }>().csrfToken;
  return api.app.inject({
    method: 'POST',
    url: '/api/sessions',
    remoteAddress,
    headers: { cookie: `cg_csrf=${csrfToken}`, 'x-csrf-token': csrfToken },
    payload: { email: ownerEmail, password },
  });
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`account security on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    it('locks an email after five failures in 15 minutes, says until when, and lets the right password in after', async () => {
      await signedInOwner(api);
      const guesser = api.client();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        api.clock.now = new Date(api.clock.now.getTime() + 60_000);
        expect((await signIn(guesser, `wrong guess ${attempt}`)).statusCode).toBe(401);
      }
      const lockedAt = api.clock.now;
      const locked = await signIn(guesser, ownerPassword);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['content-type']).toContain('application/problem+json');
      const problem = locked.json<Problem>();
      expect(problem.code).toBe('login_locked');
      expect(problem.retryAt).toBe(new Date(lockedAt.getTime() + 60_000).toISOString());
      expect(locked.headers['retry-after']).toBe('60');

      // Another client address is refused too: the lock is on the email, counted in the database.
      const fromElsewhere = await signInFrom(api, '203.0.113.9', ownerPassword);
      expect(fromElsewhere.statusCode).toBe(429);

      api.clock.now = new Date(lockedAt.getTime() + 61_000);
      expect((await signIn(guesser, ownerPassword)).statusCode).toBe(200);
      // The success cleared the count: four more failures do not lock.
      for (let attempt = 0; attempt < 4; attempt += 1) {
        expect((await signIn(guesser, 'wrong again')).statusCode).toBe(401);
      }
      expect((await signIn(guesser, ownerPassword)).statusCode).toBe(200);
    });

    it('escalates: after a lock, each further failure doubles the wait', async () => {
      await signedInOwner(api);
      const guesser = api.client();
      for (let attempt = 0; attempt < 5; attempt += 1) await signIn(guesser, 'wrong');
      const firstLock = api.clock.now.getTime();
      api.clock.now = new Date(firstLock + 61_000);
      expect((await signIn(guesser, 'wrong once more')).statusCode).toBe(401);
      const second = await signIn(guesser, ownerPassword);
      expect(second.statusCode).toBe(429);
      expect(second.json<Problem>().retryAt).toBe(new Date(firstLock + 61_000 + 2 * 60_000).toISOString());
    });

    it('locks unknown emails the same way, so a lock does not reveal who has an account', async () => {
      await signedInOwner(api);
      const guesser = api.client();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await signIn(guesser, 'whatever', 'nobody@example.org')).statusCode).toBe(401);
      }
      expect((await signIn(guesser, 'whatever', 'nobody@example.org')).statusCode).toBe(429);
      // The real account is untouched by failures against another email.
      expect((await signIn(guesser, ownerPassword)).statusCode).toBe(200);
    });

    it('locks a client address that fails across many emails', async () => {
      await signedInOwner(api);
      const guesser = api.client();
      for (let attempt = 0; attempt < 20; attempt += 1) {
        expect((await signIn(guesser, 'guess', `person${attempt}@example.org`)).statusCode).toBe(401);
      }
      const locked = await signIn(guesser, ownerPassword);
      expect(locked.json<Problem>().code).toBe('login_locked');
      // The owner, from their own address, is not locked out by someone else's guessing.
      expect((await signInFrom(api, '198.51.100.7', ownerPassword)).statusCode).toBe(200);
    });

    it('resets a password with a single-use emailed link, and signs out every session', async () => {
      const owner = await signedInOwner(api);
      const otherDevice = api.client();
      expect((await signIn(otherDevice, ownerPassword)).statusCode).toBe(200);

      const visitor = api.client();
      const asked = await visitor.post('/api/password-resets', { email: ' Owner@Example.org ' });
      expect(asked.statusCode).toBe(202);
      await vi.waitFor(() => expect(api.outbox).toHaveLength(1));
      const mail = api.outbox[0];
      expect(mail?.to).toBe(ownerEmail);
      expect(mail?.text).toContain('http://review.test/reset-password#token=');
      expect(mail?.text).toContain('cyfrinair newydd');
      const token = resetTokenFrom(mail?.text ?? '');

      const weak = await visitor.post('/api/password-resets/complete', { token, password: 'short' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json<Problem>().errors?.[0]?.field).toBe('password');

      const newPassword = 'a brand new long passphrase';
      const done = await visitor.post('/api/password-resets/complete', { token, password: newPassword });
      expect(done.statusCode).toBe(204);

      // Both earlier sessions are gone.
      expect((await owner.get('/api/session')).json().account).toBeNull();
      expect((await otherDevice.get('/api/session')).json().account).toBeNull();

      const again = await visitor.post('/api/password-resets/complete', { token, password: 'yet another passphrase' });
      expect(again.statusCode).toBe(403);
      expect(again.json<Problem>().code).toBe('reset_token_invalid');

      expect((await signIn(visitor, ownerPassword)).statusCode).toBe(401);
      expect((await signIn(visitor, newPassword)).statusCode).toBe(200);
    });

    it('answers the same for an unknown email and sends nothing', async () => {
      await signedInOwner(api);
      const visitor = api.client();
      const known = await visitor.post('/api/password-resets', { email: ownerEmail });
      const unknown = await visitor.post('/api/password-resets', { email: 'stranger@example.org' });
      expect(unknown.statusCode).toBe(known.statusCode);
      expect(unknown.body).toBe(known.body);
      await vi.waitFor(() => expect(api.outbox).toHaveLength(1));
      expect(api.outbox.map((mail) => mail.to)).toEqual([ownerEmail]);
    });

    it('refuses an expired link, an older link after a newer one is used, and caps links per hour', async () => {
      await signedInOwner(api);
      const visitor = api.client();
      for (let request = 0; request < 4; request += 1) {
        await visitor.post('/api/password-resets', { email: ownerEmail });
      }
      await vi.waitFor(() => expect(api.outbox).toHaveLength(3));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(api.outbox).toHaveLength(3);
      const [first, second, third] = api.outbox.map((mail) => resetTokenFrom(mail.text));

      const used = await visitor.post('/api/password-resets/complete', {
        token: second,
        password: 'the second link works',
      });
      expect(used.statusCode).toBe(204);
      const older = await visitor.post('/api/password-resets/complete', { token: first, password: 'too late for me' });
      expect(older.statusCode).toBe(403);

      api.clock.now = new Date(api.clock.now.getTime() + 61 * 60_000);
      const expired = await visitor.post('/api/password-resets/complete', { token: third, password: 'expired by now' });
      expect(expired.statusCode).toBe(403);
      expect((await signIn(visitor, 'the second link works')).statusCode).toBe(200);
    });
  });
}
