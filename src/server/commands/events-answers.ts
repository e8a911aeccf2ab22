import type { MyEventAnswers } from '../../contract/events.js';
import type { PlaceOption } from '../../contract/places.js';
import type { EventRow } from '../../store/event-store.js';
import { hashToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { placeOptions } from './places.js';

/** An event anyone may see (published, cancelled or finished), as on its public page. */
async function findVisibleEvent(context: AppContext, eventId: number): Promise<Outcome<EventRow>> {
  const event = await context.store.events.findEvent(eventId);
  if (!event || event.status === 'draft' || event.status === 'proposed') {
    return refuse('event_not_found', `There is no event ${eventId}.`);
  }
  return ok(event);
}

/**
 * The identity answers of the participant behind `participantToken` (this browser's own cookie for
 * the event's review), limited to the review's current questions and options. No token, an unknown
 * token or a standalone event: no answers. The token is the only key, so nobody can ask for another
 * person's answers.
 */
export async function myEventAnswers(
  context: AppContext,
  eventId: number,
  participantToken: (reviewId: number) => string | undefined,
): Promise<Outcome<MyEventAnswers>> {
  const found = await findVisibleEvent(context, eventId);
  if (!found.ok) return found;
  const reviewId = found.value.reviewId;
  const token = reviewId === null ? undefined : participantToken(reviewId);
  if (reviewId === null || !token) return ok({ answers: [] });
  const participant = await context.store.findParticipantByTokenHash(reviewId, hashToken(token));
  if (!participant) return ok({ answers: [] });
  const [questions, answered] = await Promise.all([
    context.store.listIdentityQuestions(reviewId),
    context.store.listIdentityAnswers(participant.id),
  ]);
  const answers = questions.flatMap((question) => {
    const optionId = answered.get(question.id);
    return optionId !== undefined && question.options.some((option) => option.id === optionId)
      ? [{ questionId: question.id, optionId }]
      : [];
  });
  return ok({ answers });
}

/** The places of a place question of the event's review, for the registration form's seat picker. */
export async function eventPlaceOptions(
  context: AppContext,
  eventId: number,
  questionId: number,
): Promise<Outcome<PlaceOption[]>> {
  const found = await findVisibleEvent(context, eventId);
  if (!found.ok) return found;
  const review = found.value.reviewId === null ? undefined : await context.store.findReviewById(found.value.reviewId);
  const options = review ? await placeOptions(context.store, review, questionId) : undefined;
  if (options === undefined) {
    return refuse('question_not_found', `Question ${questionId} is not a place question of this event.`);
  }
  return ok(options);
}
