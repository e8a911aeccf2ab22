import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThemeRun } from '../core/themes/extract.js';
import type { AnalysisLock } from '../server/live/analysis-lock.js';
import type { Store } from '../store/store.js';
import { sqliteTestStoreFactory, testStoreFactories } from '../test-support/stores.js';
import { labelledAnswers } from '../themes/fixtures/labelled-answers.js';
import { ThemesRunner, themeSeedOfReview } from './themes-runner.js';

async function reviewWithAnswers(store: Store, count: number): Promise<number> {
  const at = '2026-11-25T10:00:00.000Z';
  const account = await store.createAccount({
    email: 'organiser@example.org',
    displayName: 'Org',
    passwordHash: 'x',
    isInstanceOwner: false,
    createdAt: at,
  });
  const review = await store.createReview({
    slug: 'themes',
    title: 'Themes',
    introduction: '',
    status: 'open',
    visibility: 'public',
    moderationMode: 'strict',
    participantsCanAddStatements: true,
    createdByAccountId: account.id,
    createdAt: at,
    updatedAt: at,
  });
  const prompt = await store.listening.createPrompt({
    reviewId: review.id,
    text: 'Why?',
    maxLength: 2000,
    createdAt: at,
  });
  for (const [index, answer] of labelledAnswers.slice(0, count).entries()) {
    const participant = await store.createParticipant({
      reviewId: review.id,
      tokenHash: `p${index}`,
      seed: index,
      createdAt: at,
    });
    await store.listening.savePromptAnswer({
      reviewId: review.id,
      promptId: prompt.id,
      participantId: participant.id,
      text: answer.text,
      at,
    });
  }
  return review.id;
}

const storedRun = async (store: Store, reviewId: number) =>
  JSON.parse((await store.themes.latestRun(reviewId))?.result ?? 'null') as ThemeRun | null;

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`themes runner on ${factory.kind}`, () => {
    let store: Store;
    let runner: ThemesRunner | undefined;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await runner?.close();
      runner = undefined;
      await store.close();
    });

    it('gives the same themes from the same answers, with the review’s fixed seed', async () => {
      const reviewId = await reviewWithAnswers(store, 120);
      runner = new ThemesRunner(store, { inline: true, debounceMs: 0, everyNAnswers: 50 });
      await runner.runNow(reviewId);
      const first = await storedRun(store, reviewId);
      await runner.runNow(reviewId);
      const second = await storedRun(store, reviewId);
      expect(first?.seed).toBe(themeSeedOfReview(reviewId));
      expect((await store.themes.latestRun(reviewId))?.seed).toBe(themeSeedOfReview(reviewId));
      expect(second?.themes).toEqual(first?.themes);
      expect(first?.answerCount).toBe(120);
    });

    it('runs automatically only once N new answers have arrived', async () => {
      const reviewId = await reviewWithAnswers(store, 30);
      runner = new ThemesRunner(store, { inline: true, debounceMs: 0, everyNAnswers: 31 });
      await runner.runNow(reviewId, { force: false });
      expect(await store.themes.latestRun(reviewId)).toBeUndefined();
      runner = new ThemesRunner(store, { inline: true, debounceMs: 0, everyNAnswers: 30 });
      await runner.runNow(reviewId, { force: false });
      expect((await store.themes.latestRun(reviewId))?.answerCount).toBe(30);
      // No new answers since: nothing more is due.
      const before = (await store.themes.latestRun(reviewId))?.id;
      await runner.runNow(reviewId, { force: false });
      expect((await store.themes.latestRun(reviewId))?.id).toBe(before);
    });

    it('leaves the run to the instance holding the lock, then tries again', async () => {
      const reviewId = await reviewWithAnswers(store, 30);
      let refusals = 1;
      const lock: AnalysisLock = {
        async runExclusive(_reviewId, run) {
          if (refusals-- > 0) return false;
          await run();
          return true;
        },
      };
      runner = new ThemesRunner(store, { inline: true, debounceMs: 0, everyNAnswers: 50, lock });
      await runner.runNow(reviewId);
      expect(await store.themes.latestRun(reviewId)).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await runner.whenIdle(reviewId);
      expect((await store.themes.latestRun(reviewId))?.answerCount).toBe(30);
    });
  });
}

describe('themes runner in a worker thread', () => {
  it('runs the engine off the main thread and stores the run', async () => {
    const store = await sqliteTestStoreFactory.create();
    const runner = new ThemesRunner(store, { debounceMs: 0, everyNAnswers: 50 });
    try {
      const reviewId = await reviewWithAnswers(store, 60);
      await runner.runNow(reviewId);
      const run = await storedRun(store, reviewId);
      expect(run?.answerCount).toBe(60);
      expect(run?.themes.length).toBeGreaterThanOrEqual(2);
    } finally {
      await runner.close();
      await store.close();
    }
  }, 60_000);
});
