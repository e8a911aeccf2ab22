import { expect } from 'vitest';
import { openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { AnalysisRunner } from '../../../worker/analysis-runner.js';
import { hashToken, newToken } from '../../auth/tokens.js';

/** Test support for the results and export tests (not shipped code). */
/** Statements 0–4 split the planted groups one way, 5–9 the other; 10 and 11 everyone agrees with. */
export const statementTexts = Array.from({ length: 12 }, (_, index) =>
  index >= 10 ? `Everyone agrees with statement ${index}.` : `Divisive statement number ${index}.`,
);
export const traditions = ['Labour', 'Green', 'Liberal', 'Independent'];

export interface PlantedReview {
  owner: TestClient;
  slug: string;
  reviewId: number;
  statementIds: number[];
  questionId: number;
  /** What each participant answered (option label or null) and their votes. */
  people: Array<{ participantId: number; tradition: string | null; votes: Map<number, number> }>;
  runner: AnalysisRunner;
}

/**
 * A review with two planted opinion groups of 30: group A is 25 Labour + 4 Liberal + 1 Independent;
 * group B is 25 Green + 5 who did not answer. Liberal (4) and Independent (1) are small cells.
 */
export async function plantReview(api: TestApi): Promise<PlantedReview> {
  const { owner, slug } = await openReviewWithStatements(api, statementTexts);
  const review = await api.store.findReviewBySlug(slug);
  if (!review) throw new Error('no review');
  const statementIds = (await api.store.listStatements(review.id))
    .map((statement) => statement.id)
    .sort((a, b) => a - b);
  const question = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
    prompt: 'Which tradition do you feel closest to?',
    kind: 'tradition',
    options: traditions,
  });
  expect(question.statusCode).toBe(201);
  const { id: questionId, options } = question.json<{ id: number; options: Array<{ id: number; label: string }> }>();
  const optionId = new Map(options.map((option) => [option.label, option.id]));
  const now = api.clock.now.toISOString();
  const people: PlantedReview['people'] = [];
  for (let person = 0; person < 60; person++) {
    const inA = person < 30;
    const tradition = inA
      ? person < 25
        ? 'Labour'
        : person < 29
          ? 'Liberal'
          : 'Independent'
      : person < 55
        ? 'Green'
        : null;
    const participant = await api.store.createParticipant({
      reviewId: review.id,
      tokenHash: hashToken(newToken()),
      seed: person,
      createdAt: now,
    });
    if (tradition) {
      await api.store.setIdentityAnswer({
        participantId: participant.id,
        questionId,
        optionId: optionId.get(tradition) ?? -1,
        answeredAt: now,
      });
    }
    const votes = new Map<number, number>();
    statementIds.forEach((statementId, index) => {
      const agreeing = index >= 10 || index < 5 === inA;
      // One in seven votes is a pass, so the groups are not perfectly uniform.
      votes.set(statementId, (person + index) % 7 === 0 ? 0 : agreeing ? 1 : -1);
    });
    for (const [statementId, value] of votes) {
      await api.store.recordVote({
        reviewId: review.id,
        participantId: participant.id,
        statementId,
        value: value as -1 | 0 | 1,
        votedAt: now,
      });
    }
    people.push({ participantId: participant.id, tradition, votes });
  }
  const runner = new AnalysisRunner(api.store, {
    debounceMs: 0,
    inline: true,
    onAnalysisSaved: (event) => api.context.analysisEvents.publish(event),
  });
  await runner.runNow(review.id);
  return { owner, slug, reviewId: review.id, statementIds, questionId, people, runner };
}
