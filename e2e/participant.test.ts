import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  screenshot,
  setUpBrowserSuite,
  type ViewportName,
  viewports,
  watchPageErrors,
} from './support.js';

const suite = setUpBrowserSuite({ demo: true });

/** "3 of 28 voted, 25 remaining" → numbers. */
async function readProgress(page: Page): Promise<{ voted: number; total: number; remaining: number }> {
  const text = (await page.locator('#vote-progress-label').textContent()) ?? '';
  const match = text.match(/(\d+) of (\d+) voted, (\d+) remaining/);
  if (!match) throw new Error(`Unexpected progress text: "${text}"`);
  return { voted: Number(match[1]), total: Number(match[2]), remaining: Number(match[3]) };
}

/** Clicks a vote button and waits until the page shows the server's answer. */
async function vote(page: Page, choice: 'Agree' | 'Disagree' | 'Pass'): Promise<void> {
  const before = await page.locator('#vote-progress-label').textContent();
  await page.locator('.vote-buttons').getByRole('button', { name: choice, exact: true }).click();
  await page.waitForFunction(
    (previous) => document.querySelector('#vote-progress-label')?.textContent !== previous,
    before,
  );
}

async function fieldErrorText(page: Page): Promise<string> {
  const error = page.locator('.add-statement .field-error');
  await error.filter({ hasText: /\S/ }).waitFor();
  return (await error.textContent()) ?? '';
}

describe.each(Object.keys(viewports) as ViewportName[])('participant flow on %s', (name) => {
  it('reads, joins, answers, votes, changes a vote, adds a statement and finishes', async () => {
    const context = await suite.browser.newContext({ ...viewports[name], baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const shot = (step: string) => screenshot(page, `${name}-${step}`);

    // 1. The introduction.
    await page.goto(`/r/${suite.slug}`);
    await page.getByRole('heading', { level: 1, name: /After the defeat/ }).waitFor();
    await page.getByText('We lost.', { exact: false }).first().waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    await shot('1-intro');
    await expectNoAxeViolations(page, `${name} review intro`);

    // 2. Join, then the optional questions: answer the first, skip the others.
    await page.getByRole('button', { name: 'Take part' }).click();
    await page.getByRole('heading', { name: 'A little about you' }).waitFor();
    await page.getByText('Question 1 of 4').waitFor();
    await page.getByRole('radio', { name: 'Trade unionist' }).check();
    await shot('2-identity');
    await expectNoAxeViolations(page, `${name} identity step`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Question 2 of 4').waitFor();
    for (let question = 2; question <= 4; question++) {
      await page.getByRole('button', { name: 'Skip this question' }).click();
    }
    const afterQuestions = await (await context.request.get(`/api/reviews/${suite.slug}/participation`)).json();
    expect(Object.keys(afterQuestions.participant.answers)).toHaveLength(1);

    // 3. Voting, one statement at a time; the remaining count drops with each vote.
    await page.locator('#current-statement').waitFor();
    const start = await readProgress(page);
    expect(start.voted).toBe(0);
    expect(start.remaining).toBe(start.total);
    await shot('3-voting');
    await expectNoAxeViolations(page, `${name} voting`);
    const firstStatement = (await page.locator('#current-statement').textContent())?.trim() ?? '';
    await vote(page, 'Agree');
    expect(await readProgress(page)).toEqual({ voted: 1, total: start.total, remaining: start.total - 1 });
    // Focus follows the participant to the next statement.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('current-statement');
    expect((await page.locator('#current-statement').textContent())?.trim()).not.toBe(firstStatement);
    await vote(page, 'Disagree');
    await vote(page, 'Pass');
    expect((await readProgress(page)).remaining).toBe(start.total - 3);

    // The keyboard alone works too: from the focused statement, Tab reaches Agree.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Agree');
    const beforeKeyboard = await page.locator('#vote-progress-label').textContent();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (previous) => document.querySelector('#vote-progress-label')?.textContent !== previous,
      beforeKeyboard,
    );
    expect((await readProgress(page)).remaining).toBe(start.total - 4);

    // 4. Change the first vote from "Your votes".
    await page.getByText(/Show and change your votes \(4\)/).click();
    const firstVote = page.locator('.my-vote').filter({ hasText: firstStatement });
    await firstVote.getByRole('button', { name: 'Disagree', exact: true }).click();
    await expect
      .poll(() => firstVote.getByRole('button', { name: 'Disagree', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(await firstVote.getByRole('button', { name: 'Agree', exact: true }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    const myVotes = await (await context.request.get(`/api/reviews/${suite.slug}/my-votes`)).json();
    expect(myVotes.find((entry: { text: string }) => entry.text === firstStatement)?.value).toBe(-1);
    expect((await readProgress(page)).voted).toBe(4);
    await shot('4-my-votes');
    await expectNoAxeViolations(page, `${name} your votes`);

    // 5. Add a statement: empty, too long, duplicate, then one that works.
    const textarea = page.getByLabel('Your statement');
    const submit = page.getByRole('button', { name: 'Add statement' });
    await submit.click();
    expect(await fieldErrorText(page)).toContain('Write your statement');
    expect(await textarea.getAttribute('aria-invalid')).toBe('true');

    await textarea.fill('x'.repeat(300));
    expect((await textarea.inputValue()).length).toBe(280);
    await page.getByText('280 of 280 characters').waitFor();
    // A browser that ignores maxlength (or a paste by script) still gets a clear refusal.
    await textarea.evaluate((element) => element.removeAttribute('maxlength'));
    await textarea.fill('y'.repeat(300));
    await submit.click();
    expect(await fieldErrorText(page)).toContain('at most 280 characters');

    await textarea.fill(firstStatement);
    await submit.click();
    await page
      .locator('.add-statement .field-error')
      .filter({ hasText: /already|duplicate|exists/i })
      .waitFor();
    await shot('5-add-statement-error');

    const own = `From the ${name}: we should hold open meetings in every town we lost.`;
    await textarea.fill(own);
    await page.getByText(`${own.length} of 280 characters`).waitFor();
    await submit.click();
    // The demo review is permissive: the statement is shown to others at once.
    await page.getByRole('status').filter({ hasText: 'has been added for others to vote on' }).waitFor();
    expect(await textarea.inputValue()).toBe('');
    await shot('5-add-statement');

    // 6. Vote on everything left (including our own statement) and reach the done state.
    let guard = 200;
    while ((await page.locator('#current-statement').count()) > 0 && guard-- > 0) {
      await vote(page, guard % 3 === 0 ? 'Pass' : guard % 2 === 0 ? 'Agree' : 'Disagree');
    }
    await page.getByRole('heading', { name: "You've voted on every statement" }).waitFor();
    const end = await readProgress(page);
    expect(end.remaining).toBe(0);
    expect(end.voted).toBe(end.total);
    expect(end.total).toBe(start.total + 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('done-heading');
    await shot('6-done');
    await expectNoAxeViolations(page, `${name} done`);

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('review states', () => {
  it('explains an unknown review', async () => {
    const context = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const page = await context.newPage();
    await page.goto('/r/no-such-review');
    await page.getByRole('heading', { level: 1, name: 'Review not found' }).waitFor();
    await expectNoAxeViolations(page, 'review not found');
    await context.close();
  });
});
