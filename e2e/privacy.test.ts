import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../src/server/auth/tokens.js';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite({ demo: true });

async function vote(page: Page, choice: 'Agree' | 'Disagree'): Promise<void> {
  const before = await page.locator('#vote-progress-label').textContent();
  await page.locator('.vote-buttons').getByRole('button', { name: choice, exact: true }).click();
  await page.waitForFunction(
    (previous) => document.querySelector('#vote-progress-label')?.textContent !== previous,
    before,
  );
}

describe('a participant’s data rights', () => {
  it('votes, downloads their data, erases it, and is a new participant afterwards', async () => {
    const context = await suite.browser.newContext({
      ...viewports.desktop,
      baseURL: suite.server.url,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const review = await suite.server.store.findReviewBySlug(suite.slug);
    if (!review) throw new Error('the demo review is missing');
    const cookieName = `cg_participant_${review.id}`;
    const participantCookie = async () => (await context.cookies()).find((cookie) => cookie.name === cookieName)?.value;

    // The join step links to the privacy notice.
    await page.goto(`/r/${suite.slug}`);
    await page.getByRole('link', { name: 'Read the privacy notice' }).waitFor();

    // Take part, skip the questions, cast two votes.
    await page.getByRole('button', { name: 'Take part' }).click();
    await page.getByRole('heading', { name: 'A little about you' }).waitFor();
    while (!(await page.locator('#current-statement').isVisible())) {
      await page.getByRole('button', { name: 'Skip this question' }).click();
    }
    await vote(page, 'Agree');
    await vote(page, 'Disagree');
    const firstToken = await participantCookie();
    expect(firstToken).toBeTruthy();

    // The participant page links to "Your data".
    await page.getByRole('link', { name: 'Your data', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Your data in / }).waitFor();
    await expectNoAxeViolations(page, 'your data page');

    // Download: the file holds exactly the two votes, with their statements.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data (JSON)' }).click(),
    ]);
    const data = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
    expect(data.format).toBe('common-ground/my-data@1');
    expect(data.votes.map((entry: { vote: string }) => entry.vote).sort()).toEqual(['agree', 'disagree']);
    expect(data.votes.every((entry: { statement: string }) => entry.statement.length > 0)).toBe(true);

    // Erase, through the confirmation step.
    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.getByRole('heading', { name: 'Erase your data for good?' }).waitFor();
    await screenshot(page, 'privacy-1-confirm-erase');
    await expectNoAxeViolations(page, 'erase confirmation');
    await page.getByRole('button', { name: 'Yes, erase my data' }).click();
    await page.getByRole('status').filter({ hasText: 'Your data has been erased.' }).waitFor();
    await screenshot(page, 'privacy-2-erased');
    await expectNoAxeViolations(page, 'after erasure');
    expect(await participantCookie()).toBeUndefined();
    expect(await suite.server.store.findParticipantByTokenHash(review.id, hashToken(firstToken ?? ''))).toBeUndefined();
    expect((await context.request.get(`/api/reviews/${suite.slug}/my-data`)).status()).toBe(404);

    // Back on the review, the browser is a stranger: joining again makes a new participant with no votes.
    await page.getByRole('link', { name: 'Back to the review' }).click();
    await page.getByRole('button', { name: 'Take part' }).click();
    await page.getByRole('heading', { name: 'A little about you' }).waitFor();
    const secondToken = await participantCookie();
    expect(secondToken).toBeTruthy();
    expect(secondToken).not.toBe(firstToken);
    const again = await (await context.request.get(`/api/reviews/${suite.slug}/participation`)).json();
    expect(again.participant.joined).toBe(true);
    expect(again.progress.voted).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the privacy notice from the review’s settings, in English and in Welsh', async () => {
    const context = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`/r/${suite.slug}/privacy`);
    await page.getByRole('heading', { level: 1, name: /^Privacy notice: / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Why we may use it' }).waitFor();
    await page.getByText(/explicit consent/).waitFor();
    await page.getByText(/no set retention period/).waitFor();
    await screenshot(page, 'privacy-3-notice');
    await expectNoAxeViolations(page, 'privacy notice');

    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hysbysiad preifatrwydd: / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Pam y cawn ei ddefnyddio' }).waitFor();
    await page.getByText(/caniatâd penodol/).waitFor();
    await expectNoAxeViolations(page, 'privacy notice in Welsh');
    expect(errors).toEqual([]);
    await context.close();
  });
});
