import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/server/auth/passwords.js';
import { expectNoAxeViolations, screenshot, setUpBrowserSuite, viewports, watchPageErrors } from './support.js';

const suite = setUpBrowserSuite();

const owner = { email: 'ceri@example.org', password: 'correct horse battery staple' };
const slug = 'listening-to-lost-seats';
const at = () => new Date().toISOString();

/** The review, its seats, prompts and voice options, straight in the store: this file tests listening, not set-up. */
async function seedReview(): Promise<{ reviewId: number }> {
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
    title: 'Listening to the seats we lost',
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
  await store.createStatement({
    reviewId: review.id,
    text: 'We lost touch with voters outside the cities.',
    textKey: 'we lost touch with voters outside the cities',
    origin: 'seed',
    moderation: 'accepted',
    isMeta: false,
    authorParticipantId: null,
    authorAccountId: account.id,
    createdAt: at(),
  });
  await store.replacePlaces(review.id, [
    { code: 'E14001063', name: 'Aldershot', nameCy: null, region: 'South East', attributes: {} },
    { code: 'W07000112', name: 'Ynys Môn', nameCy: 'Ynys Môn', region: 'Wales', attributes: {} },
    { code: 'E14001064', name: 'Aldridge-Brownhills', nameCy: null, region: 'West Midlands', attributes: {} },
  ]);
  await store.listening.createPrompt({
    reviewId: review.id,
    text: 'Why do you think we lost?',
    maxLength: 2000,
    createdAt: at(),
  });
  await store.listening.createPrompt({
    reviewId: review.id,
    text: 'What should we never do again?',
    maxLength: 500,
    createdAt: at(),
  });
  await store.listening.replaceVoiceOptions(review.id, {
    pastVote: ['Us', 'Them', 'Did not vote'],
    intention: ['Us', 'Them', 'Undecided'],
  });
  return { reviewId: review.id };
}

describe('listening: prompts, voter voices offline, promotion', () => {
  it('answers prompts, records three voices offline that sync once each, and promotes an answer', async () => {
    const { reviewId } = await seedReview();
    const store = suite.server.store;

    // A participant on a phone answers a prompt, then changes the answer.
    const participantContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const participant = await participantContext.newPage();
    const participantErrors = watchPageErrors(participant);
    await participant.goto(`/r/${slug}`);
    await participant.getByRole('button', { name: 'Take part' }).click();
    await participant.getByRole('heading', { name: 'Open questions' }).waitFor();
    const why = participant.getByLabel('Why do you think we lost?');
    await why.fill('The leaflets arrived late. We never explained what we stood for.');
    await participant.getByRole('button', { name: 'Save answer' }).first().click();
    await participant.getByRole('status').filter({ hasText: 'Your answer is saved.' }).waitFor();
    await why.fill('The leaflets arrived late. We never explained what we stood for. Nobody knocked twice.');
    await participant.getByRole('button', { name: 'Update answer' }).click();
    await participant.getByRole('status').filter({ hasText: 'Your answer is saved.' }).waitFor();
    await participant.getByLabel('What should we never do again?').fill('Take the towns for granted.');
    await participant.getByRole('button', { name: 'Save answer' }).click();
    await participant.getByRole('button', { name: 'Update answer' }).nth(1).waitFor();
    await participant.getByRole('radio', { name: '4 – Good' }).check();
    await participant.getByRole('button', { name: 'Send feedback' }).click();
    await participant.getByText('Thank you: your feedback has been sent.').waitFor();
    await screenshot(participant, 'listening-1-participant-prompts');
    await expectNoAxeViolations(participant, 'participant prompts and feedback');
    // After a reload the answers are still there, to read and edit.
    await participant.reload();
    await participant.getByRole('heading', { name: 'Open questions' }).waitFor();
    expect(await participant.getByLabel('Why do you think we lost?').inputValue()).toContain('Nobody knocked twice.');
    const answers = await store.listening.listPromptAnswers(reviewId);
    expect(answers).toHaveLength(2);
    expect(participantErrors).toEqual([]);
    await participantContext.close();

    // A canvasser on a phone records three voices with no connection.
    const canvasserContext = await suite.browser.newContext({ ...viewports.phone, baseURL: suite.server.url });
    const canvasser = await canvasserContext.newPage();
    const canvasserErrors = watchPageErrors(canvasser);
    await canvasser.goto('/sign-in');
    await canvasser.getByLabel('Email address').fill(owner.email);
    await canvasser.getByLabel('Password').fill(owner.password);
    await canvasser.getByRole('button', { name: 'Sign in' }).click();
    await canvasser.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await canvasser.goto(`/organise/${slug}/voices`);
    await canvasser.getByRole('heading', { level: 1, name: 'Record voter voices' }).waitFor();

    await canvasserContext.setOffline(true);
    await canvasser.getByText('Offline: voices wait on this phone.').waitFor();
    const seat = canvasser.getByRole('combobox', { name: 'Seat' });
    await seat.fill('Alders');
    await canvasser.getByRole('option', { name: /^Aldershot/ }).click();
    const said = [
      'You only come round at election time.',
      'I voted for you for thirty years and nobody asked why I stopped.',
      'Fix the buses and I will listen.',
    ];
    const queueCount = canvasser.getByTestId('voice-queue-count');
    for (const [index, text] of said.entries()) {
      await canvasser
        .getByRole('group', { name: 'How they voted last time' })
        .getByRole('radio', { name: 'Us' })
        .check();
      await canvasser
        .getByRole('group', { name: 'How they mean to vote now' })
        .getByRole('radio', { name: index === 2 ? 'Undecided' : 'Them' })
        .check();
      await canvasser.getByLabel('What they said').fill(text);
      await canvasser.getByRole('checkbox', { name: /The voter agrees/ }).check();
      await canvasser.getByRole('button', { name: 'Save this voice' }).click();
      await queueCount.filter({ hasText: `${index + 1} waiting to sync` }).waitFor();
    }
    // A voice without consent is never queued.
    await canvasser.getByLabel('What they said').fill('No consent given for this one.');
    await canvasser.getByRole('button', { name: 'Save this voice' }).click();
    await canvasser.getByText('Ask the voter first: their words are kept only with their agreement.').waitFor();
    expect(await queueCount.textContent()).toBe('3 waiting to sync');
    const queued = await canvasser.evaluate(
      (key) => JSON.parse(window.localStorage.getItem(key) ?? '[]') as Array<{ idempotencyKey: string }>,
      `common-ground.voice-queue.${slug}`,
    );
    expect(new Set(queued.map((entry) => entry.idempotencyKey)).size).toBe(3);
    expect(await store.listening.listVoterVoices(reviewId)).toEqual([]);
    await screenshot(canvasser, 'listening-2-canvasser-offline');
    await expectNoAxeViolations(canvasser, 'canvasser page offline');

    // Back online: the queue syncs by itself, each voice once.
    await canvasserContext.setOffline(false);
    await queueCount.filter({ hasText: 'All synced: 3 voices sent this visit.' }).waitFor();
    const voices = await store.listening.listVoterVoices(reviewId);
    expect(voices.map((voice) => voice.text).sort()).toEqual([...said].sort());
    expect(voices.map((voice) => voice.idempotencyKey).sort()).toEqual(
      queued.map((entry) => entry.idempotencyKey).sort(),
    );
    expect(voices.every((voice) => voice.placeCode === 'E14001063')).toBe(true);
    expect(
      await canvasser.evaluate((key) => window.localStorage.getItem(key), `common-ground.voice-queue.${slug}`),
    ).toBe('[]');
    // A retry of an entry the server already has (a reply lost on the way back) adds nothing.
    const replay = await canvasser.evaluate(
      async ({ reviewSlug, entry }) => {
        const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        const response = await fetch(`/api/manage/reviews/${reviewSlug}/voices`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': session.csrfToken,
            'idempotency-key': entry.key,
          },
          body: JSON.stringify({
            placeId: entry.placeId,
            pastVote: 'Us',
            intention: 'Them',
            text: entry.text,
            consent: true,
          }),
        });
        return { status: response.status, replayed: response.headers.get('idempotent-replayed') };
      },
      {
        reviewSlug: slug,
        entry: { key: voices[0]!.idempotencyKey, placeId: voices[0]!.placeId, text: voices[0]!.text },
      },
    );
    expect(replay).toEqual({ status: 201, replayed: 'true' });
    expect(await store.listening.listVoterVoices(reviewId)).toHaveLength(3);
    await screenshot(canvasser, 'listening-3-canvasser-synced');
    expect(canvasserErrors).toEqual([]);
    await canvasserContext.close();

    // A moderator promotes a sentence of the answer into a statement.
    const moderatorContext = await suite.browser.newContext({ ...viewports.desktop, baseURL: suite.server.url });
    const moderator = await moderatorContext.newPage();
    const moderatorErrors = watchPageErrors(moderator);
    await moderator.goto('/sign-in');
    await moderator.getByLabel('Email address').fill(owner.email);
    await moderator.getByLabel('Password').fill(owner.password);
    await moderator.getByRole('button', { name: 'Sign in' }).click();
    await moderator.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await moderator.goto(`/organise/${slug}`);
    await moderator.getByRole('link', { name: 'Listening', exact: true }).click();
    await moderator.getByRole('heading', { level: 1, name: 'Listening: questions, answers and voices' }).waitFor();
    const answerItem = moderator.getByRole('listitem').filter({ hasText: 'Nobody knocked twice.' });
    await answerItem.getByRole('button', { name: 'Promote to statement' }).click();
    await answerItem.getByLabel('Start from a sentence').selectOption('We never explained what we stood for.');
    const statementField = answerItem.getByLabel('Statement for voting');
    expect(await statementField.inputValue()).toBe('We never explained what we stood for.');
    await statementField.fill('We never explained what we stand for.');
    await expectNoAxeViolations(moderator, 'listening page with the promote form open');
    await screenshot(moderator, 'listening-4-promote-form');
    await answerItem.getByRole('button', { name: 'Add as statement' }).click();
    await answerItem.getByText('Promoted to 1 statement').waitFor();
    await answerItem.getByText('Added as a statement: participants can vote on it now.').waitFor();
    // The voices arrived too, for the same action.
    await moderator.getByText('Fix the buses and I will listen.').waitFor();
    await screenshot(moderator, 'listening-5-promoted');
    await expectNoAxeViolations(moderator, 'listening page after promotion');

    // Themes over the answers and voices, found on the server.
    await moderator.getByRole('button', { name: 'Find themes now' }).click();
    await moderator.getByText('Last found').waitFor();
    expect(await store.listening.latestThemeRun(reviewId)).toMatchObject({ answerCount: 5 });
    await expectNoAxeViolations(moderator, 'listening page with themes');

    const promoted = (await store.listStatements(reviewId, { moderation: ['accepted'] })).find(
      (statement) => statement.text === 'We never explained what we stand for.',
    );
    expect(promoted).toBeDefined();
    const sources = await store.listening.listStatementSources(reviewId);
    const promotedAnswer = answers.find((answer) => answer.text.includes('Nobody knocked twice.'));
    expect(sources).toEqual([{ statementId: promoted?.id, sourceKind: 'prompt_answer', sourceId: promotedAnswer?.id }]);
    expect(moderatorErrors).toEqual([]);
    await moderatorContext.close();
  });
});
