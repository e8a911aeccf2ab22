import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ManagedEvent } from '../src/contract/events.js';
import type { IdentityQuestion } from '../src/contract/index.js';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { name: 'Ceri Jones', email: 'ceri@example.org', password: 'correct horse battery staple' };
const slug = 'why-we-lost';
const title = 'Swansea roundtable';
const placesCsv = [
  'code,name,region,name_cy',
  'W07000112,Ynys Môn,Wales,Ynys Môn',
  'E14001063,Aldershot,South East,',
  'W07000102,Montgomeryshire and Glyndŵr,Wales,Maldwyn a Glyndŵr',
].join('\n');

/** A wall-clock time ten days ahead, as the events API takes it. */
function inTenDays(hour: number): string {
  const day = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
  return `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

/**
 * Calls the API from inside the page, as the app itself does (same origin, this browser's cookies,
 * the CSRF token from /api/session), so set-up that other tests cover through the UI stays short.
 */
async function callApi<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: {
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    { method, url, body },
  );
  if (result.status >= 400) throw new Error(`${method} ${url}: ${result.status} ${JSON.stringify(result.json)}`);
  return result.json as T;
}

describe('event registration for a known participant', () => {
  it('offers the review answers, fills them (seat included) only when asked, and registers with them', async () => {
    const ownerContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const participantContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const strangerContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const ownerPage = await ownerContext.newPage();
    const page = await participantContext.newPage();
    const stranger = await strangerContext.newPage();
    const errors = [ownerPage, page, stranger].flatMap((each) => watchPageErrors(each));

    // The owner sets up a review with a tradition question and a seat question, and an event for it.
    await ownerPage.goto(suite.server.setupUrl ?? '');
    await ownerPage.getByLabel('Your name').fill(owner.name);
    await ownerPage.getByLabel('Email address').fill(owner.email);
    await ownerPage.getByLabel('Password').fill(owner.password);
    await ownerPage.getByRole('button', { name: 'Create owner account' }).click();
    await ownerPage.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
    await callApi(ownerPage, 'POST', '/api/manage/reviews', { title: 'Why we lost', slug, status: 'open' });
    await callApi(ownerPage, 'PUT', `/api/manage/reviews/${slug}/places`, { csv: placesCsv });
    const questions = `/api/manage/reviews/${slug}/identity-questions`;
    const tradition = await callApi<IdentityQuestion>(ownerPage, 'POST', questions, {
      prompt: 'Which tradition do you come from?',
      kind: 'tradition',
      options: ['Labour', 'Green', 'Liberal'],
    });
    const seat = await callApi<IdentityQuestion>(ownerPage, 'POST', questions, {
      prompt: 'Which constituency do you live in?',
      kind: 'seat',
      usesPlaceList: true,
    });
    const created = await callApi<ManagedEvent>(ownerPage, 'POST', '/api/manage/events', {
      type: 'roundtable',
      title,
      format: 'in_person',
      venue: 'Volcano Theatre',
      startsAt: inTenDays(18),
      endsAt: inTenDays(20),
      timeZone: 'Europe/London',
      capacity: 12,
      reviewSlug: slug,
    });
    await callApi(ownerPage, 'POST', `/api/manage/events/${created.id}/approve`);

    // A participant answered the review's questions in this browser earlier.
    await page.goto(`/r/${slug}`);
    await callApi(page, 'PUT', `/api/reviews/${slug}/identity-answers`, {
      answers: [
        { questionId: tradition.id, optionId: tradition.options[1]!.id },
        { questionId: seat.id, optionId: seat.options[2]!.id },
      ],
    });

    await page.goto(`/events/${created.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const offer = page.getByRole('region', { name: 'Use your answers from the review?' });
    await offer.waitFor();
    // Nothing is copied until they choose to.
    const traditionField = page.getByLabel('Which tradition do you come from?');
    const seatField = page.getByRole('combobox', { name: 'Which constituency do you live in?' });
    expect(await traditionField.inputValue()).toBe('');
    expect(await seatField.inputValue()).toBe('');
    await expectNoAxeViolations(page, 'event registration with the answers offer');
    await screenshot(page, 'event-registration-1-offer');

    await offer.getByRole('button', { name: 'Use my answers' }).click();
    await page.getByRole('status').filter({ hasText: 'Your answers from the review are filled in below.' }).waitFor();
    expect(await offer.count()).toBe(0);
    expect(await traditionField.inputValue()).toBe(String(tradition.options[1]!.id));
    expect(await seatField.inputValue()).toBe('Montgomeryshire and Glyndŵr');
    await expectNoAxeViolations(page, 'event registration prefilled');
    await screenshot(page, 'event-registration-2-prefilled');

    await page.getByLabel('Your name').fill('Rhys');
    await page.getByLabel('Email').fill('rhys@example.org');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'You have a place' }).waitFor();
    const registration = await suite.server.store.events.findRegistrationByEmail(created.id, 'rhys@example.org');
    expect(registration?.answers).toEqual([
      { questionId: tradition.id, optionId: tradition.options[1]!.id },
      { questionId: seat.id, optionId: seat.options[2]!.id },
    ]);

    // Another browser, with no participant cookie, is offered nothing.
    await stranger.goto(`/events/${created.id}`);
    await stranger.getByRole('heading', { level: 1, name: title }).waitFor();
    await stranger.getByRole('combobox', { name: 'Which constituency do you live in?' }).waitFor();
    expect(await stranger.getByRole('button', { name: 'Use my answers' }).count()).toBe(0);

    expect(errors).toEqual([]);
    await Promise.all([ownerContext.close(), participantContext.close(), strangerContext.close()]);
  });
});
