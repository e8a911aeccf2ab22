import type { IdentityQuestionRow, ReviewRow, Store } from '../../store/store.js';
import { type Outcome, refuse } from '../errors.js';

/**
 * Checks that stand between a participant and taking part, beside the review's status: an archived
 * review takes nothing, and required identity questions come before any vote or statement.
 */

/** A refusal when the review is archived, else undefined. `what` says what it will not take. */
export function refuseIfArchived(review: ReviewRow, what: string): Outcome<never> | undefined {
  if (review.archivedAt === null) return undefined;
  return refuse('review_archived', `The review "${review.title}" is archived; it takes no ${what}.`);
}

/**
 * A refusal naming each required question the participant has not answered, else undefined. The
 * fields are `identityAnswers.<questionId>` so the page can point at each question.
 */
export async function refuseUntilRequiredAnswered(
  store: Store,
  review: ReviewRow,
  participantId: number,
): Promise<Outcome<never> | undefined> {
  return refuseMissingAnswers(await store.listUnansweredRequiredQuestions(review.id, participantId));
}

/**
 * The same check on questions and answers already read (the vote route reads them anyway for its
 * answer): the required questions, in order, without an answer.
 */
export function refuseUntilRequiredAnsweredIn(
  questions: readonly IdentityQuestionRow[],
  answers: ReadonlyMap<number, number>,
): Outcome<never> | undefined {
  return refuseMissingAnswers(questions.filter((question) => question.required && !answers.has(question.id)));
}

function refuseMissingAnswers(missing: ReadonlyArray<{ id: number; prompt: string }>): Outcome<never> | undefined {
  if (missing.length === 0) return undefined;
  const prompts = missing.map((question) => `"${question.prompt}"`).join(', ');
  return refuse(
    'identity_answers_required',
    `Answer ${missing.length === 1 ? 'this question' : 'these questions'} about yourself first: ${prompts}.`,
    missing.map((question) => ({
      field: `identityAnswers.${question.id}`,
      message: `"${question.prompt}" needs an answer before you vote.`,
    })),
  );
}
