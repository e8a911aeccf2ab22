import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  screenshot,
  screenshotDir,
  setUpBrowserSuite,
  viewports,
  watchPageErrors,
} from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Siân Evans', email: 'sian@example.org', password: 'correct horse battery staple' };
const title = 'Where we campaigned';
const slug = 'where-we-campaigned';

const placeCsv = [
  'code,name,region,name_cy,held',
  'W07000112,Ynys Môn,Wales,Ynys Môn,no',
  'E14001063,Aldershot,South East,,no',
  'E14001064,Aldridge-Brownhills,West Midlands,,yes',
  'W07000102,Montgomeryshire and Glyndŵr,Wales,Maldwyn a Glyndŵr,no',
].join('\n');

describe('place lists and the seat picker', () => {
  it('imports places, adds a required place question, and a participant picks a seat by keyboard and votes', async () => {
    const context = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // Owner account and a review with two statements.
    await page.goto(suite.server.setupUrl ?? '');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.getByRole('link', { name: 'Create a review' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page
      .getByLabel('Statements, one per line')
      .fill('We knocked on too few doors outside the cities.\nOur leaflets never mentioned local issues.');
    await page.getByRole('button', { name: 'Add statements' }).click();
    await page.getByRole('status').filter({ hasText: 'Statements added: 2.' }).waitFor();

    // A bad list first: nothing is imported, and each bad line is named.
    await page.getByLabel('Or paste the list').fill('code,name,region\nA1,Alpha,North\n,Beta,South\nA1,Gamma,East\n');
    await page.getByRole('button', { name: 'Import place list' }).click();
    const problems = page.locator('.place-problems');
    await problems.getByRole('heading', { name: 'Nothing was imported: fix these lines and try again' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('place-problems-heading');
    const rows = await problems.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      '3codeThis value is missing: every place needs one.',
      '4codeThis code is already used on line 2: each place needs its own code.',
    ]);
    await page.getByText('This review has no place list yet.').waitFor();
    await page.locator('section[aria-labelledby="places-heading"]').screenshot({
      path: join(screenshotDir, 'places-1-bad-lines.png'),
    });
    await expectNoAxeViolations(page, 'place list with bad lines');

    // The good list, as a file.
    await page.getByLabel('CSV file').setInputFiles({
      name: 'seats.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(placeCsv, 'utf8'),
    });
    await page.getByText('Read “seats.csv”').waitFor();
    await page.getByRole('button', { name: 'Import place list' }).click();
    await page.getByRole('status').filter({ hasText: 'Place list saved: 4 places.' }).waitFor();
    expect(await page.locator('.place-problems').count()).toBe(0);

    // A required place question with an explanation.
    await page.getByLabel('Question', { exact: true }).fill('Which constituency do you live in?');
    await page.getByRole('radio', { name: /The review's place list \(4 places\)/ }).check();
    expect(await page.getByLabel('What it is about').inputValue()).toBe('seat');
    await page.getByRole('checkbox', { name: 'Participants must answer this before they vote' }).check();
    await page
      .getByLabel('Why you ask it, and who sees what')
      .fill('So we can compare seats we held with seats we lost. Organisers see only totals.');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('status').filter({ hasText: 'Question added.' }).waitFor();
    await page.getByText('Answers from the place list (4 places)').waitFor();
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.getByRole('button', { name: 'Close the review' }).waitFor();
    await screenshot(page, 'places-2-console');
    // The console page is long; these two sections are what this test is about.
    await page.locator('section[aria-labelledby="places-heading"]').screenshot({
      path: join(screenshotDir, 'places-2a-place-list.png'),
    });
    await page.locator('section[aria-labelledby="identity-editor-heading"]').screenshot({
      path: join(screenshotDir, 'places-2b-questions.png'),
    });
    await expectNoAxeViolations(page, 'review console with a place list');

    // A participant, on a phone, by keyboard only.
    const visitor = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const participant = await visitor.newPage();
    const participantErrors = watchPageErrors(participant);
    await participant.goto(`/r/${slug}`);
    await participant.getByRole('button', { name: 'Take part' }).click();
    await participant.getByRole('heading', { name: 'A little about you' }).waitFor();
    const picker = participant.getByRole('combobox', { name: /Which constituency do you live in\?/ });
    await picker.waitFor();
    await participant.getByText('So we can compare seats we held').waitFor();
    // Required: no way to skip it, and Continue without an answer says so.
    expect(await participant.getByRole('button', { name: 'Skip this question' }).count()).toBe(0);
    await participant.getByRole('button', { name: 'Continue' }).click();
    await participant.getByText('Choose an answer to continue').waitFor();

    await picker.focus();
    await participant.keyboard.type('ald');
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    const listbox = participant.getByRole('listbox');
    expect(await listbox.getByRole('option').allTextContents()).toEqual([
      'AldershotSouth East',
      'Aldridge-BrownhillsWest Midlands',
      'Montgomeryshire and GlyndŵrWales',
    ]);
    await participant.locator('.seat-picker [role="status"]').filter({ hasText: '3 seats match.' }).waitFor();
    await participant.keyboard.press('ArrowDown');
    await participant.keyboard.press('ArrowDown');
    const active = await picker.getAttribute('aria-activedescendant');
    expect(await participant.locator(`[id="${active}"]`).textContent()).toContain('Aldridge-Brownhills');
    await screenshot(participant, 'places-3-seat-picker-open');
    await expectNoAxeViolations(participant, 'seat picker, open');
    await participant.keyboard.press('Enter');
    expect(await picker.inputValue()).toBe('Aldridge-Brownhills');
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    await screenshot(participant, 'places-4-seat-chosen');
    await expectNoAxeViolations(participant, 'seat picker, chosen');
    // Enter again submits the question; then a vote, by keyboard.
    await participant.keyboard.press('Enter');
    await participant.locator('#current-statement').waitFor();
    const agree = participant.locator('.vote-buttons').getByRole('button', { name: 'Agree', exact: true });
    await agree.focus();
    await participant.keyboard.press('Enter');
    await participant.locator('#vote-progress-label', { hasText: '1 of 2 voted, 1 remaining' }).waitFor();
    await screenshot(participant, 'places-5-voted');
    await expectNoAxeViolations(participant, 'voting after the seat question');
    expect(participantErrors).toEqual([]);

    // The answer is stored as the seat's option, so the list is now locked for the organisers.
    await page.reload();
    await page
      .getByText('Participants have answered a place question, so this list can no longer be replaced')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Import place list' }).count()).toBe(0);
    await page.getByText('Participants have answered this question, so it can no longer change.').waitFor();

    expect(errors).toEqual([]);
    await visitor.close();
    await context.close();
  });
});
