import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server/start.js';
import { launchBrowser, viewports } from './support.js';

/**
 * Script payloads in every text organisers, members and participants write (review title and
 * introduction, statements, identity questions and answers, member names), then every page that
 * shows them, in the real browser: no payload may run. Each payload sets window.__xss or opens a
 * dialog if it runs; an injected element the CSP blocks would still show as a CSP report in the
 * console, which also fails the test, so the CSP is not what makes this pass.
 */

const payloads = {
  script: `<script>window.__xss='script'</script>`,
  img: `<img src=x onerror="window.__xss='img'">`,
  svg: `<svg onload="window.__xss='svg'"></svg>`,
  alert: `<img src=y onerror=alert(1)>`,
  jsLink: `[a link](javascript:window.__xss='md-link')`,
};

const title = `Transport review ${payloads.img}`;
const slug = 'xss-review';
const introduction = [
  `# Welcome ${payloads.script}`,
  '',
  `Some **bold** text ${payloads.img} and ${payloads.jsLink}.`,
  '',
  `<a href="javascript:window.__xss='raw-link'">raw link</a>`,
  '',
  `<details open ontoggle="window.__xss='details'">more</details>`,
  '',
  `![picture](x" onerror="window.__xss='md-image')`,
  '',
  `<iframe src="javascript:window.__xss='iframe'"></iframe> ${payloads.svg} ${payloads.alert}`,
].join('\n');
const statementText = `Buses ${payloads.script} ${payloads.img} ${payloads.jsLink}`;
const participantStatement = `Trains ${payloads.svg} ${payloads.alert}`;
const questionPrompt = `Where ${payloads.img} do you live?`;
const optionText = `North ${payloads.script}`;
const memberName = `Ann ${payloads.img.replaceAll('"', "'")}`;
const promptText = `What went wrong? ${payloads.img}`;
const answerText = `Everything ${payloads.script} ${payloads.svg}`;
const eventBody = {
  type: 'roundtable',
  title: `Bus talk ${payloads.img}`,
  description: `Come along ${payloads.script} ${payloads.jsLink}`,
  format: 'hybrid',
  venue: `Library ${payloads.svg}`,
  address: `1 High St ${payloads.alert}`,
  region: 'Cardiff',
  accessibilityNotes: `Step-free ${payloads.img}`,
  meetingLink: 'https://meet.example.org/bus-talk',
  startsAt: '2027-03-03T18:30',
  endsAt: '2027-03-03T20:00',
  timeZone: 'Europe/London',
  capacity: 20,
};
let eventId = 0;

type Watched = { dialogs: string[]; cspReports: string[] };

function watch(page: Page): Watched {
  const watched: Watched = { dialogs: [], cspReports: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) watched.cspReports.push(message.text());
  });
  return watched;
}

/** Asserts that nothing ran on the page and that no javascript: link made it into the DOM. */
async function expectNothingRan(page: Page, watched: Watched, label: string): Promise<void> {
  // Give onerror/onload handlers of broken images time to fire, had they been attached.
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    javascriptLinks: [...document.querySelectorAll('[href], [src]')]
      .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
      .filter((value) => value.trim().toLowerCase().startsWith('javascript:')),
    eventAttributes: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => attribute.name),
    ),
    scripts: [...document.querySelectorAll('script')].filter((script) => !script.src).length,
  }));
  expect(state, label).toEqual({ xss: undefined, javascriptLinks: [], eventAttributes: [], scripts: 0 });
  expect(watched.dialogs, label).toEqual([]);
  expect(watched.cspReports, label).toEqual([]);
}

async function api(request: APIRequestContext, method: 'post' | 'put' | 'patch', path: string, data?: unknown) {
  const session = (await (await request.get('/api/session')).json()) as { csrfToken: string };
  const response = await request[method](path, { data, headers: { 'x-csrf-token': session.csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json().catch(() => undefined);
}

let server: RunningServer;
let dataDir: string;
let browser: Browser;
let organiser: BrowserContext;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'common-ground-e2e-xss-'));
  server = await startServer({
    databaseUrl: join(dataDir, 'e2e.sqlite'),
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    config: { smtpUrl: null, mailDir: join(dataDir, 'mail'), analysisDebounceSeconds: 0 },
  });
  browser = await launchBrowser();
  organiser = await browser.newContext({ ...viewports.desktop, baseURL: server.url });
  const token = new URL(server.setupUrl ?? '').searchParams.get('token');
  await api(organiser.request, 'post', '/api/setup', {
    token,
    email: 'owner@example.org',
    password: 'correct horse battery staple',
    displayName: `Owner ${payloads.script}`,
  });
  await api(organiser.request, 'post', '/api/manage/reviews', {
    title,
    slug,
    introduction,
    status: 'open',
    participantsCanAddStatements: true,
    resultsVisibility: 'public',
  });
  await api(organiser.request, 'post', `/api/manage/reviews/${slug}/statements`, {
    statements: [statementText, 'Cycle lanes need to be separated from traffic.', 'Fares should be capped.'],
  });
  await api(organiser.request, 'post', `/api/manage/reviews/${slug}/identity-questions`, {
    prompt: questionPrompt,
    kind: 'region',
    options: [optionText, `South ${payloads.svg}`],
  });
  await api(organiser.request, 'post', `/api/manage/reviews/${slug}/invitations/import`, {
    csv: `email,name\nann@example.org,"${memberName}"\n`,
  });
  await api(organiser.request, 'post', `/api/manage/reviews/${slug}/prompts`, { text: promptText });
  const event = (await api(organiser.request, 'post', '/api/manage/events', eventBody)) as { id: number };
  eventId = event.id;
  await api(organiser.request, 'post', `/api/manage/events/${eventId}/approve`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('script payloads in user-written text', () => {
  it('refuses a javascript: meeting link for an event', async () => {
    const session = (await (await organiser.request.get('/api/session')).json()) as { csrfToken: string };
    const response = await organiser.request.post('/api/manage/events', {
      data: { ...eventBody, meetingLink: "javascript:window.__xss='meeting'" },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(response.status()).toBe(400);
  });

  it('sends a strict CSP with the app shell', async () => {
    const response = await organiser.request.get(`/r/${slug}`);
    const csp = response.headers()['content-security-policy'] ?? '';
    const scriptSources = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSources.trim()).toBe("'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('runs nothing on the participant pages', async () => {
    const context = await browser.newContext({ ...viewports.phone, baseURL: server.url });
    const page = await context.newPage();
    const watched = watch(page);

    await page.goto(`/r/${slug}`);
    await page.getByRole('button', { name: 'Take part' }).waitFor();
    // The payloads are there as text or were dropped, never as markup.
    await page.getByText('Some bold text').waitFor();
    await expectNothingRan(page, watched, 'review introduction');

    await page.getByRole('button', { name: 'Take part' }).click();
    await page.getByText(questionPrompt).waitFor();
    await page.getByText(optionText).waitFor();
    await expectNothingRan(page, watched, 'identity question');
    await page.getByText(optionText).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Do you agree?' }).waitFor();
    // Vote through the statements so the payload statement is among those shown.
    for (let round = 0; round < 3; round += 1) {
      await expectNothingRan(page, watched, `voting, statement ${round + 1}`);
      const agree = page.getByRole('button', { name: 'Agree', exact: true });
      if (!(await agree.isVisible())) break;
      await agree.click();
      await page.waitForTimeout(300);
    }
    await api(context.request, 'post', `/api/reviews/${slug}/statements`, { text: participantStatement });
    const { prompts } = (await (await context.request.get(`/api/reviews/${slug}/prompts`)).json()) as {
      prompts: Array<{ id: number }>;
    };
    for (const prompt of prompts) {
      await api(context.request, 'put', `/api/reviews/${slug}/prompts/${prompt.id}/answer`, { text: answerText });
    }
    expect(prompts.length).toBeGreaterThan(0);
    await page.goto(`/r/${slug}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectNothingRan(page, watched, 'review with prompt answered');

    await page.goto(`/events/${eventId}`);
    await page.getByRole('heading', { level: 1, name: eventBody.title }).waitFor();
    await expectNothingRan(page, watched, 'event page');
    await page.goto('/events');
    await page.getByText(eventBody.title).first().waitFor();
    await expectNothingRan(page, watched, 'event list');
    await page.goto(`/r/${slug}/results`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNothingRan(page, watched, 'results');
    await context.close();
  });

  it('runs nothing on the organiser pages', async () => {
    // A few more participants, so the results have votes on the payload statement.
    for (let person = 0; person < 3; person += 1) {
      const context = await browser.newContext({ baseURL: server.url });
      const joined = (await api(context.request, 'post', `/api/reviews/${slug}/join`)) as {
        next: { id: number } | null;
      };
      if (joined.next) await api(context.request, 'put', `/api/reviews/${slug}/votes/${joined.next.id}`, { value: 1 });
      await context.close();
    }

    const page = await organiser.newPage();
    const watched = watch(page);
    const pages: Array<[string, string]> = [
      [`/organise`, 'review list'],
      [`/organise/${slug}`, 'manage review'],
      [`/organise/${slug}/moderation`, 'moderation queue'],
      [`/organise/${slug}/invitations`, 'invitations'],
      [`/organise/${slug}/team`, 'team'],
      [`/organise/${slug}/audit`, 'audit log'],
      [`/organise/${slug}/prompts`, 'prompts and answers'],
      [`/organise/${slug}/voices`, 'voices'],
      [`/organise/events/${eventId}`, 'managed event'],
      [`/r/${slug}/results`, 'results as organiser'],
      [`/r/${slug}`, 'review as organiser'],
    ];
    for (const [path, label] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectNothingRan(page, watched, label);
    }
    // The texts were really on those pages (shown as text), so nothing passed only by being absent.
    await page.goto(`/organise/${slug}/moderation`);
    await page.getByText('Trains <svg', { exact: false }).first().waitFor();
    await page.goto(`/organise/${slug}/invitations`);
    await page.getByText('Ann <img', { exact: false }).first().waitFor();
  });
});
