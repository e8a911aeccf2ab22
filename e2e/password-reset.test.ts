import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { email: 'ceri@example.org', password: 'correct horse battery staple' };
const newPassword = 'a completely new passphrase';

describe('password reset', () => {
  it('asks for a link from the sign-in page, follows it from the email, and signs in with the new password', async () => {
    const organiser = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const token = new URL(suite.server.setupUrl ?? '').searchParams.get('token');
    const session = (await (await organiser.request.get('/api/session')).json()) as { csrfToken: string };
    const created = await organiser.request.post('/api/setup', {
      data: { token, ...owner, displayName: 'Ceri Jones' },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(created.ok()).toBe(true);

    // Someone else's browser, on a phone: forgot the password.
    const visitor = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const page = await visitor.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await expectNoAxeViolations(page, 'forgot password');
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'If an account uses that address' }).waitFor();
    await screenshot(page, 'password-reset-1-sent');
    await expectNoAxeViolations(page, 'forgot password, sent');

    await page.goto('/dev/mail');
    await page.locator('li', { hasText: owner.email }).getByRole('link').first().click();
    const link = page.getByRole('link', { name: /\/reset-password#token=/ }).first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/reset-password#token=[A-Za-z0-9_-]{40,}$/);
    await page.goto(href);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expectNoAxeViolations(page, 'reset password');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
    await screenshot(page, 'password-reset-2-done');

    // The organiser's other session ended with the reset.
    const signedOut = (await (await organiser.request.get('/api/session')).json()) as { account: unknown };
    expect(signedOut.account).toBeNull();

    // The link works once. (Another page first: going to the same URL would only move to its fragment.)
    await page.goto('/sign-in');
    await page.goto(href);
    await page.getByLabel('New password').fill('yet another new passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('This reset link is not valid, was used already or has expired.').waitFor();

    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your reviews' }).waitFor();
    expect(errors).toEqual([]);
    await visitor.close();
    await organiser.close();
  });
});
