import { z } from 'zod';
import { eventIdParams, eventQuestionParams, myEventAnswersSchema } from '../../../contract/events.js';
import { placeOptionSchema } from '../../../contract/places.js';
import { participantCookie } from '../../auth/session.js';
import { eventPlaceOptions, myEventAnswers } from '../../commands/events-answers.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';

const tags = ['events'];

/** What the registration form needs beyond the event itself: the visitor's own answers and place lists. */
export function registerEventAnswerRoutes(app: App, context: AppContext): void {
  app.get(
    '/events/:eventId/my-answers',
    {
      schema: {
        tags,
        summary:
          "This browser's own answers to the linked review's identity questions (from its participant cookie), to offer as a prefill; empty without one",
        params: eventIdParams,
        response: { 200: myEventAnswersSchema },
      },
    },
    async (request, reply) => {
      const answers = unwrap(
        await myEventAnswers(
          context,
          request.params.eventId,
          (reviewId) => request.cookies[participantCookie(reviewId)],
        ),
      );
      // Special-category data for one person: never stored by a shared cache.
      return reply.header('cache-control', 'private, no-store').send(answers);
    },
  );

  app.get(
    '/events/:eventId/questions/:questionId/places',
    {
      schema: {
        tags,
        summary: "The choices of a place question of the event's review, for the seat picker",
        params: eventQuestionParams,
        response: { 200: z.array(placeOptionSchema) },
      },
    },
    async (request) => unwrap(await eventPlaceOptions(context, request.params.eventId, request.params.questionId)),
  );
}
