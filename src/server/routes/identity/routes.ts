import { z } from 'zod';
import {
  identityQuestionParams,
  identityQuestionSchema,
  managedReviewSchema,
  reorderIdentityQuestionsBody,
  updateIdentityQuestionBody,
} from '../../../contract/index.js';
import {
  deleteIdentityQuestion,
  reorderIdentityQuestions,
  updateIdentityQuestion,
} from '../../commands/identity-questions.js';
import { setReviewArchived } from '../../commands/manage.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { presentIdentityQuestion, presentManagedReview } from '../../presenters/presenters.js';
import { authoriseReview } from '../authorise.js';

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const tags = ['organise'];

/** Editing, reordering and deleting identity questions (until answered), and archiving reviews. */
export function registerIdentityQuestionRoutes(app: App, context: AppContext): void {
  app.patch(
    '/manage/reviews/:slug/identity-questions/:questionId',
    {
      config: { permission: 'editReview', audit: 'identity-question.update' },
      schema: {
        tags,
        summary: 'Edit a question that nobody has answered yet (409 once answered)',
        params: identityQuestionParams,
        body: updateIdentityQuestionBody,
        response: { 200: identityQuestionSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      const question = unwrap(await updateIdentityQuestion(context, review, request.params.questionId, request.body));
      return presentIdentityQuestion(question);
    },
  );

  app.delete(
    '/manage/reviews/:slug/identity-questions/:questionId',
    {
      config: { permission: 'editReview', audit: 'identity-question.delete' },
      schema: {
        tags,
        summary: 'Delete a question that nobody has answered yet (409 once answered)',
        params: identityQuestionParams,
      },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      unwrap(await deleteIdentityQuestion(context, review, request.params.questionId));
      return reply.code(204).send();
    },
  );

  app.put(
    '/manage/reviews/:slug/identity-questions/order',
    {
      config: { permission: 'editReview', audit: 'identity-question.reorder' },
      schema: {
        tags,
        summary: 'Put the questions in a new order (every question once; answered ones cannot move)',
        params: slugParams,
        body: reorderIdentityQuestionsBody,
        response: { 200: z.array(identityQuestionSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      const questions = unwrap(await reorderIdentityQuestions(context, review, request.body.questionIds));
      return questions.map(presentIdentityQuestion);
    },
  );

  for (const [method, archived] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/manage/reviews/:slug/archive',
      config: { permission: 'editReview', audit: archived ? 'review.archive' : 'review.unarchive' },
      schema: {
        tags,
        summary: archived
          ? 'Archive a review: closed to participation, hidden from the public and default lists'
          : 'Bring an archived review back, as it was',
        params: slugParams,
        response: { 200: managedReviewSchema },
      },
      handler: async (request) => {
        const { review, role } = await authoriseReview(context, request, request.params.slug, 'editReview');
        const updated = await setReviewArchived(context, review, archived);
        return presentManagedReview(updated, role, await context.store.reviewCounts(updated.id));
      },
    });
  }
}
