import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStoreFactories } from '../test-support/stores.js';
import type { ReviewRow, Store } from './store.js';

/** Theme edits, runs and drafted summaries (`store.themes`), on both databases. */
for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`Store themes on ${factory.kind}`, () => {
    let store: Store;
    let review: ReviewRow;
    let accountId: number;
    const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

    beforeEach(async () => {
      store = await factory.create();
      accountId = (
        await store.createAccount({
          email: 'organiser@example.org',
          displayName: 'Org',
          passwordHash: 'x',
          isInstanceOwner: false,
          createdAt: at(0),
        })
      ).id;
      review = await store.createReview({
        slug: 'why-we-lost',
        title: 'Why we lost',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: accountId,
        createdAt: at(1),
        updatedAt: at(1),
      });
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps edits in the order made, apart from runs, and runs with the last edit they applied', async () => {
      const rename = await store.themes.addEdit({
        reviewId: review.id,
        edit: JSON.stringify({ kind: 'rename', themeId: 'theme-1', label: 'Buses' }),
        createdByAccountId: accountId,
        createdAt: at(2),
      });
      const merge = await store.themes.addEdit({
        reviewId: review.id,
        edit: JSON.stringify({ kind: 'merge', themeIds: ['theme-2', 'theme-3'] }),
        createdByAccountId: null,
        createdAt: at(3),
      });
      expect((await store.themes.listEdits(review.id)).map((edit) => edit.id)).toEqual([rename.id, merge.id]);
      expect(await store.themes.latestRun(review.id)).toBeUndefined();

      await store.themes.saveRun({
        reviewId: review.id,
        answerCount: 3,
        lastEditId: null,
        seed: 7,
        result: '{"a":1}',
        createdAt: at(4),
      });
      const second = await store.themes.saveRun({
        reviewId: review.id,
        answerCount: 5,
        lastEditId: merge.id,
        seed: 7,
        result: '{"a":2}',
        createdAt: at(5),
      });
      expect(await store.themes.latestRun(review.id)).toEqual(second);
      expect(second).toMatchObject({
        answerCount: 5,
        lastEditId: merge.id,
        seed: 7,
        result: '{"a":2}',
        createdAt: at(5),
      });
      // Runs stored through the listening store (before 0015) stay readable.
      await store.listening.saveThemeRun({ reviewId: review.id, answerCount: 6, result: '{}', createdAt: at(6) });
      expect(await store.themes.latestRun(review.id)).toMatchObject({ answerCount: 6, lastEditId: null, seed: null });
      // Edits outlive runs: a new run never touches them.
      expect(await store.themes.listEdits(review.id)).toHaveLength(2);
    });

    it('counts answers and voices, and says who wrote each answer only by participant id', async () => {
      const prompt = await store.listening.createPrompt({
        reviewId: review.id,
        text: 'Why?',
        maxLength: 2000,
        createdAt: at(2),
      });
      const participants = await Promise.all(
        [1, 2].map((seed) =>
          store.createParticipant({ reviewId: review.id, tokenHash: `p${seed}`, seed, createdAt: at(2) }),
        ),
      );
      for (const participant of participants) {
        await store.listening.savePromptAnswer({
          reviewId: review.id,
          promptId: prompt.id,
          participantId: participant.id,
          text: `Answer from ${participant.seed}`,
          at: at(3),
        });
      }
      await store.listening.recordVoterVoice({
        reviewId: review.id,
        placeId: null,
        placeCode: 'E1',
        placeName: 'Aldershot',
        pastVote: null,
        intention: null,
        text: 'The buses',
        recordedByAccountId: accountId,
        idempotencyKey: 'k1',
        createdAt: at(4),
      });
      expect(await store.themes.countInputs(review.id)).toBe(3);
      const authors = await store.themes.listAnswerAuthors(review.id);
      expect(authors.map((author) => author.participantId)).toEqual(participants.map((participant) => participant.id));
    });

    it('keeps every summary with its prompt and model, and gives the newest per theme', async () => {
      const run = await store.themes.saveRun({
        reviewId: review.id,
        answerCount: 1,
        lastEditId: null,
        seed: 1,
        result: '{}',
        createdAt: at(2),
      });
      const base = {
        reviewId: review.id,
        runId: run.id,
        prompt: '[{"role":"user"}]',
        model: 'model-a',
        createdByAccountId: accountId,
      };
      await store.themes.saveSummary({ ...base, themeId: 'theme-1', summary: 'First draft', createdAt: at(3) });
      await store.themes.saveSummary({ ...base, themeId: 'theme-2', summary: 'Other theme', createdAt: at(4) });
      const newest = await store.themes.saveSummary({
        ...base,
        themeId: 'theme-1',
        summary: 'Second draft',
        model: 'model-b',
        createdAt: at(5),
      });
      const latest = await store.themes.latestSummaries(review.id);
      expect(latest.map((summary) => [summary.themeId, summary.summary])).toEqual([
        ['theme-1', 'Second draft'],
        ['theme-2', 'Other theme'],
      ]);
      expect(latest[0]).toEqual(newest);
      expect(newest).toMatchObject({ model: 'model-b', prompt: '[{"role":"user"}]', runId: run.id });
    });
  });
}
