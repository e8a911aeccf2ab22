import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStoreFactories } from '../test-support/stores.js';
import type { NewVoterVoice } from './listening-queries.js';
import type { AccountRow, ReviewRow, Store } from './store.js';

/** Prompts, answers, feedback and voter voices (`store.listening`), on both databases. */
for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`Store listening on ${factory.kind}`, () => {
    let store: Store;
    let account: AccountRow;
    let review: ReviewRow;
    beforeEach(async () => {
      store = await factory.create();
      account = await store.createAccount({
        email: 'canvasser@example.org',
        displayName: 'Cam Vasser',
        passwordHash: 'x',
        isInstanceOwner: false,
        createdAt: at(0),
      });
      review = await aReview('election-review');
    });
    afterEach(async () => {
      await store.close();
    });

    const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

    function aReview(slug: string): Promise<ReviewRow> {
      return store.createReview({
        slug,
        title: 'Why we lost',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt: at(1),
        updatedAt: at(1),
      });
    }

    it('keeps prompts in the order added, with their answer counts, and edits and deletes them', async () => {
      const first = await store.listening.createPrompt({
        reviewId: review.id,
        text: 'Why do you think we lost?',
        maxLength: 2000,
        createdAt: at(2),
      });
      const second = await store.listening.createPrompt({
        reviewId: review.id,
        text: 'What should we never do again?',
        maxLength: 500,
        createdAt: at(3),
      });
      const participant = await store.createParticipant({
        reviewId: review.id,
        tokenHash: 'p',
        seed: 1,
        createdAt: at(4),
      });
      await store.listening.savePromptAnswer({
        reviewId: review.id,
        promptId: second.id,
        participantId: participant.id,
        text: 'Take voters for granted.',
        at: at(5),
      });

      const listed = await store.listening.listPrompts(review.id);
      expect(listed.map((prompt) => [prompt.text, prompt.maxLength, prompt.answerCount])).toEqual([
        ['Why do you think we lost?', 2000, 0],
        ['What should we never do again?', 500, 1],
      ]);
      expect(listed[1]!.position).toBeGreaterThan(listed[0]!.position);

      const edited = await store.listening.updatePrompt(review.id, first.id, {
        text: 'Why did we lose?',
        updatedAt: at(6),
      });
      expect(edited).toMatchObject({ text: 'Why did we lose?', maxLength: 2000, updatedAt: at(6), createdAt: at(2) });

      const other = await aReview('other-review');
      expect(await store.listening.updatePrompt(other.id, first.id, { text: 'x', updatedAt: at(7) })).toBeUndefined();
      expect(await store.listening.deletePrompt(other.id, second.id)).toBe(false);

      expect(await store.listening.deletePrompt(review.id, second.id)).toBe(true);
      expect(await store.listening.listPromptAnswers(review.id)).toEqual([]);
      expect((await store.listening.listPrompts(review.id)).map((prompt) => prompt.id)).toEqual([first.id]);
    });

    it('keeps one answer per participant per prompt, edited in place, and lists answers without their authors', async () => {
      const prompt = await store.listening.createPrompt({
        reviewId: review.id,
        text: 'Why do you think we lost?',
        maxLength: 2000,
        createdAt: at(2),
      });
      const alice = await store.createParticipant({ reviewId: review.id, tokenHash: 'a', seed: 1, createdAt: at(3) });
      const bob = await store.createParticipant({ reviewId: review.id, tokenHash: 'b', seed: 2, createdAt: at(3) });
      const written = await store.listening.savePromptAnswer({
        reviewId: review.id,
        promptId: prompt.id,
        participantId: alice.id,
        text: 'We stopped knocking on doors.',
        at: at(4),
      });
      const rewritten = await store.listening.savePromptAnswer({
        reviewId: review.id,
        promptId: prompt.id,
        participantId: alice.id,
        text: 'We stopped knocking on doors between elections.',
        at: at(9),
      });
      expect(rewritten).toEqual({
        id: written.id,
        promptId: prompt.id,
        text: 'We stopped knocking on doors between elections.',
        createdAt: at(4),
        updatedAt: at(9),
      });
      await store.listening.savePromptAnswer({
        reviewId: review.id,
        promptId: prompt.id,
        participantId: bob.id,
        text: 'The leaflets said nothing.',
        at: at(5),
      });

      expect((await store.listening.listOwnPromptAnswers(review.id, alice.id)).map((answer) => answer.text)).toEqual([
        'We stopped knocking on doors between elections.',
      ]);
      const all = await store.listening.listPromptAnswers(review.id);
      expect(all.map((answer) => answer.text)).toEqual([
        'We stopped knocking on doors between elections.',
        'The leaflets said nothing.',
      ]);
      for (const answer of all)
        expect(Object.keys(answer).sort()).toEqual(['createdAt', 'id', 'promptId', 'text', 'updatedAt']);
      expect(await store.listening.findPromptAnswer(review.id, written.id)).toMatchObject({ promptId: prompt.id });

      expect(await store.listening.deletePromptAnswer(prompt.id, alice.id)).toBe(true);
      expect(await store.listening.deletePromptAnswer(prompt.id, alice.id)).toBe(false);
      expect(await store.listening.listOwnPromptAnswers(review.id, alice.id)).toEqual([]);
    });

    it('records feedback with a rating, a text or both, and refuses neither at the database', async () => {
      await store.listening.recordFeedback({
        reviewId: review.id,
        participantId: null,
        rating: 4,
        text: null,
        createdAt: at(2),
      });
      await store.listening.recordFeedback({
        reviewId: review.id,
        participantId: null,
        rating: null,
        text: 'Too long.',
        createdAt: at(3),
      });
      expect((await store.listening.listFeedback(review.id)).map((row) => [row.rating, row.text])).toEqual([
        [null, 'Too long.'],
        [4, null],
      ]);
      await expect(
        store.listening.recordFeedback({
          reviewId: review.id,
          participantId: null,
          rating: null,
          text: null,
          createdAt: at(4),
        }),
      ).rejects.toThrow();
      await expect(
        store.listening.recordFeedback({
          reviewId: review.id,
          participantId: null,
          rating: 6,
          text: null,
          createdAt: at(4),
        }),
      ).rejects.toThrow();
    });

    it('replaces the voice option lists whole', async () => {
      expect(await store.listening.listVoiceOptions(review.id)).toEqual({ pastVote: [], intention: [] });
      await store.listening.replaceVoiceOptions(review.id, { pastVote: ['Us', 'Them'], intention: ['Us again'] });
      const replaced = await store.listening.replaceVoiceOptions(review.id, {
        pastVote: ['Them', 'Us', 'Did not vote'],
        intention: ['Undecided', 'Us again'],
      });
      expect(replaced).toEqual({ pastVote: ['Them', 'Us', 'Did not vote'], intention: ['Undecided', 'Us again'] });
      expect(await store.listening.listVoiceOptions(review.id)).toEqual(replaced);
    });

    async function aVoice(
      overrides: Partial<NewVoterVoice> = {},
    ): Promise<{ created: boolean; voice: { id: number } }> {
      const [place] = await store.replacePlaces(review.id, [
        { code: 'E14000001', name: 'Aldershot', nameCy: null, region: 'South East', attributes: {} },
      ]);
      return store.listening.recordVoterVoice({
        reviewId: review.id,
        placeId: place!.id,
        placeCode: place!.code,
        placeName: place!.name,
        pastVote: 'Us',
        intention: 'Undecided',
        text: 'You never came round here.',
        recordedByAccountId: account.id,
        idempotencyKey: 'key-1',
        createdAt: at(2),
        ...overrides,
      });
    }

    it('stores a voter voice once per idempotency key and returns the first on a replay', async () => {
      const first = await aVoice();
      expect(first.created).toBe(true);
      const replay = await store.listening.recordVoterVoice({
        reviewId: review.id,
        placeId: null,
        placeCode: 'X',
        placeName: 'X',
        pastVote: null,
        intention: null,
        text: 'Something else entirely.',
        recordedByAccountId: account.id,
        idempotencyKey: 'key-1',
        createdAt: at(5),
      });
      expect(replay.created).toBe(false);
      expect(replay.voice).toEqual(first.voice);
      const voices = await store.listening.listVoterVoices(review.id);
      expect(voices).toHaveLength(1);
      expect(voices[0]).toMatchObject({
        placeCode: 'E14000001',
        placeName: 'Aldershot',
        text: 'You never came round here.',
      });

      // The key is unique per review, not across reviews.
      const other = await aReview('other-review');
      const elsewhere = await store.listening.recordVoterVoice({
        reviewId: other.id,
        placeId: null,
        placeCode: 'Y',
        placeName: 'Y',
        pastVote: null,
        intention: null,
        text: 'Another review.',
        recordedByAccountId: account.id,
        idempotencyKey: 'key-1',
        createdAt: at(6),
      });
      expect(elsewhere.created).toBe(true);
    });

    it('keeps a voice’s seat by code and name when the place list is replaced', async () => {
      const { voice } = await aVoice();
      await store.replacePlaces(review.id, [
        { code: 'W07000041', name: 'Ynys Môn', nameCy: null, region: 'Wales', attributes: {} },
      ]);
      expect(await store.listening.findVoterVoice(review.id, voice.id)).toMatchObject({
        placeId: null,
        placeCode: 'E14000001',
        placeName: 'Aldershot',
      });
    });

    it('has no column that could hold a voter’s name, email or address', async () => {
      const { voice } = await aVoice();
      const row = await store.listening.findVoterVoice(review.id, voice.id);
      expect(Object.keys(row ?? {}).filter((key) => /name|email|address/i.test(key))).toEqual(['placeName']);
    });

    it('links a promoted statement to its source', async () => {
      const statement = await store.createStatement({
        reviewId: review.id,
        text: 'You never came round here.',
        textKey: 'you never came round here',
        origin: 'participant',
        moderation: 'accepted',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: account.id,
        createdAt: at(3),
      });
      const { voice } = await aVoice();
      await store.listening.setStatementSource(review.id, statement.id, {
        sourceKind: 'voter_voice',
        sourceId: voice.id,
      });
      expect(await store.listening.listStatementSources(review.id)).toEqual([
        { statementId: statement.id, sourceKind: 'voter_voice', sourceId: voice.id },
      ]);
    });
  });
}
