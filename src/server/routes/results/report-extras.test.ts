import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Results } from '../../../contract/index.js';
import { createTestApi, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { type PlantedReview, plantReview } from './planted-review.fixture.js';

const hours = 3_600_000;
const attendeeName = 'Gwenllian Attendee-Fourteen';
const attendeeEmail = 'gwenllian.attendee@example.org';

async function ownerAccountId(api: TestApi): Promise<number> {
  const account = await api.store.findAccountByEmail('owner@example.org');
  if (!account) throw new Error('The planted review has no owner account.');
  return account.id;
}

/** An event of the review with a registered attendee, outcomes, and a report finished `finishedAgoHours` ago. */
async function eventWithReport(
  api: TestApi,
  planted: PlantedReview,
  title: string,
  finishedAgoHours: number | null,
): Promise<number> {
  const accountId = await ownerAccountId(api);
  const now = api.clock.now.getTime();
  const event = await api.store.events.createEvent(
    {
      reviewId: planted.reviewId,
      type: 'listening',
      title,
      description: 'A listening evening.',
      format: 'in_person',
      venue: 'Neuadd y Dref',
      address: null,
      region: null,
      accessibilityNotes: null,
      meetingLink: null,
      startsAt: new Date(now - 100 * hours).toISOString(),
      endsAt: new Date(now - 98 * hours).toISOString(),
      timeZone: 'Europe/London',
      capacity: 40,
      status: 'published',
      proposedByAccountId: accountId,
      createdAt: new Date(now - 200 * hours).toISOString(),
      updatedAt: new Date(now - 200 * hours).toISOString(),
    },
    { accountId, role: 'host' },
  );
  await api.store.events.createRegistration({
    eventId: event.id,
    name: attendeeName,
    email: attendeeEmail,
    answers: [],
    opinionGroup: null,
    status: 'confirmed',
    position: null,
    manageTokenHash: `manage-${event.id}`,
    checkInTokenHash: `check-in-${event.id}`,
    createdAt: new Date(now - 150 * hours).toISOString(),
  });
  const outcomes = [
    ['agreement', `${title}: rebuild branch meetings around local issues`],
    ['disagreement', `${title}: whether to stand in every seat`],
    ['question', `${title}: who decides the candidate list?`],
    ['action', `${title}: write to every lapsed member`],
  ] as const;
  for (const [kind, text] of outcomes) {
    await api.store.eventOutcomes.createOutcome({
      eventId: event.id,
      kind,
      text,
      createdByAccountId: accountId,
      createdAt: new Date(now - 99 * hours).toISOString(),
    });
  }
  if (finishedAgoHours !== null) {
    await api.store.eventOutcomes.saveReport({
      eventId: event.id,
      summary: `${title} summary`,
      finishedAt: new Date(now - finishedAgoHours * hours).toISOString(),
      updatedAt: new Date(now - finishedAgoHours * hours).toISOString(),
    });
  }
  return event.id;
}

/** Answers written by planted participants, and a stored theme run over them: sizes 14, 12 and 1, 1 unclassified. */
async function themeRun(api: TestApi, planted: PlantedReview): Promise<{ answerTexts: string[] }> {
  const at = api.clock.now.toISOString();
  const prompt = await api.store.listening.createPrompt({
    reviewId: planted.reviewId,
    text: 'Why do you think we lost?',
    maxLength: 2000,
    createdAt: at,
  });
  const answers = [];
  for (const [index, person] of planted.people.slice(0, 28).entries()) {
    answers.push(
      await api.store.listening.savePromptAnswer({
        reviewId: planted.reviewId,
        promptId: prompt.id,
        participantId: person.participantId,
        text: `Answer number ${index} from someone about the doorstep`,
        at,
      }),
    );
  }
  const ids = answers.map((answer) => `a${answer.id}`);
  const theme = (id: string, automaticLabel: string, words: string[], answerIds: string[]) => ({
    id,
    label: automaticLabel,
    automaticLabel,
    customLabel: null,
    terms: words.map((word, rank) => ({ word, weight: 1 - rank / 10 })),
    answerIds,
    representativeAnswerIds: answerIds.slice(0, 3),
    clusterIds: [id],
  });
  const run = {
    version: 1,
    seed: 1,
    answerCount: ids.length,
    k: 3,
    kScores: [],
    clusters: [],
    themes: [
      theme(
        'theme-1',
        'doorstep leaflets',
        ['doorstep', 'leaflets', 'canvass', 'streets', 'knock', 'sixth'],
        ids.slice(0, 14),
      ),
      theme('theme-2', 'leader message', ['leader', 'message', 'media'], ids.slice(14, 26)),
      theme('theme-3', 'tiny rare', ['tiny', 'rare'], ids.slice(26, 27)),
    ],
    unclassifiedAnswerIds: ids.slice(27),
    nextThemeNumber: 4,
    appliedEdits: [],
    dormantEdits: [],
  };
  await api.store.themes.saveRun({
    reviewId: planted.reviewId,
    answerCount: ids.length,
    lastEditId: null,
    seed: 1,
    result: JSON.stringify(run),
    createdAt: at,
  });
  return { answerTexts: answers.map((answer) => answer.text) };
}

async function recordFeedback(api: TestApi, planted: PlantedReview, ratings: Array<number | null>): Promise<void> {
  for (const [index, rating] of ratings.entries()) {
    await api.store.listening.recordFeedback({
      reviewId: planted.reviewId,
      participantId: planted.people[index]?.participantId ?? null,
      rating,
      text: rating === null ? `Feedback words ${index}` : null,
      createdAt: api.clock.now.toISOString(),
    });
  }
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(
    `report's feedback, themes and event outcomes on ${factory.kind}`,
    () => {
      let api: TestApi;
      let planted: PlantedReview;
      beforeEach(async () => {
        api = await createTestApi(factory);
        planted = await plantReview(api);
        expect(
          (await planted.owner.patch(`/api/manage/reviews/${planted.slug}`, { resultsVisibility: 'public' }))
            .statusCode,
        ).toBe(200);
      });
      afterEach(async () => {
        await planted.runner.close();
        await api.close();
      });

      const publicResults = async () => {
        const response = await api.client().get(`/api/reviews/${planted.slug}/results`);
        expect(response.statusCode).toBe(200);
        return { results: response.json<Results>(), body: response.body };
      };

      it('leaves the sections out when the review has no feedback, themes or published event reports', async () => {
        // A report still open for suggestions (finished 10 hours ago) is not published yet.
        await eventWithReport(api, planted, 'Caerdydd evening', 10);
        await eventWithReport(api, planted, 'Unfinished evening', null);
        const { results } = await publicResults();
        expect(results.counts.participants).toBe(60);
        expect(results).not.toHaveProperty('feedback');
        expect(results).not.toHaveProperty('themes');
        expect(results).not.toHaveProperty('eventOutcomes');
      });

      it('counts feedback by rating, hiding counts under 10 so that none can be worked out', async () => {
        // 12 fives, 11 fours, a one and one with words only.
        await recordFeedback(api, planted, [...Array(12).fill(5), ...Array(11).fill(4), 1, null]);
        const { results, body } = await publicResults();
        const feedback = results.feedback;
        expect(feedback?.responses).toEqual({ state: 'shown', value: 25 });
        const byRating = new Map(feedback?.ratings.map((row) => [row.rating, row.count]));
        expect(byRating.get(5)).toEqual({ state: 'shown', value: 12 });
        expect(byRating.get(1)).toEqual({ state: 'small' });
        expect(byRating.get(null)).toEqual({ state: 'small' });
        expect(byRating.get(2)).toEqual({ state: 'shown', value: 0 });
        // With the total shown, the two hidden counts would add up to 2, so both 1: the 4s are hidden too.
        expect(byRating.get(4)).toEqual({ state: 'complement' });
        expect(body).not.toContain('Feedback words');
      });

      it('shows only "fewer than 10" when there are fewer than 10 feedback responses', async () => {
        await recordFeedback(api, planted, [5, 4, 4]);
        const { results } = await publicResults();
        expect(results.feedback).toEqual({ responses: { state: 'small' }, ratings: [], total: null });
      });

      it('summarises the latest theme run with renames, suppressed counts and no answer text', async () => {
        const { answerTexts } = await themeRun(api, planted);
        await api.store.themes.addEdit({
          reviewId: planted.reviewId,
          edit: JSON.stringify({ kind: 'rename', themeId: 'theme-2', label: 'The leader and the message' }),
          createdByAccountId: await ownerAccountId(api),
          createdAt: api.clock.now.toISOString(),
        });
        const { results, body } = await publicResults();
        const themes = results.themes;
        expect(themes?.themes.map((theme) => theme.label)).toEqual([
          'doorstep leaflets',
          'The leader and the message',
          'tiny rare',
        ]);
        expect(themes?.themes[0]).toMatchObject({
          count: { state: 'shown', value: 14 },
          terms: ['doorstep', 'leaflets', 'canvass', 'streets', 'knock'],
        });
        // 1 in a theme and 1 unclassified are fewer than 10, and would add up to 2: the 12 is hidden too.
        expect(themes?.themes[2]).toEqual({ label: 'tiny rare', count: { state: 'small' }, terms: [] });
        expect(themes?.unclassified).toEqual({ state: 'small' });
        expect(themes?.themes[1]?.count).toEqual({ state: 'complement' });
        for (const text of answerTexts) expect(body).not.toContain(text);
        expect(body).not.toMatch(/"a\d+"/);
        expect(body).not.toContain('participantId');
      });

      it('shows the published outcomes of the review’s events, never who came', async () => {
        await eventWithReport(api, planted, 'Abertawe evening', 80);
        await eventWithReport(api, planted, 'Still open evening', 5);
        const { results, body } = await publicResults();
        expect(results.eventOutcomes?.map((event) => event.title)).toEqual(['Abertawe evening']);
        const event = results.eventOutcomes?.[0];
        expect(event?.summary).toBe('Abertawe evening summary');
        expect(event?.sections.map((section) => section.kind)).toEqual([
          'agreement',
          'disagreement',
          'question',
          'action',
        ]);
        expect(event?.sections[0]?.items).toEqual(['Abertawe evening: rebuild branch meetings around local issues']);
        expect(body).not.toContain(attendeeName);
        expect(body).not.toContain(attendeeEmail);
        expect(body).not.toContain('Still open evening');
      });
    },
  );
}
