import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Ceri Jones', email: 'ceri@example.org', password: 'correct horse battery staple' };
const moderator = { name: 'Morgan Evans', email: 'morgan@example.org', password: 'another long pass phrase' };
const title = 'Listening in the valleys';
const slug = 'listening-in-the-valleys';

/** Participants answering the valley question: 12 Rhondda, 3 Cynon, nobody from Taff; 2 voted today. */
async function seedParticipants(): Promise<void> {
  const store = suite.server.store;
  const review = await store.findReviewBySlug(slug);
  if (!review) throw new Error('the review was not created');
  const [question] = await store.listIdentityQuestions(review.id);
  const [statement] = await store.listStatements(review.id);
  const [rhondda, cynon] = question?.options ?? [];
  const now = new Date().toISOString();
  for (let index = 0; index < 15; index++) {
    const participant = await store.createParticipant({
      reviewId: review.id,
      tokenHash: `e2e-participant-${index}`,
      seed: index,
      createdAt: now,
      verified: index < 5,
    });
    await store.setIdentityAnswer({
      participantId: participant.id,
      questionId: question!.id,
      optionId: (index < 12 ? rhondda : cynon)!.id,
      answeredAt: now,
    });
    if (index < 2) {
      await store.recordVote({
        reviewId: review.id,
        participantId: participant.id,
        statementId: statement!.id,
        value: 1,
        votedAt: now,
      });
    }
  }
}

describe('review team', () => {
  it('invites a moderator by email, who joins through the link and sees the console without editing', async () => {
    const context = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // The owner sets up, creates a review with a question and statements, and opens it.
    await page.goto(suite.server.setupUrl ?? '');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.getByRole('link', { name: 'Create a review' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByLabel('Statements, one per line').fill('Our campaign started too late in the valleys.');
    await page.getByRole('button', { name: 'Add statements' }).click();
    await page.getByRole('status').filter({ hasText: 'Statements added: 1.' }).waitFor();
    await page.getByLabel('Question', { exact: true }).fill('Which valley do you live in?');
    await page.getByLabel('What it is about').selectOption('region');
    await page.getByLabel('Answers, one per line').fill('Rhondda\nCynon\nTaff');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('status').filter({ hasText: 'Question added.' }).waitFor();
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.getByRole('button', { name: 'Close the review' }).waitFor();

    // The dashboard: counts of fewer than 10 hidden, and the count that would give them away too.
    await seedParticipants();
    await page.reload();
    const dashboard = page.getByRole('region', { name: 'At a glance' });
    await dashboard.getByText('15 participants').waitFor();
    await dashboard.getByText('Verified by a personal invitation: 5').waitFor();
    await dashboard.getByText('Voted today (since midnight UTC): 2').waitFor();
    await dashboard.getByText('2 votes', { exact: true }).waitFor();
    const valleys = dashboard.getByRole('table', { name: 'Which valley do you live in?' });
    expect(await valleys.getByRole('row', { name: /Cynon/ }).getByRole('cell').textContent()).toBe('fewer than 10');
    expect(
      await valleys
        .getByRole('row', { name: /Rhondda/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('hidden');
    expect(await valleys.getByRole('row', { name: /Taff/ }).getByRole('cell').textContent()).toBe('0');
    expect(
      await valleys
        .getByRole('row', { name: /Answered/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('15');
    expect(await valleys.textContent()).not.toMatch(/\b(3|12)\b/);
    await dashboard.getByRole('link', { name: 'See the live results' }).waitFor();
    await screenshot(page, 'team-1-dashboard');
    await expectNoAxeViolations(page, 'review console with dashboard');

    // The team page: invite a moderator.
    await page.getByRole('navigation', { name: 'Review console' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    await page.getByLabel('Email address').fill(moderator.email);
    await page.getByLabel('Role', { exact: true }).selectOption('moderator');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${moderator.email}.` })
      .waitFor();
    await page.getByText('1 invitation is waiting.').waitFor();
    await screenshot(page, 'team-2-team-page');
    await expectNoAxeViolations(page, 'team page');

    // The moderator reads the email in the development outbox and follows its link.
    const moderatorContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const inbox = await moderatorContext.newPage();
    const moderatorErrors = watchPageErrors(inbox);
    await inbox.goto('/dev/mail');
    await inbox.locator('li', { hasText: moderator.email }).getByRole('link').click();
    await inbox.getByText(`${owner.name} has invited you to join the team`).waitFor();
    await inbox
      .getByRole('link', { name: /\/team-invitation\// })
      .first()
      .click();
    await inbox.getByRole('heading', { level: 1, name: 'Join a review team' }).waitFor();
    await inbox.getByText('Your role: Moderator').waitFor();
    await inbox.getByText(`This invitation is for ${moderator.email}.`).waitFor();
    await screenshot(inbox, 'team-3-invitation');
    await expectNoAxeViolations(inbox, 'team invitation');
    await inbox.getByLabel('Your name').fill(moderator.name);
    await inbox.getByLabel('Password').fill(moderator.password);
    await inbox.getByRole('button', { name: 'Create account and accept' }).click();

    // The console as a moderator: the dashboard and the moderation queue, nothing to edit.
    await inbox.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(new URL(inbox.url()).pathname).toBe(`/organise/${slug}`);
    await inbox.getByText('Your role: Moderator').waitFor();
    await inbox.getByRole('region', { name: 'At a glance' }).getByText('15 participants').waitFor();
    const consoleNav = inbox.getByRole('navigation', { name: 'Review console' });
    await consoleNav.getByRole('link', { name: 'Moderation queue' }).waitFor();
    expect(await consoleNav.getByRole('link', { name: 'Team' }).count()).toBe(0);
    expect(await consoleNav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    for (const control of ['Close the review', 'Add statements', 'Add question', 'Save settings']) {
      expect(await inbox.getByRole('button', { name: control }).count(), control).toBe(0);
    }
    await screenshot(inbox, 'team-4-moderator-console');
    await expectNoAxeViolations(inbox, 'console as moderator');
    // The server agrees: the team page is refused.
    await inbox.goto(`/organise/${slug}/team`);
    await inbox.getByRole('alert').filter({ hasText: 'Your role in this review does not allow this.' }).waitFor();
    expect(moderatorErrors).toEqual([]);

    // The owner sees the new member, then the audit log.
    await page.reload();
    await page
      .getByRole('row', { name: new RegExp(moderator.name) })
      .getByRole('cell', { name: 'Moderator', exact: true })
      .waitFor();
    await page.goto(`/organise/${slug}`);
    await page.getByRole('navigation', { name: 'Review console' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const log = page.getByRole('table');
    await log
      .getByRole('row', { name: /Joined the team/ })
      .getByText(moderator.name)
      .waitFor();
    await log
      .getByRole('row', { name: /Invited someone to the team/ })
      .getByText(owner.name)
      .waitFor();
    await log.getByRole('row', { name: /Created the review/ }).waitFor();
    expect(await log.textContent()).not.toContain('@');
    await screenshot(page, 'team-5-audit-log');
    await expectNoAxeViolations(page, 'audit log');

    // The dashboard in Welsh, with Welsh plural forms.
    await page.goto(`/organise/${slug}`);
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    const cipolwg = page.getByRole('region', { name: 'Cipolwg' });
    await cipolwg.getByText('15 o gyfranogwyr').waitFor();
    await cipolwg.getByText('2 bleidlais', { exact: true }).waitFor();
    await cipolwg.getByRole('cell', { name: 'llai na 10' }).waitFor();
    await screenshot(page, 'team-6-dashboard-cy');
    await expectNoAxeViolations(page, 'dashboard in Welsh');
    await page.getByRole('button', { name: 'English' }).click();

    expect(errors).toEqual([]);
    await moderatorContext.close();
    await context.close();
  });
});
