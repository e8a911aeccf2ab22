import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { statementTextKey } from '../src/core/statements.js';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Megan Moderator', email: 'megan@example.org', password: 'correct horse battery staple' };
const slug = 'listening-in-the-towns';
const seeds = ['Our campaign started too late in the valleys.', 'Local councillors should lead the next campaign.'];
const nearDuplicate = 'Our campaign started too late in the valley towns.';
const typo = 'Nobody knocked on dors in the towns.';
const fixed = 'Nobody knocked on doors in the towns.';
const rude = 'Councillor Jones is useless and should resign.';

/** The owner (through the set-up link in the browser) and an open, strictly moderated review. */
async function ownerWithReview(page: Page): Promise<void> {
  await page.goto(suite.server.setupUrl ?? '');
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email address').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();

  const { store } = suite.server;
  const account = await store.findAccountByEmail(owner.email);
  if (!account) throw new Error('the owner account was not created');
  const now = new Date().toISOString();
  const review = await store.createReview({
    slug,
    title: 'Listening in the towns',
    introduction: 'Tell us what went wrong.',
    status: 'open',
    visibility: 'public',
    moderationMode: 'strict',
    participantsCanAddStatements: true,
    createdByAccountId: account.id,
    createdAt: now,
    updatedAt: now,
  });
  await store.setReviewRole({ reviewId: review.id, accountId: account.id, role: 'owner', createdAt: now });
  for (const text of seeds) {
    await store.createStatement({
      reviewId: review.id,
      text,
      textKey: statementTextKey(text),
      origin: 'seed',
      moderation: 'accepted',
      isMeta: false,
      authorParticipantId: null,
      authorAccountId: account.id,
      createdAt: now,
    });
  }
}

/** The card of the statement whose text contains `text`. */
function card(page: Page, text: string) {
  return page
    .locator('article.moderation-item')
    .filter({ has: page.locator('.statement-item-text', { hasText: text }) });
}

describe('moderation queue', () => {
  it('shows a pending statement with its likely duplicate; rejects one with a reason, fixes a typo, accepts', async () => {
    const organiserContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await organiserContext.newPage();
    const errors = watchPageErrors(page);
    await ownerWithReview(page);

    // A participant (another browser, on a phone) joins and adds three statements.
    const participantContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const participant = await participantContext.newPage();
    const participantErrors = watchPageErrors(participant);
    await participant.goto(`/r/${slug}`);
    await participant.getByRole('button', { name: 'Take part' }).click();
    for (const text of [nearDuplicate, typo, rude]) {
      await participant.getByLabel('Your statement').fill(text);
      await participant.getByRole('button', { name: 'Add statement' }).click();
      await participant.getByRole('status').filter({ hasText: 'once an organiser has reviewed it' }).waitFor();
    }
    // A fourth within ten minutes is throttled, with a message saying when to try again.
    await participant.getByLabel('Your statement').fill('We should have stood a candidate in every ward.');
    await participant.getByRole('button', { name: 'Add statement' }).click();
    await participant.getByText(/You are adding statements very quickly\. You can add another at \d\d:\d\d/).waitFor();
    await screenshot(participant, 'moderation-1-participant-throttled');
    expect(participantErrors).toEqual([]);

    // The organiser goes from the review console to the queue: pending first, oldest first.
    await page.goto(`/organise/${slug}`);
    await page.getByRole('link', { name: 'Open the moderation queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
    await page.getByRole('button', { name: 'Waiting (3)', pressed: true }).waitFor();
    const texts = await page.locator('article.moderation-item .statement-item-text').allTextContents();
    expect(texts).toEqual([nearDuplicate, typo, rude]);

    // The near-duplicate shows the seed statement it resembles.
    const duplicates = card(page, nearDuplicate).getByRole('list', { name: 'Likely duplicates' });
    await duplicates.getByText(seeds[0]!).waitFor();
    expect(await card(page, rude).getByRole('list', { name: 'Likely duplicates' }).count()).toBe(0);
    await screenshot(page, 'moderation-2-queue');
    await expectNoAxeViolations(page, 'moderation queue');

    // Reject the rude one: a dialog asks for the reason; Escape first cancels it.
    const rejectButton = card(page, rude).getByRole('button', { name: 'Reject…' });
    await rejectButton.click();
    const dialog = page.getByRole('dialog', { name: 'Reject this statement' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await rejectButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await rejectButton.click();
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await dialog.getByText('Give a reason: it is kept for the record.').waitFor();
    await dialog.getByLabel('Reason').fill('Names a person and attacks them.');
    await screenshot(page, 'moderation-3-reject-dialog');
    await expectNoAxeViolations(page, 'reject dialog');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Rejected: “${rude}”` })
      .waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Waiting (2)', pressed: true }).waitFor();
    expect(await card(page, rude).count()).toBe(0);

    // Fix the typo inline; the original text is kept for the record.
    await card(page, typo).getByRole('button', { name: 'Edit text' }).click();
    const editor = page.getByLabel('Statement text');
    expect(await editor.evaluate((field) => field === document.activeElement)).toBe(true);
    await editor.fill(fixed);
    await page.getByRole('button', { name: 'Save text' }).click();
    await page.getByRole('status').filter({ hasText: 'Text saved.' }).waitFor({ state: 'attached' });
    await card(page, fixed).getByText(`Originally: “${typo}”`).waitFor();

    // Accept the near-duplicate (a moderator may judge it says something new).
    await card(page, nearDuplicate).getByRole('button', { name: 'Accept' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Accepted: “${nearDuplicate}”` })
      .waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Waiting (1)', pressed: true }).waitFor();

    // The rejected one keeps its reason on the record.
    await page.getByRole('button', { name: 'Rejected (1)' }).click();
    const rejected = card(page, rude);
    await rejected.getByText('Reason: Names a person and attacks them.').waitFor();
    await rejected.getByText(/Rejected by Megan Moderator on/).waitFor();
    await page.getByRole('button', { name: 'Accepted (3)' }).click();
    await card(page, nearDuplicate)
      .getByText(/Accepted by Megan Moderator on/)
      .waitFor();
    await screenshot(page, 'moderation-4-accepted');
    await expectNoAxeViolations(page, 'accepted filter');

    // Bulk: select the remaining pending statement and accept it with the bulk action.
    await page.getByRole('button', { name: 'Waiting (1)' }).click();
    await page.getByRole('checkbox', { name: `Select ${fixed}` }).check();
    await page.getByText('Selected: 1').waitFor();
    await page.getByRole('button', { name: 'Accept selected' }).click();
    await page.getByRole('status').filter({ hasText: 'Statements accepted: 1.' }).waitFor({ state: 'attached' });
    await page.getByText('No statements match these filters.').waitFor();

    // The queue in Welsh: the same page, every string translated.
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ciw cymedroli' }).waitFor();
    await page.getByRole('button', { name: 'Yn aros (0)', pressed: true }).waitFor();
    await page.getByRole('button', { name: "Wedi'u gwrthod (1)" }).click();
    await card(page, rude).getByText('Rheswm: Names a person and attacks them.').waitFor();
    await screenshot(page, 'moderation-5-welsh');
    await expectNoAxeViolations(page, 'moderation queue in Welsh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();

    // The participant now sees the accepted statements (theirs count as voted: they agreed by writing them).
    await participant.reload();
    await participant.locator('#vote-progress-label', { hasText: '2 of 4 voted, 2 remaining' }).waitFor();

    expect(errors).toEqual([]);
    await participantContext.close();
    await organiserContext.close();
  });
});
