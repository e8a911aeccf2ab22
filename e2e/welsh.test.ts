import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite({ demo: true });

describe('Welsh', () => {
  it('switches the interface to Welsh, sets html[lang], and remembers the choice', async () => {
    const context = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Listen first, then find common ground' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'phone-home');
    await expectNoAxeViolations(page, 'home');

    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gwrando yn gyntaf, yna canfod tir cyffredin' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await page.getByRole('heading', { level: 2, name: 'Adolygiadau agored' }).waitFor();
    await screenshot(page, 'phone-home-cy');
    await expectNoAxeViolations(page, 'home in Welsh');

    // Remembered across a reload, and used on the participant page.
    await page.goto(`/r/${suite.slug}`);
    await page.getByRole('button', { name: 'Cymryd rhan' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await page.getByRole('button', { name: 'Cymryd rhan' }).click();
    await page.getByRole('heading', { name: 'Ychydig amdanoch chi' }).waitFor();
    for (let question = 1; question <= 4; question++) {
      await page.getByRole('button', { name: 'Hepgor y cwestiwn hwn' }).click();
    }
    await page.getByRole('button', { name: 'Cytuno', exact: true }).waitFor();
    expect(await page.locator('#vote-progress-label').textContent()).toMatch(/^Wedi pleidleisio ar 0 o \d+/);
    await screenshot(page, 'phone-voting-cy');
    await expectNoAxeViolations(page, 'voting in Welsh');

    // And back again.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Agree', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the sign-in page in Welsh', async () => {
    const context = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    await context.addInitScript(() => window.localStorage.setItem('common-ground.language', 'cy'));
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await page.getByLabel('Cyfeiriad e-bost').waitFor();
    await expectNoAxeViolations(page, 'sign-in in Welsh');
    await context.close();
  });
});
