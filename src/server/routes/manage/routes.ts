import { z } from 'zod';
import {
  analysisSummarySchema,
  createIdentityQuestionBody,
  createReviewBody,
  identityQuestionSchema,
  managedIdentityQuestionSchema,
  managedReviewSchema,
  managedReviewsQuery,
  managedStatementSchema,
  moderateStatementBody,
  seedStatementsBody,
  updateReviewBody,
} from '../../../contract/index.js';
import type { ReviewRole } from '../../../core/review-rules.js';
import type { ReviewRow, StatementRow } from '../../../store/store.js';
import { requireAccount } from '../../auth/session.js';
import {
  addSeedStatements,
  createIdentityQuestion,
  createInvite,
  createReview,
  moderateStatement,
  updateReview,
} from '../../commands/manage.js';
import { moderateStatements, setStatementMeta } from '../../commands/moderation.js';
import type { App, AppContext } from '../../context.js';
import { AppError, unwrap } from '../../errors.js';
import { presentIdentityQuestion, presentManagedReview, presentManagedStatement } from '../../presenters/presenters.js';
import { authoriseReview } from '../authorise.js';

const tags = ['organise'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const statementParams = slugParams.extend({
  statementId: z.coerce.number().int().positive('A statement id is a positive whole number.'),
});

/** The minimum console to run a review: create and edit it, seed statements, questions, moderation, invites. */
export function registerManageRoutes(app: App, context: AppContext): void {
  const present = async (review: ReviewRow, role: ReviewRole) =>
    presentManagedReview(review, role, await context.store.reviewCounts(review.id));

  app.get(
    '/manage/reviews',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'Reviews you have a role on (archived ones only with ?archived=true)',
        querystring: managedReviewsQuery,
        response: { 200: z.array(managedReviewSchema) },
      },
    },
    async (request) => {
      const account = requireAccount(request);
      const reviews = await context.store.listReviewsForAccount(account.id, {
        archived: request.query.archived === 'true',
      });
      return Promise.all(reviews.map((review) => present(review, review.role)));
    },
  );

  app.post(
    '/manage/reviews',
    {
      config: { permission: 'signedIn', audit: 'review.create' },
      schema: {
        tags,
        summary: 'Create a review (you become its owner)',
        body: createReviewBody,
        response: { 201: managedReviewSchema },
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const review = unwrap(await createReview(context, account, request.body));
      return reply.code(201).send(await present(review, 'owner'));
    },
  );

  app.get(
    '/manage/reviews/:slug',
    {
      config: { permission: 'view' },
      schema: { tags, summary: 'One of your reviews', params: slugParams, response: { 200: managedReviewSchema } },
    },
    async (request) => {
      const { review, role } = await authoriseReview(context, request, request.params.slug, 'view');
      return present(review, role);
    },
  );

  app.patch(
    '/manage/reviews/:slug',
    {
      config: { permission: 'editReview', audit: 'review.update' },
      schema: {
        tags,
        summary: 'Edit, open or close a review',
        params: slugParams,
        body: updateReviewBody,
        response: { 200: managedReviewSchema },
      },
    },
    async (request) => {
      const { review, role } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return present(await updateReview(context, review, request.body), role);
    },
  );

  app.get(
    '/manage/reviews/:slug/statements',
    {
      config: { permission: 'view' },
      schema: {
        tags,
        summary: 'All statements with their tallies',
        params: slugParams,
        response: { 200: z.array(managedStatementSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'view');
      const [statements, tallies] = await Promise.all([
        context.store.listStatements(review.id),
        context.store.statementTallies(review.id),
      ]);
      return statements.map((statement) => presentManagedStatement(statement, tallies.get(statement.id)));
    },
  );

  app.post(
    '/manage/reviews/:slug/statements',
    {
      config: { permission: 'editReview', audit: 'statement.seed' },
      schema: {
        tags,
        summary: 'Add seed statements (all or none)',
        params: slugParams,
        body: seedStatementsBody,
        response: { 201: z.array(managedStatementSchema) },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'editReview');
      const created = unwrap(await addSeedStatements(context, review, account, request.body.statements));
      return reply.code(201).send(created.map((statement) => presentManagedStatement(statement, undefined)));
    },
  );

  app.patch(
    '/manage/reviews/:slug/statements/:statementId',
    {
      config: { permission: 'moderate', audit: 'statement.moderate' },
      schema: {
        tags,
        summary: 'Accept, reject (with a reason) or mark a statement meta; the queue routes do each apart',
        params: statementParams,
        body: moderateStatementBody,
        response: { 200: managedStatementSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const { moderation, isMeta, reason } = request.body;
      const { statementId } = request.params;
      // Accepting and rejecting go through the moderation record (who, when, why), as in the queue.
      let statement: StatementRow =
        moderation === 'pending'
          ? unwrap(await moderateStatement(context, review, statementId, { moderation }))
          : unwrap(
              await moderateStatements(context, review, account, {
                statementIds: [statementId],
                moderation,
                reason: reason ?? null,
              }),
            )[0]!;
      if (isMeta !== undefined && isMeta !== statement.isMeta) {
        statement = unwrap(await setStatementMeta(context, review, account, statementId, isMeta));
      }
      const tallies = await context.store.statementTallies(review.id);
      return presentManagedStatement(statement, tallies.get(statement.id));
    },
  );

  app.get(
    '/manage/reviews/:slug/identity-questions',
    {
      config: { permission: 'view' },
      schema: {
        tags,
        summary: 'The review’s identity questions, each saying whether it has answers yet',
        params: slugParams,
        response: { 200: z.array(managedIdentityQuestionSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'view');
      const [questions, answered] = await Promise.all([
        context.store.listIdentityQuestions(review.id),
        context.store.answeredIdentityQuestionIds(review.id),
      ]);
      return questions.map((question) => ({
        ...presentIdentityQuestion(question),
        answered: answered.has(question.id),
      }));
    },
  );

  app.post(
    '/manage/reviews/:slug/identity-questions',
    {
      config: { permission: 'editReview', audit: 'identity-question.create' },
      schema: {
        tags,
        summary: 'Add an identity question (optional or required) with its options, or offering the place list',
        params: slugParams,
        body: createIdentityQuestionBody,
        response: { 201: identityQuestionSchema },
      },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      const question = unwrap(await createIdentityQuestion(context, review, request.body));
      return reply.code(201).send(presentIdentityQuestion(question));
    },
  );

  app.get(
    '/manage/reviews/:slug/analysis',
    {
      config: { permission: 'viewResults' },
      schema: {
        tags,
        summary:
          'The latest analysis: opinion groups, consensus, common ground, bridging, per-group and per-tradition rates',
        params: slugParams,
        response: { 200: analysisSummarySchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'viewResults');
      const latest = await context.store.latestAnalysis(review.id);
      if (!latest) {
        throw new AppError(
          'analysis_not_ready',
          'This review has no analysis yet; it is made a few seconds after votes arrive.',
        );
      }
      return {
        ...analysisSummarySchema
          .omit({ version: true, createdAt: true, voteEventCount: true })
          .parse(JSON.parse(latest.result)),
        version: latest.version,
        createdAt: latest.createdAt,
        voteEventCount: latest.voteEventCount,
      };
    },
  );

  app.post(
    '/manage/reviews/:slug/invites',
    {
      config: { permission: 'invite', audit: 'invite.create' },
      schema: {
        tags,
        summary: 'Create a one-off invite link (shown once)',
        params: slugParams,
        response: { 201: z.object({ url: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'invite');
      return reply.code(201).send(await createInvite(context, review, account));
    },
  );
}
