import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Ceri Jones', email: 'ceri@example.org', password: 'correct horse battery staple' };
const title = 'Listening in the valleys';
const slug = 'listening-in-the-valleys';

describe('organiser flow', () => {
  it('sets up the owner, creates and opens a review, which a participant can then join', async () => {
    expect(suite.server.setupUrl).toMatch(/\/setup\?token=/);
    const context = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // Set-up link → owner account.
    await page.goto(suite.server.setupUrl ?? '');
    await page.getByRole('heading', { level: 1, name: 'Set up Common Ground' }).waitFor();
    await screenshot(page, 'organiser-1-setup');
    await expectNoAxeViolations(page, 'setup');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill('too short');
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.locator('#setup-password-error').filter({ hasText: /12/ }).waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();

    // My reviews (empty) → create one.
    await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
    await page.getByText("You don't have any reviews yet.").waitFor();
    await screenshot(page, 'organiser-2-list-empty');
    await expectNoAxeViolations(page, 'organise list');
    await page.getByRole('link', { name: 'Create a review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create a review' }).waitFor();
    await page.getByLabel('Title').fill(title);
    expect(await page.getByLabel('Web address').inputValue()).toBe(slug);
    await page
      .getByLabel('Introduction')
      .fill(
        '# Why we are asking\n\nWe want to hear from **every** valley before we decide what comes next.\n\n<img src="x" onerror="window.pwned = true"><script>window.pwned = true</script>',
      );
    await page.getByRole('radio', { name: /Hold them until an organiser accepts them/ }).check();
    await screenshot(page, 'organiser-3-new-review');
    await expectNoAxeViolations(page, 'new review form');
    await page.getByRole('button', { name: 'Create review' }).click();

    // Review settings: seed statements, an identity question, then open it.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/organise/${slug}`);
    await page.getByRole('button', { name: 'Add statements' }).click();
    await page.locator('#seed-statements-error').filter({ hasText: 'Write at least one statement.' }).waitFor();
    await page
      .getByLabel('Statements, one per line')
      .fill(
        'Our campaign started too late in the valleys.\n\nLocal councillors should lead the next campaign.\nWe talked about national issues when people cared about local ones.',
      );
    await page.getByRole('button', { name: 'Add statements' }).click();
    await page.getByRole('status').filter({ hasText: 'Statements added: 3.' }).waitFor();
    await page.getByLabel('Question', { exact: true }).fill('Which valley do you live in?');
    await page.getByLabel('What it is about').selectOption('region');
    await page.getByLabel('Answers, one per line').fill('Rhondda\nCynon\nTaff');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('status').filter({ hasText: 'Question added.' }).waitFor();
    await page.getByText('Which valley do you live in?').first().waitFor();
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.getByRole('button', { name: 'Close the review' }).waitFor();
    expect(await page.locator('#status-heading + p .badge').textContent()).toBe('Open');
    await page.getByRole('button', { name: 'Create an invite link' }).click();
    expect(await page.getByRole('textbox', { name: 'Invite link' }).inputValue()).toMatch(/\/invite\//);
    await screenshot(page, 'organiser-4-review-settings');
    await expectNoAxeViolations(page, 'review settings');

    // A participant (another browser) finds it on the home page, joins and adds a statement.
    const visitor = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const participant = await visitor.newPage();
    const participantErrors = watchPageErrors(participant);
    await participant.goto('/');
    await participant.getByRole('link', { name: title }).click();
    await participant.getByRole('heading', { level: 1, name: title }).waitFor();
    // The Markdown # heading is demoted below the page's h1.
    await participant.getByRole('heading', { level: 2, name: 'Why we are asking' }).waitFor();
    // The introduction is sanitised: no script, no event handlers.
    expect(await participant.locator('.prose script, .prose [onerror]').count()).toBe(0);
    expect(await participant.evaluate(() => 'pwned' in window)).toBe(false);
    await participant.getByRole('button', { name: 'Take part' }).click();
    await participant.getByRole('heading', { name: 'A little about you' }).waitFor();
    await participant.getByRole('radio', { name: 'Cynon' }).check();
    await participant.getByRole('button', { name: 'Continue' }).click();
    await participant.locator('#current-statement').waitFor();
    expect(await participant.locator('#vote-progress-label').textContent()).toBe('0 of 3 voted, 3 remaining');
    await participant.locator('.vote-buttons').getByRole('button', { name: 'Agree', exact: true }).click();
    await participant.locator('#vote-progress-label', { hasText: '1 of 3 voted, 2 remaining' }).waitFor();
    await participant.getByLabel('Your statement').fill('The valleys need their own voice on the national executive.');
    await participant.getByRole('button', { name: 'Add statement' }).click();
    await participant.getByRole('status').filter({ hasText: 'once an organiser has reviewed it' }).waitFor();
    await screenshot(participant, 'organiser-5-participant-view');
    expect(participantErrors).toEqual([]);

    // Strict moderation: the organiser accepts the pending statement; it counts for its author, who
    // agreed by writing it (as in Pol.is), so it joins the total and their votes at once.
    await page.reload();
    const pending = page.locator('.statement-item').filter({ hasText: 'their own voice' });
    await pending.getByText('Waiting for review').waitFor();
    await pending.getByRole('button', { name: 'Accept' }).click();
    await pending.getByText('Accepted', { exact: true }).waitFor();
    await participant.reload();
    await participant.locator('#vote-progress-label', { hasText: '2 of 4 voted, 2 remaining' }).waitFor();

    // Sign out, then sign back in through the sign-in page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.alert-error').waitFor();
    await screenshot(page, 'organiser-6-sign-in-error');
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
    await page.getByRole('link', { name: title }).waitFor();
    await screenshot(page, 'organiser-7-list');
    await expectNoAxeViolations(page, 'organise list with a review');

    // Closing the review leaves participants a read-only message.
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Close the review' }).click();
    await page.getByRole('button', { name: 'Open the review' }).waitFor();
    await participant.reload();
    await participant.getByText('This review has closed').waitFor();
    expect(await participant.locator('.vote-buttons').count()).toBe(0);
    await expectNoAxeViolations(participant, 'closed review');

    expect(errors).toEqual([]);
    await visitor.close();
    await context.close();
  });

  it('lets an invited person into an invite-only review, and explains it to others', async () => {
    const context = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
    await page.getByRole('link', { name: 'Create a review' }).click();
    await page.getByLabel('Title').fill('Councillors only');
    await page.getByRole('radio', { name: 'Only people with an invite link' }).check();
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Councillors only' }).waitFor();
    await page.getByLabel('Statements, one per line').fill('We need a councillors’ forum after every election.');
    await page.getByRole('button', { name: 'Add statements' }).click();
    await page.getByRole('status').filter({ hasText: 'Statements added: 1.' }).waitFor();
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.getByRole('button', { name: 'Close the review' }).waitFor();
    await page.getByRole('button', { name: 'Create an invite link' }).click();
    const inviteUrl = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();

    const stranger = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto('/r/councillors-only');
    await strangerPage.getByRole('heading', { name: 'This review is by invitation' }).waitFor();
    expect(await strangerPage.getByRole('button', { name: 'Take part' }).count()).toBe(0);
    await expectNoAxeViolations(strangerPage, 'invite-only review without invite');
    await stranger.close();

    const guest = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const guestPage = await guest.newPage();
    await guestPage.goto(inviteUrl);
    await guestPage.waitForURL(/\/r\/councillors-only$/);
    await guestPage.locator('#current-statement').waitFor();
    expect(await guestPage.locator('#current-statement').textContent()).toContain('councillors’ forum');
    await guest.close();
    await context.close();
  });
});
