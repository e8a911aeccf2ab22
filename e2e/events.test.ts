import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MyRegistration } from '../src/contract/events.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Ceri Jones', email: 'ceri@example.org', password: 'correct horse battery staple' };
const host = { name: 'Hana Host', email: 'hana@example.org', password: 'a long host pass phrase' };
const title = 'Cardiff roundtable';

/** A date ten days ahead as the datetime-local input takes it. */
function inTenDays(hour: number): string {
  const day = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
  return `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

async function signIn(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
}

async function register(page: Page, name: string): Promise<void> {
  await page.goto('/events');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}@example.org`);
  await page.getByRole('button', { name: /^(Register|Join the waitlist)$/ }).click();
}

describe('events', () => {
  it('host proposes, organiser approves, two register (one waitlisted, then promoted), tables, check-in', async () => {
    const ownerContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const hostContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const annContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const boContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const ownerPage = await ownerContext.newPage();
    const hostPage = await hostContext.newPage();
    const ann = await annContext.newPage();
    const bo = await boContext.newPage();
    const errors = [ownerPage, hostPage, ann, bo].flatMap((page) => watchPageErrors(page));

    // The instance owner sets up; the host has an ordinary account and no role on any review.
    await ownerPage.goto(suite.server.setupUrl ?? '');
    await ownerPage.getByLabel('Your name').fill(owner.name);
    await ownerPage.getByLabel('Email address').fill(owner.email);
    await ownerPage.getByLabel('Password').fill(owner.password);
    await ownerPage.getByRole('button', { name: 'Create owner account' }).click();
    await ownerPage.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
    await suite.server.store.createAccount({
      email: host.email,
      displayName: host.name,
      passwordHash: await hashPassword(host.password),
      isInstanceOwner: false,
      createdAt: new Date().toISOString(),
    });

    // The host proposes a roundtable with one place.
    await signIn(hostPage, host);
    await hostPage.getByRole('link', { name: 'Events' }).click();
    await hostPage.getByRole('link', { name: 'Propose an event' }).click();
    await hostPage.getByRole('heading', { level: 1, name: 'Propose an event' }).waitFor();
    await hostPage.getByLabel('Title').fill(title);
    await hostPage.getByLabel('What happens there').fill('People from every tradition around one table.');
    await hostPage.getByLabel('Venue').fill('Tramshed');
    await hostPage.getByLabel('Address').fill('Clare Road, Cardiff');
    await hostPage.getByLabel('Region', { exact: true }).fill('Wales');
    await hostPage.getByLabel('Starts').fill(inTenDays(18));
    await hostPage.getByLabel('Ends').fill(inTenDays(17));
    await hostPage.getByLabel('Time zone').selectOption('Europe/London');
    await hostPage.getByLabel('Places').fill('1');
    await hostPage.getByRole('button', { name: 'Propose event' }).click();
    // An end before the start is named at the field.
    await hostPage.locator('#event-ends-error', { hasText: 'The event must end after it starts.' }).waitFor();
    await expectNoAxeViolations(hostPage, 'propose event with an error');
    await screenshot(hostPage, 'events-1-propose-error');
    await hostPage.getByLabel('Ends').fill(inTenDays(20));
    await hostPage.getByRole('button', { name: 'Propose event' }).click();
    await hostPage.getByRole('heading', { level: 1, name: `Host: ${title}` }).waitFor();
    await hostPage.getByText('An organiser will check this event before it is listed.').waitFor();
    await expectNoAxeViolations(hostPage, 'proposed event');

    // The instance owner finds it waiting and approves it.
    await ownerPage.getByRole('link', { name: 'Events' }).click();
    await ownerPage.getByRole('heading', { name: 'Events you host or approve' }).waitFor();
    await ownerPage.getByRole('link', { name: title }).click();
    await ownerPage.getByRole('button', { name: 'Approve and publish' }).click();
    await ownerPage.getByText('Published', { exact: true }).waitFor();

    // Ann takes the only place; Bo joins the waitlist.
    await register(ann, 'Ann');
    await ann.getByRole('heading', { name: 'You have a place' }).waitFor();
    await expectNoAxeViolations(ann, 'registered');
    const annLink = await ann.getByRole('link', { name: 'See or cancel your registration' }).getAttribute('href');
    await register(bo, 'Bo');
    await bo.getByRole('heading', { name: 'You are on the waitlist' }).waitFor();
    await bo.getByText('You are number 1 on the waitlist.').waitFor();
    const boLink = await bo.getByRole('link', { name: 'See or cancel your registration' }).getAttribute('href');
    await screenshot(bo, 'events-2-waitlisted');

    // Registering the same address twice is refused at the email field.
    await register(ann, 'Ann');
    await ann.locator('#register-email-error', { hasText: 'This email is already registered.' }).waitFor();

    // Listed publicly, full now.
    await ann.goto('/events');
    await ann.getByText('Full: join the waitlist (1 waiting)').waitFor();
    await expectNoAxeViolations(ann, 'events list');
    await screenshot(ann, 'events-3-list');

    // Ann's confirmation email (development outbox) carries the calendar invite.
    await ann.goto('/dev/mail');
    await ann.locator('li', { hasText: 'ann@example.org' }).getByRole('link').first().click();
    await ann.getByText('Hello Ann,').waitFor();
    await ann.getByText('Your place is confirmed.').waitFor();

    // Ann cancels from her registration page; Bo is promoted.
    await ann.goto(annLink ?? '');
    await ann.getByRole('heading', { level: 1, name: 'Your registration' }).waitFor();
    await ann.locator('img.check-in-qr').waitFor();
    await expectNoAxeViolations(ann, 'registration with QR code');
    await screenshot(ann, 'events-4-registration-qr');
    await ann.getByRole('button', { name: 'Cancel my registration' }).click();
    await ann.getByText('Ann, your registration is cancelled.').waitFor();

    await bo.goto(boLink ?? '');
    await bo.getByText('Bo, you have a place.').waitFor();
    await bo.locator('img.check-in-qr').waitFor();

    // The host plans tables and checks Bo in by his QR code.
    await hostPage.reload();
    await hostPage.getByRole('heading', { name: 'Table plan' }).waitFor();
    await hostPage.getByLabel('People per table (at most)').fill('6');
    await hostPage.getByRole('button', { name: 'Plan tables' }).click();
    await hostPage.getByRole('status').filter({ hasText: 'Tables planned: 1.' }).waitFor();
    await hostPage.getByRole('heading', { name: /^Table 1/ }).waitFor();
    await expectNoAxeViolations(hostPage, 'host page with table plan');
    await screenshot(hostPage, 'events-5-host-table-plan');

    const boView = (await (
      await bo.request.get(`/api/event-registrations/${boLink?.split('/').pop()}`)
    ).json()) as MyRegistration;
    await hostPage.goto(new URL(boView.checkInUrl ?? '').pathname + new URL(boView.checkInUrl ?? '').search);
    await hostPage.getByRole('status').filter({ hasText: 'Bo has checked in.' }).waitFor();
    await hostPage.getByLabel('Search by name').fill('bo');
    await hostPage.getByRole('button', { name: 'Undo check-in for Bo' }).waitFor();
    await expectNoAxeViolations(hostPage, 'door page');
    await screenshot(hostPage, 'events-6-door');

    await hostPage.getByRole('link', { name: `Back to ${title}` }).click();
    await hostPage.getByRole('button', { name: 'Update for arrivals' }).click();
    await hostPage.getByRole('status').filter({ hasText: 'Tables updated for arrivals.' }).waitFor();
    await hostPage.getByText('Bo · arrived').waitFor();
    const registration = await suite.server.store.events.findRegistrationByEmail(1, 'bo@example.org');
    expect(registration?.checkedInAt).not.toBeNull();

    expect(errors).toEqual([]);
    await Promise.all([ownerContext, hostContext, annContext, boContext].map((context) => context.close()));
  }, 120_000);
});
