import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';

function frameAncestors(header: unknown): string[] | undefined {
  const directive = String(header)
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === 'frame-ancestors');
  return directive?.slice(1);
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`embedding on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    for (const url of ['/embed/some-review/vote', '/embed/some-review/results']) {
      it(`lets any site frame ${url}, keeping the rest of the policy`, async () => {
        const response = await api.app.inject({ method: 'GET', url });
        expect(frameAncestors(response.headers['content-security-policy'])).toEqual(['*']);
        expect(response.headers['x-frame-options']).toBeUndefined();
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("connect-src 'self'");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      });
    }

    for (const url of [
      '/',
      '/r/some-review',
      '/r/some-review/results',
      '/organise/some-review',
      '/embed/some-review/other',
      '/embed/some-review',
      '/api/session',
      '/embed.js',
    ]) {
      it(`still refuses to be framed at ${url}`, async () => {
        const response = await api.app.inject({ method: 'GET', url });
        expect(frameAncestors(response.headers['content-security-policy'])).toEqual(["'none'"]);
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      });
    }

    it('serves the loader as a script other sites may load', async () => {
      const response = await api.app.inject({ method: 'GET', url: '/embed.js' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.body).toBe(readFileSync(new URL('../../../web/embed/embed-loader.js', import.meta.url), 'utf8'));
      // Every other response keeps the same-origin resource policy.
      const page = await api.app.inject({ method: 'GET', url: '/r/some-review' });
      expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    });

    it('names a bad review address in an embed path', async () => {
      const response = await api.app.inject({ method: 'GET', url: `/embed/${'x'.repeat(81)}/vote` });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe('slug');
    });
  });
}
