import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/web/i18n/en.json';
import { AnalysisRunner } from '../src/worker/analysis-runner.js';
import { expectNoAxeViolations, setUpBrowserSuite, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite({ demo: true });
let host: Server;
let hostPort: number;
let title: string;

/**
 * Another organisation's web page: it includes our loader (or, with ?frame=PATH, a plain iframe of
 * one of our pages). Served on its own port; reached as localhost it is another site than the app
 * (127.0.0.1), reached as 127.0.0.1 it is the same site on another port.
 */
function hostPage(appUrl: string, url: URL): string {
  const frame = url.searchParams.get('frame');
  const embed = frame
    ? `<iframe src="${appUrl}${frame}" title="Framed page" style="width:100%;height:400px"></iframe>`
    : `<script src="${appUrl}/embed.js" data-review="${suite.slug}" data-view="${url.searchParams.get('view')}" async></script>`;
  return `<!doctype html><html lang="en"><head><title>Our campaign</title></head><body><main><h1>Our campaign</h1>${embed}</main></body></html>`;
}

beforeAll(async () => {
  const review = await suite.server.store.findReviewBySlug(suite.slug);
  if (!review) throw new Error('demo review missing');
  title = review.title;
  await suite.server.store.updateReview(review.id, {
    resultsVisibility: 'public',
    updatedAt: new Date().toISOString(),
  });
  const runner = new AnalysisRunner(suite.server.store, { debounceMs: 0, inline: true });
  await runner.runNow(review.id);
  await runner.close();
  host = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(hostPage(suite.server.url, new URL(request.url ?? '/', 'http://host.invalid')));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostPort = (host.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => host?.close(resolve));
});

async function openHost(path: string, sameSite = false): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.goto(`http://${sameSite ? '127.0.0.1' : 'localhost'}:${hostPort}${path}`);
  return page;
}

describe('embedding on another site', () => {
  it('shows the live results card and sizes the frame to its content', async () => {
    const page = await openHost('/?view=results');
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { level: 1, name: `Results: ${title}` }).waitFor({ timeout: 15_000 });
    await frame.getByRole('heading', { name: en.results.commonGround.title }).waitFor();
    const iframe = page.locator('iframe');
    expect(await iframe.getAttribute('src')).toBe(`${suite.server.url}/embed/${suite.slug}/results`);
    // The loader starts at 480px; the frame's own height message replaces it.
    await expect.poll(() => iframe.evaluate((element) => (element as HTMLElement).style.height)).not.toBe('480px');
    const frameHeight = await iframe.evaluate((element) => element.getBoundingClientRect().height);
    const contentHeight = await frame.locator('html').evaluate((element) => element.scrollHeight);
    expect(Math.abs(frameHeight - contentHeight)).toBeLessThanOrEqual(2);
    // No site chrome inside the frame.
    expect(await frame.locator('.site-header').count()).toBe(0);
    await page.context().close();
  });

  it('ignores height messages from anyone but its own frame', async () => {
    const page = await openHost('/?view=results');
    const iframe = page.locator('iframe');
    await expect.poll(() => iframe.evaluate((element) => (element as HTMLElement).style.height)).not.toBe('480px');
    const settled = await iframe.evaluate((element) => (element as HTMLElement).style.height);
    // The host page itself (another origin than the frame) posts a message of the right shape.
    await page.evaluate(() => window.postMessage({ type: 'common-ground:height', height: 5 }, '*'));
    await page.waitForTimeout(200);
    expect(await iframe.evaluate((element) => (element as HTMLElement).style.height)).toBe(settled);
    await page.context().close();
  });

  it('links out to vote where the frame gets no cookies (another site)', async () => {
    const page = await openHost('/?view=vote');
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
    const link = frame.getByRole('link', { name: en.embed.voteLink });
    expect(await link.getAttribute('href')).toBe(`/r/${suite.slug}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await frame.getByRole('button', { name: en.review.join }).count()).toBe(0);
    await page.context().close();
  });

  it('lets people vote in the frame where cookies work (the same site)', async () => {
    const page = await openHost('/?view=vote', true);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('button', { name: en.review.join }).click({ timeout: 15_000 });
    // Joining needs the session and CSRF cookies; the demo review then asks its identity questions.
    await frame.getByRole('heading', { name: en.identity.title }).waitFor({ timeout: 15_000 });
    const alerts = await frame.locator('[role="alert"]').allTextContents();
    expect(alerts.filter((text) => text.trim() !== '')).toEqual([]);
    await page.context().close();
  });

  it('keeps every other page out of frames', async () => {
    const page = await openHost(`/?frame=/r/${suite.slug}`);
    // The browser refuses the framed page: nothing of ours renders inside.
    await page.waitForTimeout(1_500);
    expect(await page.frameLocator('iframe').locator('#root *').count()).toBe(0);
    await page.context().close();
  });

  for (const view of ['vote', 'results'] as const) {
    it(`has no accessibility violations on the ${view} card`, async () => {
      const context = await suite.browser.newContext({ baseURL: suite.server.url });
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(`/embed/${suite.slug}/${view}`);
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 });
      await page.locator('.embed-footer').waitFor();
      await expectNoAxeViolations(page, `the embedded ${view} card`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
