import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test-support/api.js';
import { sqliteTestStoreFactory } from '../../test-support/stores.js';
import { buildApp } from '../app.js';

/** Splits a Content-Security-Policy header into directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...sources] = part.split(/\s+/);
        return [name, sources];
      }),
  );
}

// Headers do not depend on the database; SQLite is enough.
describe('security headers', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi(sqliteTestStoreFactory);
  });
  afterEach(async () => {
    await api.close();
  });

  for (const url of ['/', '/r/some-review', '/api/session', '/api/no-such-route']) {
    it(`sends a strict CSP and the helmet headers on ${url}`, async () => {
      const response = await api.app.inject({ method: 'GET', url });
      const csp = parseCsp(String(response.headers['content-security-policy']));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      for (const [directive, sources] of csp) {
        // Inline styles are allowed (React style props); inline or evaluated scripts never are.
        if (directive.startsWith('script') || directive === 'default-src') {
          expect(sources).not.toContain("'unsafe-inline'");
          expect(sources).not.toContain("'unsafe-eval'");
        }
      }
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Plain http (a laptop, this test): no HSTS, which would pin browsers to an https that is not there.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });
  }

  it('sends HSTS and upgrade-insecure-requests when served over https', async () => {
    const secureApp = await buildApp({
      ...api.context,
      config: { ...api.context.config, publicUrl: 'https://review.example.org', secureCookies: true },
    });
    try {
      const response = await secureApp.inject({ method: 'GET', url: '/api/session' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(parseCsp(String(response.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
      const cookies = response.cookies.map((cookie) => ({ name: cookie.name, secure: cookie.secure }));
      expect(cookies).toContainEqual({ name: 'cg_csrf', secure: true });
    } finally {
      await secureApp.close();
    }
  });

  it('sends session cookies HttpOnly and SameSite=Lax', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/session' });
    const csrf = response.cookies.find((cookie) => cookie.name === 'cg_csrf');
    expect(csrf?.httpOnly).toBe(true);
    expect(csrf?.sameSite).toBe('Lax');
  });
});
