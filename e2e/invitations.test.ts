import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Ceri Jones', email: 'ceri@example.org', password: 'correct horse battery staple' };
const title = 'Members only: after the election';
const slug = 'members-after-the-election';
const valleyQuestion = 'Which valley do you live in?';

/** Calls the API as the signed-in organiser of this browser context (cookies and CSRF token). */
async function apiAs(context: BrowserContext, path: string, data: unknown): Promise<void> {
  const session = (await (await context.request.get('/api/session')).json()) as { csrfToken: string };
  const response = await context.request.post(path, { data, headers: { 'x-csrf-token': session.csrfToken } });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
}

describe('invitations from a member list', () => {
  it('invites two members from a CSV; one joins through the emailed link, answers are pre-filled, and votes', async () => {
    const organiser = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await organiser.newPage();
    const errors = watchPageErrors(page);

    await page.goto(suite.server.setupUrl ?? '');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();

    // The review itself is not what this test is about: set it up through the API.
    await apiAs(organiser, '/api/manage/reviews', { title, slug, status: 'open', visibility: 'invite' });
    await apiAs(organiser, `/api/manage/reviews/${slug}/statements`, {
      statements: ['Branch meetings should be at times working members can make.', 'We canvassed too late.'],
    });
    await apiAs(organiser, `/api/manage/reviews/${slug}/identity-questions`, {
      prompt: valleyQuestion,
      kind: 'region',
      options: ['Rhondda', 'Cynon', 'Taff'],
    });

    await page.goto(`/organise/${slug}`);
    await page.getByRole('link', { name: 'Invite members from a list' }).click();
    await page.getByRole('heading', { level: 1, name: `Invitations: ${title}` }).waitFor();
    await page.getByText('No one has been invited from a list yet.').waitFor();
    await expectNoAxeViolations(page, 'invitations, empty');

    // A list with bad lines is refused whole, every bad line named, and nothing is imported.
    await page
      .getByRole('textbox', { name: 'Member list' })
      .fill(`email,name,${valleyQuestion}\nnot-an-email,Ann,Cynon\nbob@example.org,Bob,Swansea\n`);
    await page.getByRole('button', { name: 'Import and send invitations' }).click();
    const problems = page.getByRole('heading', { name: 'Nothing was imported: fix these lines and try again' });
    await problems.waitFor();
    expect(await problems.evaluate((heading) => heading === document.activeElement)).toBe(true);
    const problemRows = page.locator('.invitation-problems tbody tr');
    expect(await problemRows.allInnerTexts()).toEqual([
      expect.stringMatching(/^2\temail\t“not-an-email” is not an email address\.$/),
      expect.stringMatching(
        new RegExp(`^3\\t${valleyQuestion.replace('?', '\\?')}\\t“Swansea” is not one of the answers`),
      ),
    ]);
    expect(await page.getByRole('textbox', { name: 'Member list' }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'invitations-1-bad-lines');
    await expectNoAxeViolations(page, 'invitations, bad lines');

    // The corrected list, from a file.
    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `email,name,${valleyQuestion}\nann@example.org,Ann Jones,Cynon\nbob@example.org,Bob Evans,\n`,
      ),
    });
    await page.getByText('Loaded members.csv.').waitFor();
    await page.getByRole('button', { name: 'Import and send invitations' }).click();
    await page.getByRole('status').filter({ hasText: 'Members invited: 2. Emails sent: 2. Not sent: 0.' }).waitFor();
    const rows = page.locator('.invitation-table tbody tr');
    expect(await rows.count()).toBe(2);
    await rows.filter({ hasText: 'ann@example.org' }).getByText('Invited', { exact: true }).waitFor();
    await screenshot(page, 'invitations-2-invited');
    await expectNoAxeViolations(page, 'invitations, invited');

    // As Ann: a fresh browser reads the development outbox and follows her link.
    const member = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const inbox = await member.newPage();
    const memberErrors = watchPageErrors(inbox);
    await inbox.goto('/dev/mail');
    await inbox.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await inbox.getByText('2 messages, newest first.').waitFor();
    await expectNoAxeViolations(inbox, '/dev/mail');
    await inbox.locator('li', { hasText: 'ann@example.org' }).getByRole('link').click();
    await inbox.getByText('Hello Ann Jones,').waitFor();
    await screenshot(inbox, 'invitations-3-dev-mail-message');
    await expectNoAxeViolations(inbox, '/dev/mail message');
    await inbox
      .getByRole('link', { name: /\/invite\// })
      .first()
      .click();

    await inbox.getByRole('heading', { level: 1, name: title }).waitFor();
    await inbox.getByRole('heading', { name: 'A little about you' }).waitFor();
    // The organiser's list said Cynon; it is already chosen.
    expect(await inbox.getByRole('radio', { name: 'Cynon' }).isChecked()).toBe(true);
    await inbox.getByRole('button', { name: 'Continue' }).click();
    await inbox.locator('#current-statement').waitFor();
    await inbox.locator('.vote-buttons').getByRole('button', { name: 'Agree', exact: true }).click();
    await inbox.locator('#vote-progress-label', { hasText: '1 of 2 voted, 1 remaining' }).waitFor();
    await screenshot(inbox, 'invitations-4-member-voted');

    // The organiser sees that Ann joined, and nothing of how she voted.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Invitations: ${title}` }).waitFor();
    const annRow = rows.filter({ hasText: 'ann@example.org' });
    await annRow.getByText('Joined', { exact: true }).waitFor();
    expect(await annRow.getByRole('button').count()).toBe(0);
    const joinedCount = page.locator('.invitation-count').filter({ has: page.getByText('Joined', { exact: true }) });
    expect(await joinedCount.locator('dd').textContent()).toBe('1');

    // Withdrawing Bob's invitation is announced, and his row says so.
    await rows
      .filter({ hasText: 'bob@example.org' })
      .getByRole('button', { name: 'Withdraw the invitation to bob@example.org' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Invitation to bob@example.org withdrawn.' }).waitFor();
    await rows.filter({ hasText: 'bob@example.org' }).getByText('Withdrawn', { exact: true }).waitFor();
    await screenshot(page, 'invitations-5-joined-and-withdrawn');
    await expectNoAxeViolations(page, 'invitations, joined and withdrawn');

    expect(errors).toEqual([]);
    expect(memberErrors).toEqual([]);
    await member.close();
    await organiser.close();
  });
});
