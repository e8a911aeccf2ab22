import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

/**
 * The whole organiser journey in one browser walk, through the screens only (no API shortcuts):
 * create a review → questions and seats from a CSV → invite from a CSV → a member joins through the
 * emailed link and votes → the organiser moderates the statement the member wrote. The per-screen
 * tests (places, invitations, moderation) check each step in depth; this one checks they join up.
 */
const suite = setUpBrowserSuite();

const owner = { name: 'Rhian Price', email: 'rhian@example.org', password: 'correct horse battery staple' };
const title = 'After the count';
const slug = 'after-the-count';
const seatQuestion = 'Which constituency do you live in?';
const memberStatement = 'Our candidates should live in the seats they stand in.';

const seatsCsv = [
  'code,name,region,held',
  'W07000081,Cardiff East,Wales,yes',
  'W07000082,Cardiff North,Wales,no',
  'E14001063,Aldershot,South East,no',
].join('\n');

describe('organiser journey', () => {
  it('creates a review, adds questions and seats from a CSV, invites from a CSV; a member joins from the email and votes; a statement is moderated', async () => {
    const organiserContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await organiserContext.newPage();
    const errors = watchPageErrors(page);

    await page.goto(suite.server.setupUrl ?? '');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();

    // 1. Create the review: invite-only, strict moderation, so the member's statement waits for us.
    await page.getByRole('link', { name: 'Create a review' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('radio', { name: 'Only people with an invite link' }).check();
    await page.getByRole('radio', { name: 'Hold them until an organiser accepts them' }).check();
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page
      .getByLabel('Statements, one per line')
      .fill('We lost touch with voters between elections.\nThe manifesto was too long to explain on a doorstep.');
    await page.getByRole('button', { name: 'Add statements' }).click();
    await page.getByRole('status').filter({ hasText: 'Statements added: 2.' }).waitFor();

    // 2. Seats from a CSV, then a required place question and an ordinary question.
    await page.getByLabel('CSV file').setInputFiles({
      name: 'seats.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(seatsCsv, 'utf8'),
    });
    await page.getByText('Read “seats.csv”').waitFor();
    await page.getByRole('button', { name: 'Import place list' }).click();
    await page.getByRole('status').filter({ hasText: 'Place list saved: 3 places.' }).waitFor();
    await page.getByLabel('Question', { exact: true }).fill(seatQuestion);
    await page.getByRole('radio', { name: /The review's place list \(3 places\)/ }).check();
    await page.getByRole('checkbox', { name: 'Participants must answer this before they vote' }).check();
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('status').filter({ hasText: 'Question added.' }).waitFor();
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.getByRole('button', { name: 'Close the review' }).waitFor();
    await screenshot(page, 'journey-1-console');
    await expectNoAxeViolations(page, 'review console after set-up');

    // 3. Invite one member from a CSV: the email goes to the development outbox.
    await page.getByRole('link', { name: 'Invite members from a list' }).click();
    await page.getByRole('heading', { level: 1, name: `Invitations: ${title}` }).waitFor();
    await page.getByRole('textbox', { name: 'Member list' }).fill('email,name\ndewi@example.org,Dewi Morgan\n');
    await page.getByRole('button', { name: 'Import and send invitations' }).click();
    await page.getByRole('status').filter({ hasText: 'Members invited: 1. Emails sent: 1. Not sent: 0.' }).waitFor();
    await expectNoAxeViolations(page, 'invitations after import');

    // 4. As Dewi, on a phone: read the email, follow the link, pick a seat, vote, add a statement.
    const memberContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const member = await memberContext.newPage();
    const memberErrors = watchPageErrors(member);
    await member.goto('/dev/mail');
    await member.locator('li', { hasText: 'dewi@example.org' }).getByRole('link').click();
    await member.getByText('Hello Dewi Morgan,').waitFor();
    await member
      .getByRole('link', { name: /\/invite\// })
      .first()
      .click();
    await member.getByRole('heading', { level: 1, name: title }).waitFor();
    await member.getByRole('heading', { name: 'A little about you' }).waitFor();
    const picker = member.getByRole('combobox', { name: new RegExp(seatQuestion.replace('?', '\\?')) });
    await picker.fill('cardiff n');
    await member.getByRole('option', { name: /Cardiff North/ }).click();
    expect(await picker.inputValue()).toBe('Cardiff North');
    await member.getByRole('button', { name: 'Continue' }).click();
    await member.locator('#current-statement').waitFor();
    await member.locator('.vote-buttons').getByRole('button', { name: 'Agree', exact: true }).click();
    await member.locator('#vote-progress-label', { hasText: '1 of 2 voted, 1 remaining' }).waitFor();
    await member.getByLabel('Your statement').fill(memberStatement);
    await member.getByRole('button', { name: 'Add statement' }).click();
    await member.getByRole('status').filter({ hasText: 'once an organiser has reviewed it' }).waitFor();
    await screenshot(member, 'journey-2-member-voted');
    await expectNoAxeViolations(member, 'member after voting and writing a statement');

    // 5. Back as the organiser: Dewi has joined, and his statement waits in the queue; accept it.
    await page.reload();
    await page
      .locator('.invitation-table tbody tr', { hasText: 'dewi@example.org' })
      .getByText('Joined', { exact: true })
      .waitFor();
    await page.goto(`/organise/${slug}`);
    await page.getByRole('link', { name: 'Open the moderation queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
    await page.getByRole('button', { name: 'Waiting (1)', pressed: true }).waitFor();
    const item = page.locator('article.moderation-item', { hasText: memberStatement });
    await item.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('button', { name: 'Waiting (0)', pressed: true }).waitFor();
    await page.getByRole('button', { name: /^Accepted \(\d+\)$/ }).click();
    await page.locator('article.moderation-item', { hasText: memberStatement }).waitFor();
    await screenshot(page, 'journey-3-moderated');
    await expectNoAxeViolations(page, 'moderation queue after accepting');

    // The accepted statement now reaches the member's voting card.
    await member.reload();
    await member.locator('#vote-progress-label', { hasText: '2 of 3 voted, 1 remaining' }).waitFor();

    expect(errors).toEqual([]);
    expect(memberErrors).toEqual([]);
    await memberContext.close();
    await organiserContext.close();
  });
});
