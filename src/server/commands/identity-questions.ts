import type { UpdateIdentityQuestionBody } from '../../contract/identity.js';
import type { IdentityQuestionRow, ReviewRow, Store } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';

/**
 * Changing a review's identity questions. A question that anyone has answered is frozen: new wording,
 * options, a new place in the order or a different explanation of who sees what would change what
 * those answers mean, or what people agreed to when they gave them. Each command checks and writes in
 * one transaction.
 */

export async function updateIdentityQuestion(
  context: AppContext,
  review: ReviewRow,
  questionId: number,
  body: UpdateIdentityQuestionBody,
): Promise<Outcome<IdentityQuestionRow>> {
  return context.store.transaction(async (tx) => {
    const found = await findUnanswered(tx, review, questionId);
    if (!found.ok) return found;
    const question = found.value;
    if (question.usesPlaceList && body.options !== undefined) {
      return refuse('validation_failed', 'options: a place question takes its options from the place list.', [
        { field: 'options', message: 'A place question takes its options from the place list.' },
      ]);
    }
    if (question.usesPlaceList && body.kind !== undefined && body.kind !== 'seat') {
      return refuse('validation_failed', 'kind: a place question is about a seat.', [
        { field: 'kind', message: 'A place question is about a seat.' },
      ]);
    }
    const updated = await tx.updateIdentityQuestion(review.id, questionId, body);
    if (updated === undefined) return notFound(questionId);
    return ok(updated);
  });
}

export async function deleteIdentityQuestion(
  context: AppContext,
  review: ReviewRow,
  questionId: number,
): Promise<Outcome<void>> {
  return context.store.transaction(async (tx) => {
    const found = await findUnanswered(tx, review, questionId);
    if (!found.ok) return found;
    await tx.deleteIdentityQuestion(review.id, questionId);
    return ok(undefined);
  });
}

/** Puts the questions in a new order; questions that would move must have no answers. */
export async function reorderIdentityQuestions(
  context: AppContext,
  review: ReviewRow,
  questionIds: number[],
): Promise<Outcome<IdentityQuestionRow[]>> {
  return context.store.transaction(async (tx) => {
    const questions = await tx.listIdentityQuestions(review.id);
    const current = questions.map((question) => question.id);
    const sameSet =
      current.length === questionIds.length && current.every((questionId) => questionIds.includes(questionId));
    if (!sameSet) {
      return refuse('validation_failed', 'questionIds: list every question of this review, each once.', [
        { field: 'questionIds', message: 'List every question of this review, each once.' },
      ]);
    }
    const answered = await tx.answeredIdentityQuestionIds(review.id);
    const moved = questions.filter((question, index) => questionIds[index] !== question.id);
    const frozen = moved.filter((question) => answered.has(question.id));
    if (frozen.length > 0) {
      return refuse(
        'question_answered',
        `Participants have answered ${frozen.map((question) => `"${question.prompt}"`).join(', ')}, so ${
          frozen.length === 1 ? 'it keeps its place' : 'they keep their places'
        }. Questions with answers cannot move.`,
        frozen.map((question) => ({
          field: `questionIds.${questionIds.indexOf(question.id)}`,
          message: 'This question has answers, so it cannot move.',
        })),
      );
    }
    await tx.reorderIdentityQuestions(review.id, questionIds);
    return ok(await tx.listIdentityQuestions(review.id));
  });
}

async function findUnanswered(
  store: Store,
  review: ReviewRow,
  questionId: number,
): Promise<Outcome<IdentityQuestionRow>> {
  const question = (await store.listIdentityQuestions(review.id)).find((candidate) => candidate.id === questionId);
  if (question === undefined) return notFound(questionId);
  if ((await store.answeredIdentityQuestionIds(review.id)).has(questionId)) {
    return refuse(
      'question_answered',
      `Participants have answered "${question.prompt}", so it can no longer be edited, moved or deleted: their answers would come to mean something else. Add a new question instead.`,
    );
  }
  return ok(question);
}

function notFound<T>(questionId: number): Outcome<T> {
  return refuse('question_not_found', `Question ${questionId} is not part of this review.`);
}
