import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server/start.js';
import {
  expectNoAxeViolations,
  launchBrowser,
  screenshot,
  screenshotDir,
  seedDemo,
  viewports,
  watchPageErrors,
} from './support.js';

let server: RunningServer;
let browser: Browser;
let slug: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'common-ground-e2e-results-'));
  // A short debounce, so a burst of votes is analysed (and pushed to the page) within the test.
  server = await startServer({
    databaseUrl: join(dataDir, 'e2e.sqlite'),
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    config: { analysisDebounceSeconds: 0.3 },
  });
  slug = await seedDemo(server.store);
  const review = await server.store.findReviewBySlug(slug);
  if (!review) throw new Error('demo review missing');
  await server.store.updateReview(review.id, { resultsVisibility: 'public', updatedAt: new Date().toISOString() });
  await seedFeedbackAndThemes(review.id);
  // Seeding bypasses the vote routes, so ask for the first analysis through one real vote below.
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Feedback (12 responses, one rating rare) and a theme run, so the report's optional sections show. */
async function seedFeedbackAndThemes(reviewId: number): Promise<void> {
  const at = new Date().toISOString();
  for (const rating of [...Array(11).fill(4), 2]) {
    await server.store.listening.recordFeedback({ reviewId, participantId: null, rating, text: null, createdAt: at });
  }
  const answerIds = (from: number, size: number) => Array.from({ length: size }, (_, index) => `a${from + index}`);
  const theme = (id: string, label: string, words: string[], ids: string[]) => ({
    id,
    label,
    automaticLabel: label,
    customLabel: null,
    terms: words.map((word) => ({ word, weight: 1 })),
    answerIds: ids,
    representativeAnswerIds: [],
    clusterIds: [id],
  });
  const run = {
    version: 1,
    seed: 1,
    answerCount: 30,
    k: 2,
    kScores: [],
    clusters: [],
    themes: [
      theme('theme-1', 'doorstep leaflets', ['doorstep', 'leaflets', 'canvass'], answerIds(1, 18)),
      theme('theme-2', 'leader message', ['leader', 'message'], answerIds(19, 12)),
    ],
    unclassifiedAnswerIds: [],
    nextThemeNumber: 3,
    appliedEdits: [],
    dormantEdits: [],
  };
  await server.store.themes.saveRun({
    reviewId,
    answerCount: 30,
    lastEditId: null,
    seed: 1,
    result: JSON.stringify(run),
    createdAt: at,
  });
}

/** Joins the review in this context and casts `count` votes through the API, as the page would. */
async function voteAsNewParticipant(context: BrowserContext, count: number): Promise<void> {
  const session = await (await context.request.get('/api/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const joined = await context.request.post(`/api/reviews/${slug}/join`, { headers });
  expect(joined.status()).toBe(200);
  let participation = await joined.json();
  for (let vote = 0; vote < count && participation.nextStatement; vote++) {
    const response = await context.request.put(`/api/reviews/${slug}/votes/${participation.nextStatement.id}`, {
      headers,
      data: { value: vote % 3 === 0 ? -1 : 1 },
    });
    expect(response.status()).toBe(200);
    participation = await response.json();
  }
}

async function shownVersion(page: Page): Promise<number> {
  return Number(await page.locator('.results-live').getAttribute('data-version'));
}

describe('results page', () => {
  it('updates live while another browser votes, on a phone', async () => {
    const voter = await browser.newContext({ baseURL: server.url });
    await voteAsNewParticipant(voter, 3);

    const context = await browser.newContext({ ...viewports.phone, baseURL: server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`/r/${slug}/results`);
    await page.getByRole('heading', { level: 1, name: /^Results: / }).waitFor({ timeout: 15_000 });
    const first = await shownVersion(page);
    expect(first).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Opinion map' }).waitFor();
    await page.getByRole('img', { name: /Opinion map/ }).waitFor();
    await page.getByRole('heading', { name: 'Common ground' }).waitFor();
    await page.getByRole('heading', { name: 'Breakdowns' }).waitFor();
    await page.getByRole('heading', { name: 'How these results are made' }).waitFor();
    // Any breakdown cell below 10 reads "fewer than 10", never a number (the footer's column totals
    // are the opinion groups' sizes, published with the map).
    for (const cell of await page.locator('.results-breakdown tbody td').allTextContents()) {
      const value = Number(cell.replace(/[^\d]/g, ''));
      if (/^\d+$/.test(cell.trim())) expect(value === 0 || value >= 10).toBe(true);
    }
    await screenshot(page, 'phone-results');
    await expectNoAxeViolations(page, 'phone results');

    // A marker that a reload would wipe: the update must arrive without one.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const second = await browser.newContext({ baseURL: server.url });
    await voteAsNewParticipant(second, 8);
    await page.waitForFunction(
      (previous) => Number(document.querySelector('.results-live')?.getAttribute('data-version')) > previous,
      first,
      { timeout: 15_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await shownVersion(page)).toBeGreaterThan(first);
    expect(errors).toEqual([]);
    await Promise.all([voter.close(), second.close(), context.close()]);
  });

  it('reads well on a desktop, in Welsh too, and prints to A4', async () => {
    const context = await browser.newContext({ ...viewports.desktop, baseURL: server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`/r/${slug}/results`);
    await page.getByRole('heading', { level: 1, name: /^Results: / }).waitFor({ timeout: 15_000 });
    // The text alternative of the map: a table of groups.
    await page.getByRole('table', { name: 'The groups on the map' }).waitFor();
    await page.getByRole('table', { name: 'Answers by theme' }).getByText('doorstep, leaflets, canvass').waitFor();
    const feedback = page.getByRole('table', { name: 'Feedback responses by rating' });
    await feedback.getByRole('row', { name: /2 out of 5 fewer than 10/ }).waitFor();
    await screenshot(page, 'desktop-results');
    await expectNoAxeViolations(page, 'desktop results');

    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'desktop-results-print');
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(screenshotDir, 'results-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: /Cymraeg/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Canlyniadau: / }).waitFor();
    await page.getByRole('heading', { name: 'Tir cyffredin' }).waitFor();
    await page.getByRole('heading', { name: 'Themâu yn yr atebion agored' }).waitFor();
    await expectNoAxeViolations(page, 'desktop results in Welsh');
    expect(errors).toEqual([]);
    await context.close();
  });
});
