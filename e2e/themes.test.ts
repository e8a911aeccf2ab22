import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/server/auth/passwords.js';
import { labelledAnswers } from '../src/themes/fixtures/labelled-answers.js';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { email: 'ceri@example.org', password: 'correct horse battery staple' };
const slug = 'themes-of-lost-seats';
const at = () => new Date().toISOString();

/** A review with 60 answers on three topics, straight in the store: this file tests themes, not answering. */
async function seedReview(): Promise<void> {
  const store = suite.server.store;
  const account = await store.createAccount({
    email: owner.email,
    displayName: 'Ceri Owen',
    passwordHash: await hashPassword(owner.password),
    isInstanceOwner: true,
    createdAt: at(),
  });
  const review = await store.createReview({
    slug,
    title: 'Why we lost',
    introduction: 'Tell us what went wrong.',
    status: 'open',
    visibility: 'public',
    moderationMode: 'strict',
    participantsCanAddStatements: true,
    createdByAccountId: account.id,
    createdAt: at(),
    updatedAt: at(),
  });
  await store.setReviewRole({ reviewId: review.id, accountId: account.id, role: 'owner', createdAt: at() });
  const prompt = await store.listening.createPrompt({
    reviewId: review.id,
    text: 'Why do you think we lost?',
    maxLength: 2000,
    createdAt: at(),
  });
  const texts = (['europe', 'local', 'campaign'] as const).flatMap((topic) =>
    labelledAnswers
      .filter((answer) => answer.topic === topic)
      .slice(0, 20)
      .map((answer) => answer.text),
  );
  for (const [index, text] of texts.entries()) {
    const participant = await store.createParticipant({
      reviewId: review.id,
      tokenHash: `participant-${index}`,
      seed: index,
      createdAt: at(),
    });
    await store.listening.savePromptAnswer({
      reviewId: review.id,
      promptId: prompt.id,
      participantId: participant.id,
      text,
      at: at(),
    });
  }
}

describe('themes', () => {
  it('lets an organiser find themes and rename one, and the name stays after a re-run', async () => {
    await seedReview();
    const context = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`/organise/${slug}/prompts`);
    await page.getByRole('heading', { level: 2, name: 'Themes' }).waitFor();
    await page.getByText('No themes yet').waitFor();

    await page.getByRole('button', { name: 'Find themes now' }).click();
    // The run happens in the server's worker thread; the page polls until it is stored.
    await page.getByText('Typical answers:').first().waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'themes');

    const firstName = page.getByLabel('Name for this theme').first();
    await firstName.fill('Our local message');
    await page.getByRole('button', { name: 'Save name' }).first().click();
    await page.getByRole('heading', { level: 3, name: 'Our local message' }).waitFor();

    await page.getByRole('button', { name: 'Re-run themes' }).click();
    await page.waitForTimeout(500);
    await page.reload();
    await page.getByRole('heading', { level: 3, name: 'Our local message' }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'themes after a rename');
    await screenshot(page, 'themes-organiser');

    const edits = await suite.server.store.themes.listEdits((await suite.server.store.findReviewBySlug(slug))?.id ?? 0);
    expect(edits.map((edit) => JSON.parse(edit.edit).kind)).toEqual(['rename']);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
