import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test-support/api.js';
import { sqliteTestStoreFactory } from '../../test-support/stores.js';
import { buildApp } from '../app.js';
import { issueOwnerSetupLink } from '../commands/accounts.js';
import type { App } from '../context.js';
import { redactUrl } from './log-options.js';

/** Collects every log line the app writes. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

describe('nothing sensitive in the logs', () => {
  let api: TestApi;
  let app: App;
  let capture: LogCapture;
  beforeEach(async () => {
    api = await createTestApi(sqliteTestStoreFactory);
    capture = new LogCapture();
    app = await buildApp(
      { ...api.context, config: { ...api.context.config, logLevel: 'trace' } },
      {
        logger: true,
        logStream: capture,
      },
    );
  });
  afterEach(async () => {
    await app.close();
    await api.close();
  });

  it('keeps cookies, authorization, passwords, tokens and emails out of the request log', async () => {
    const setupLink = await issueOwnerSetupLink(api.context);
    const setupToken = new URL(setupLink ?? '').searchParams.get('token') ?? '';
    const email = 'secret.person@example.org';
    const password = 'my very private passphrase';
    const session = await app.inject({ method: 'GET', url: '/api/session' });
    const csrf = session.json<{ csrfToken: string }>().csrfToken;
    const headers = {
      cookie: `cg_csrf=${csrf}; cg_session=session-cookie-value-abcdef`,
      'x-csrf-token': csrf,
      authorization: 'Bearer bearer-token-value-123456',
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/setup',
      headers,
      payload: { token: setupToken, email, password, displayName: 'Owner' },
    });
    expect(created.statusCode).toBe(200);
    const sessionCookie = created.cookies.find((cookie) => cookie.name === 'cg_session')?.value ?? '';
    expect(sessionCookie.length).toBeGreaterThan(20);
    const signedInCsrf = created.json<{ csrfToken: string }>().csrfToken;
    const signedIn = { cookie: `cg_csrf=${signedInCsrf}; cg_session=${sessionCookie}`, 'x-csrf-token': signedInCsrf };

    await app.inject({ method: 'POST', url: '/api/sessions', headers, payload: { email, password: 'wrong password' } });
    await app.inject({ method: 'POST', url: '/api/password-resets', headers, payload: { email } });
    const inviteToken = 'QmFzZTY0VXJsVG9rZW5PZkZvcnR5VGhyZWVDaGFyczEy';
    await app.inject({ method: 'POST', url: `/api/invites/${inviteToken}/accept`, headers });
    await app.inject({
      method: 'GET',
      url: `/api/team-invitations/${inviteToken}?token=${inviteToken}&email=${email}`,
    });
    await app.inject({ method: 'GET', url: '/api/session', headers: signedIn });
    await app.inject({ method: 'POST', url: '/api/sessions', headers, payload: `{"email": "${email}", broken` });

    const log = capture.text;
    // Logging was really on, and the requests are there, only without their secrets.
    expect(log).toContain('incoming request');
    expect(log).toContain('/api/password-resets');
    expect(log).toContain('/api/invites/[redacted]/accept');
    for (const secret of [
      email,
      password,
      'wrong password',
      setupToken,
      inviteToken,
      csrf,
      signedInCsrf,
      sessionCookie,
      'session-cookie-value-abcdef',
      'bearer-token-value-123456',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('redacts token-like path segments and sensitive query parameters, and keeps the rest', () => {
    expect(redactUrl('/api/reviews/bus-review-2026/participation')).toBe('/api/reviews/bus-review-2026/participation');
    expect(redactUrl('/api/event-registrations/Zm9vYmFyQmF6cXV4MTIzNDU2Nzg5MA/cancel')).toBe(
      '/api/event-registrations/[redacted]/cancel',
    );
    expect(redactUrl('/api/manage/reviews/x/audit?page=2&token=abc&Email=a%40b.org')).toBe(
      '/api/manage/reviews/x/audit?page=2&token=%5Bredacted%5D&Email=%5Bredacted%5D',
    );
    expect(redactUrl('/api/people/someone%40example.org')).toBe('/api/people/[redacted]');
  });
});
