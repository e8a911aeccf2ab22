import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test-support/api.js';
import { sqliteTestStoreFactory } from '../../../test-support/stores.js';
import { buildApp } from '../../app.js';
import type { App } from '../../context.js';
import { loadConfig } from '../../env.js';
import { listOutbox, OutboxMailer } from '../../mail/outbox-mailer.js';
import { linkify } from './render.js';

describe('/dev/mail', () => {
  let dir: string;
  let api: TestApi;
  let app: App;

  /** The test API's context, but mail goes to a temporary outbox and the app is built for `environment`. */
  async function start(environment: Record<string, string> = {}) {
    const config = { ...loadConfig({ MAIL_DIR: dir, ...environment }), publicUrl: 'http://review.test' };
    const mailer = new OutboxMailer(dir, config.mailFrom);
    app = await buildApp({ ...api.context, config, mailer });
    return mailer;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'common-ground-dev-mail-'));
    api = await createTestApi(sqliteTestStoreFactory);
  });
  afterEach(async () => {
    await app?.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists messages newest first and shows each with its links clickable and everything escaped', async () => {
    const mailer = await start();
    const empty = await app.inject({ method: 'GET', url: '/dev/mail' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No messages yet.');

    await mailer.send({ to: 'ann@example.org', subject: 'Older', text: 'Nothing to see.' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailer.send({
      to: '"<b>Bob</b>" <bob@example.org>',
      subject: '<script>alert(1)</script> & you',
      text: 'Join: http://review.test/invite/abc_123.\nNot a link: javascript:alert(1) "><img src=x onerror=alert(1)>',
    });

    const listPage = await app.inject({ method: 'GET', url: '/dev/mail' });
    expect(listPage.headers['content-type']).toContain('text/html');
    expect(listPage.headers['cache-control']).toBe('no-store');
    expect(listPage.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; you');
    expect(listPage.body).not.toContain('<script>');
    expect(listPage.body).not.toContain('<b>Bob</b>');
    expect(listPage.body.indexOf('&lt;script&gt;')).toBeLessThan(listPage.body.indexOf('Older'));

    const [newest] = await listOutbox(dir);
    const messagePage = await app.inject({ method: 'GET', url: `/dev/mail/${newest?.id}` });
    expect(messagePage.statusCode).toBe(200);
    expect(messagePage.body).toContain(
      '<a href="http://review.test/invite/abc_123">http://review.test/invite/abc_123</a>.',
    );
    expect(messagePage.body).toContain('javascript:alert(1) &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(messagePage.body).not.toContain('<img');
    expect(messagePage.body).not.toContain('href="javascript');

    const raw = await app.inject({ method: 'GET', url: `/dev/mail/${newest?.id}/raw` });
    expect(raw.headers['content-type']).toContain('message/rfc822');
    expect(raw.body).toContain('http://review.test/invite/abc_123');
  });

  it('answers 404 for an unknown or crafted id', async () => {
    await start();
    for (const id of ['20261125T100000000Z-000001-0123abcd', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(65)]) {
      const response = await app.inject({ method: 'GET', url: `/dev/mail/${id}` });
      expect(response.statusCode, id).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, id).toBeLessThan(500);
    }
  });

  it('shows the outbox only to a browser on the same machine', async () => {
    await start();
    const remote = await app.inject({ method: 'GET', url: '/dev/mail', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(403);
    expect(remote.body).toContain('local only');
  });

  it('does not exist when SMTP is configured', async () => {
    await start({ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'review@example.org' });
    const response = await app.inject({ method: 'GET', url: '/dev/mail' });
    expect(response.body).not.toContain('Outbox');
  });

  it('links only whole http(s) addresses, leaving sentence punctuation outside', () => {
    expect(linkify('See (https://a.test/x?y=1&z=2), then stop.')).toBe(
      'See (<a href="https://a.test/x?y=1&amp;z=2">https://a.test/x?y=1&amp;z=2</a>), then stop.',
    );
    expect(linkify('ftp://a.test <i>')).toBe('ftp://a.test &lt;i&gt;');
  });
});
