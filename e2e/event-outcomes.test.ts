import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Ceri Jones', email: 'ceri@example.org', password: 'correct horse battery staple' };
const title = 'Swansea roundtable';

async function setUpOwner(page: Page): Promise<void> {
  await page.goto(suite.server.setupUrl ?? '');
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email address').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
}

/** A review the owner runs and a published roundtable linked to it, starting in an hour, for two hours. */
async function reviewAndEvent(): Promise<{ slug: string; eventId: number }> {
  const store = suite.server.store;
  const account = await store.findAccountByEmail(owner.email);
  if (!account) throw new Error('owner missing');
  const now = new Date();
  const review = await store.createReview({
    slug: 'futures',
    title: 'Futures',
    introduction: 'What world do we want?',
    status: 'open',
    visibility: 'public',
    moderationMode: 'strict',
    participantsCanAddStatements: true,
    createdByAccountId: account.id,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  await store.setReviewRole({
    reviewId: review.id,
    accountId: account.id,
    role: 'owner',
    createdAt: now.toISOString(),
  });
  const event = await store.events.createEvent(
    {
      reviewId: review.id,
      type: 'roundtable',
      title,
      description: 'Traditions around one table.',
      format: 'in_person',
      venue: 'Guildhall',
      address: 'Swansea',
      region: 'Wales',
      accessibilityNotes: null,
      meetingLink: null,
      startsAt: new Date(now.getTime() + 3_600_000).toISOString(),
      endsAt: new Date(now.getTime() + 3 * 3_600_000).toISOString(),
      timeZone: 'Europe/London',
      capacity: 20,
      status: 'published',
      proposedByAccountId: account.id,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    { accountId: account.id, role: 'host' },
  );
  return { slug: review.slug, eventId: event.id };
}

describe('event outcomes', () => {
  it('runs the guide on a phone, sends two statements to moderation, takes and assigns a volunteer offer', async () => {
    const ownerContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const volunteerContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const host = await ownerContext.newPage();
    const volunteer = await volunteerContext.newPage();
    const errors = [host, volunteer].flatMap((page) => watchPageErrors(page));

    await setUpOwner(host);
    const { slug, eventId } = await reviewAndEvent();

    // The facilitator opens the run sheet from the event and starts from the roundtable guide.
    await host.goto(`/organise/events/${eventId}`);
    await host.getByRole('heading', { name: 'Outcomes and report' }).waitFor();
    await host.getByRole('link', { name: 'Open the run sheet (live timer)' }).click();
    await host.getByRole('heading', { level: 1, name: 'Run sheet' }).waitFor();
    await host.getByLabel('Template', { exact: true }).selectOption('roundtable');
    await host.getByText('The world a child born today will see').waitFor();
    await expectNoAxeViolations(host, 'run sheet template picker');
    await host.getByRole('button', { name: 'Use this template' }).click();
    await host.getByRole('heading', { level: 2, name: 'Not started' }).waitFor();
    await host.getByRole('button', { name: 'Start' }).click();
    await host.getByRole('heading', { level: 2, name: 'Welcome' }).waitFor();
    await host.getByRole('button', { name: 'Next' }).click();
    await host.getByRole('heading', { level: 2, name: 'Ground rules' }).waitFor();
    await host.getByText('Item 2 of 6').waitFor();
    await host
      .getByRole('list', { name: 'Prompts for the facilitator' })
      .getByText('One voice at a time; listen to understand, not to answer.')
      .waitFor();
    // Announced once, politely, not every second.
    await host.locator('[aria-live="polite"]', { hasText: 'Now: Ground rules, 10 minutes.' }).waitFor();
    const timer = await host.getByRole('timer').textContent();
    expect(timer).toMatch(/^(10:00|9:5\d)$/);
    await expectNoAxeViolations(host, 'run sheet running');
    await screenshot(host, 'event-outcomes-1-run-sheet-phone');

    // The server holds the running item and its start, so a reload keeps time.
    await expect
      .poll(async () => (await suite.server.store.eventOutcomes.findRunSheet(eventId))?.currentItemId)
      .toBe((await suite.server.store.eventOutcomes.findRunSheet(eventId))?.items[1]?.id);
    await host.reload();
    await host.getByRole('heading', { level: 2, name: 'Ground rules' }).waitFor();

    // An agenda that overruns the event is refused, naming the total.
    await host.getByText('Show the agenda editor').click();
    await host.getByLabel('Minutes (1–240)').first().fill('200');
    await host.getByRole('button', { name: 'Save agenda' }).click();
    await host.getByText('The agenda takes 305 minutes but the event lasts 120.').waitFor();
    await expectNoAxeViolations(host, 'agenda editor with an error');

    // Two statements that came up go to the review's moderation queue, marked as from an event.
    await host.getByRole('link', { name: 'Back to the event' }).click();
    for (const statement of ['Every town needs a library open in the evening', 'Buses should run until midnight']) {
      await host.getByLabel('Statement', { exact: true }).fill(statement);
      await host.getByRole('button', { name: 'Send to moderation' }).click();
      await host
        .getByRole('status')
        .filter({ hasText: `Sent to moderation: “${statement}”` })
        .waitFor();
    }
    await host.getByRole('heading', { name: 'Statements sent from this event' }).waitFor();
    await expectNoAxeViolations(host, 'outcomes panel');
    await screenshot(host, 'event-outcomes-2-outcomes-panel');
    await host.getByRole('link', { name: 'Open the moderation queue' }).click();
    await host.getByText('Every town needs a library open in the evening').waitFor();
    await host.getByText('Buses should run until midnight').waitFor();
    await host.getByText(`From the event “${title}”`).first().waitFor();
    const queue = await suite.server.store.listModerationQueue(
      (await suite.server.store.findReviewBySlug(slug))?.id ?? 0,
      { origin: 'event', limit: 50, offset: 0 },
    );
    expect(queue.map((item) => [item.origin, item.moderation])).toEqual([
      ['event', 'pending'],
      ['event', 'pending'],
    ]);
    await expectNoAxeViolations(host, 'moderation queue with event statements');
    await screenshot(host, 'event-outcomes-3-moderation');

    // Someone offers to help; a missing consent is named at the box.
    await volunteer.goto('/events');
    await volunteer.getByRole('link', { name: 'Help us run events' }).click();
    await volunteer.getByRole('heading', { level: 1, name: 'Help us run events' }).waitFor();
    await volunteer.getByLabel('Your name').fill('Val Unteer');
    await volunteer.getByLabel('Email', { exact: true }).fill('val@example.org');
    await volunteer.getByLabel('Host an event').check();
    await volunteer.getByLabel('Food and drink').check();
    await volunteer.getByLabel('Where you are').fill('Swansea');
    await volunteer.getByLabel('When you are free').fill('Weekday evenings');
    await volunteer.getByRole('button', { name: 'Offer to help' }).click();
    await volunteer.locator('#volunteer-consent-error:not([hidden])').waitFor();
    await expectNoAxeViolations(volunteer, 'volunteer form with an error');
    await volunteer.getByLabel(/I agree that organisers may keep these details/).check();
    await volunteer.getByRole('button', { name: 'Offer to help' }).click();
    await volunteer.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await expectNoAxeViolations(volunteer, 'volunteer thanks');
    await screenshot(volunteer, 'event-outcomes-4-volunteer-thanks');

    // The organiser filters the offers and assigns Val to the roundtable; Val is emailed.
    await host.goto('/organise/volunteers');
    await host.getByRole('heading', { level: 1, name: 'Volunteer offers' }).waitFor();
    await host.getByLabel('Can do').selectOption('food');
    await host.getByRole('heading', { level: 2, name: 'Val Unteer' }).waitFor();
    await host.getByLabel('Assign Val Unteer to an event').selectOption({ label: title });
    await host.getByRole('button', { name: 'Assign' }).click();
    await host
      .getByRole('status')
      .filter({ hasText: `Val Unteer is assigned to ${title} and has been emailed.` })
      .waitFor();
    await expectNoAxeViolations(host, 'volunteer list after assigning');
    await screenshot(host, 'event-outcomes-5-volunteers');
    await host.goto('/dev/mail');
    await host.locator('li', { hasText: 'val@example.org' }).first().waitFor();

    expect(errors).toEqual([]);
    await Promise.all([ownerContext, volunteerContext].map((context) => context.close()));
  }, 120_000);
});
