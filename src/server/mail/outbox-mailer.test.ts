import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.js';
import { createMailer } from './create-mailer.js';
import { isOutboxId, listOutbox, OutboxMailer, readOutboxEntry, readOutboxMessage } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

describe('the development outbox', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'common-ground-outbox-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each message as a real .eml with a JSON summary, and lists them newest first', async () => {
    let now = new Date('2026-11-25T10:00:00.000Z');
    const mailer = new OutboxMailer(join(dir, 'mail'), 'Common Ground <review@example.org>', () => now);
    await mailer.send({
      to: 'ann@example.org',
      subject: 'First',
      text: 'Open https://review.test/invite/abc to join.',
    });
    now = new Date('2026-11-25T10:05:00.000Z');
    await mailer.send({ to: 'bob@example.org', subject: 'Gwahoddiad: ŵyn', text: 'Helo Bob' });
    // Two within one millisecond still keep their order.
    await mailer.send({ to: 'carys@example.org', subject: 'Third', text: 'Helo Carys' });

    const files = readdirSync(join(dir, 'mail')).sort();
    expect(files.filter((name) => name.endsWith('.eml'))).toHaveLength(3);
    expect(files.filter((name) => name.endsWith('.json'))).toHaveLength(3);
    expect(files.some((name) => name.endsWith('.partial'))).toBe(false);

    const entries = await listOutbox(join(dir, 'mail'));
    expect(entries.map((entry) => entry.subject)).toEqual(['Third', 'Gwahoddiad: ŵyn', 'First']);
    const first = entries[2];
    expect(first).toMatchObject({
      to: 'ann@example.org',
      from: 'Common Ground <review@example.org>',
      date: '2026-11-25T10:00:00.000Z',
      text: 'Open https://review.test/invite/abc to join.',
      hasHtml: false,
      hasCalendar: false,
    });
    expect(await readOutboxEntry(join(dir, 'mail'), first?.id ?? '')).toEqual(first);

    const eml = (await readOutboxMessage(join(dir, 'mail'), first?.id ?? ''))?.toString('utf8') ?? '';
    expect(eml).toMatch(/^From: Common Ground <review@example\.org>$/m);
    expect(eml).toMatch(/^To: ann@example\.org$/m);
    expect(eml).toMatch(/^Subject: First$/m);
    expect(eml).toContain('https://review.test/invite/abc');
    // Non-ASCII subjects are encoded as mail requires, not written raw.
    const welsh = readFileSync(join(dir, 'mail', `${entries[1]?.id}.eml`), 'utf8');
    expect(welsh).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it('treats a missing folder as an empty outbox and reads only its own ids', async () => {
    expect(await listOutbox(join(dir, 'absent'))).toEqual([]);
    expect(isOutboxId('../../etc/passwd')).toBe(false);
    expect(await readOutboxEntry(dir, '../secrets')).toBeUndefined();
    expect(await readOutboxMessage(dir, '20261125T100000000Z-000001-0123abcd')).toBeUndefined();
  });
});

describe('mail configuration', () => {
  it('uses the outbox without SMTP_URL and SMTP with it', () => {
    const local = loadConfig({ MAIL_DIR: '/tmp/somewhere' });
    expect(local).toMatchObject({ smtpUrl: null, mailDir: '/tmp/somewhere' });
    expect(createMailer(local)).toBeInstanceOf(OutboxMailer);
    const smtp = loadConfig({
      SMTP_URL: 'smtps://user:secret@mail.example.org:465',
      MAIL_FROM: 'Review <r@example.org>',
    });
    expect(smtp).toMatchObject({
      smtpUrl: 'smtps://user:secret@mail.example.org:465',
      mailFrom: 'Review <r@example.org>',
    });
    const mailer = createMailer(smtp);
    expect(mailer).toBeInstanceOf(SmtpMailer);
    (mailer as SmtpMailer).close();
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(/MAIL_FROM: required/);
    expect(() => loadConfig({ MAIL_FROM: 'not an address' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
  });
});
