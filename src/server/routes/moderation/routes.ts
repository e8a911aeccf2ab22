import { z } from 'zod';
import {
  bulkAcceptBody,
  bulkModerationResultSchema,
  bulkRejectBody,
  editStatementBody,
  moderationEventSchema,
  moderationItemSchema,
  moderationQueueQuery,
  moderationQueueSchema,
  rejectStatementBody,
  statementMetaBody,
} from '../../../contract/index.js';
import {
  buildModerationQueue,
  describeForModeration,
  editStatementText,
  moderateStatements,
  moderationHistory,
  setStatementMeta,
} from '../../commands/moderation.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { presentModerationEvent } from '../../presenters/moderation.js';
import { authoriseReview } from '../authorise.js';

const tags = ['moderation'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const statementParams = slugParams.extend({
  statementId: z.coerce.number().int().positive('A statement id is a positive whole number.'),
});

/**
 * The moderation queue: list, accept, reject with a reason, fix a typo before any vote, mark meta, and
 * bulk accept / reject. Every route declares the `moderate` permission (checked before validation,
 * and again by `authoriseReview` for the review it acts on); state-changing ones name their audit
 * action so the audit hook records who did what.
 */
export function registerModerationRoutes(app: App, context: AppContext): void {
  const base = '/manage/reviews/:slug/moderation';

  app.get(
    base,
    {
      config: { permission: 'moderate' },
      schema: {
        tags,
        summary: 'The moderation queue: pending first, oldest first; filters, counts, pages, likely duplicates',
        params: slugParams,
        querystring: moderationQueueQuery,
        response: { 200: moderationQueueSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'moderate');
      return buildModerationQueue(context, review, request.query);
    },
  );

  app.post(
    `${base}/accept`,
    {
      config: { permission: 'moderate', audit: 'statement.bulk-accept' },
      schema: {
        tags,
        summary: 'Accept several statements (all or none)',
        params: slugParams,
        body: bulkAcceptBody,
        response: { 200: bulkModerationResultSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const changed = unwrap(
        await moderateStatements(context, review, account, {
          statementIds: request.body.statementIds,
          moderation: 'accepted',
          reason: null,
        }),
      );
      return { changed: await describeForModeration(context, review, changed) };
    },
  );

  app.post(
    `${base}/reject`,
    {
      config: { permission: 'moderate', audit: 'statement.bulk-reject' },
      schema: {
        tags,
        summary: 'Reject several statements with one reason (all or none)',
        params: slugParams,
        body: bulkRejectBody,
        response: { 200: bulkModerationResultSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const changed = unwrap(
        await moderateStatements(context, review, account, {
          statementIds: request.body.statementIds,
          moderation: 'rejected',
          reason: request.body.reason,
        }),
      );
      return { changed: await describeForModeration(context, review, changed) };
    },
  );

  app.post(
    `${base}/statements/:statementId/accept`,
    {
      config: { permission: 'moderate', audit: 'statement.accept' },
      schema: {
        tags,
        summary: 'Accept a statement',
        params: statementParams,
        response: { 200: moderationItemSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const [changed] = unwrap(
        await moderateStatements(context, review, account, {
          statementIds: [request.params.statementId],
          moderation: 'accepted',
          reason: null,
        }),
      );
      const [item] = await describeForModeration(context, review, changed ? [changed] : []);
      return item!;
    },
  );

  app.post(
    `${base}/statements/:statementId/reject`,
    {
      config: { permission: 'moderate', audit: 'statement.reject' },
      schema: {
        tags,
        summary: 'Reject a statement, with a reason kept for the record',
        params: statementParams,
        body: rejectStatementBody,
        response: { 200: moderationItemSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const [changed] = unwrap(
        await moderateStatements(context, review, account, {
          statementIds: [request.params.statementId],
          moderation: 'rejected',
          reason: request.body.reason,
        }),
      );
      const [item] = await describeForModeration(context, review, changed ? [changed] : []);
      return item!;
    },
  );

  app.patch(
    `${base}/statements/:statementId`,
    {
      config: { permission: 'moderate', audit: 'statement.edit' },
      schema: {
        tags,
        summary: 'Fix a typo in a statement nobody has voted on yet (409 once it has votes)',
        params: statementParams,
        body: editStatementBody,
        response: { 200: moderationItemSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const edited = unwrap(
        await editStatementText(context, review, account, request.params.statementId, request.body.text),
      );
      const [item] = await describeForModeration(context, review, [edited]);
      return item!;
    },
  );

  app.put(
    `${base}/statements/:statementId/meta`,
    {
      config: { permission: 'moderate', audit: 'statement.meta' },
      schema: {
        tags,
        summary: 'Mark or unmark a statement as meta (about the review itself, left out of the analysis)',
        params: statementParams,
        body: statementMetaBody,
        response: { 200: moderationItemSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const updated = unwrap(
        await setStatementMeta(context, review, account, request.params.statementId, request.body.isMeta),
      );
      const [item] = await describeForModeration(context, review, [updated]);
      return item!;
    },
  );

  app.get(
    `${base}/statements/:statementId/history`,
    {
      config: { permission: 'moderate' },
      schema: {
        tags,
        summary: 'A statement’s moderation record: who accepted, rejected (and why), edited or marked it, when',
        params: statementParams,
        response: { 200: z.array(moderationEventSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'moderate');
      return unwrap(await moderationHistory(context, review, request.params.statementId)).map(presentModerationEvent);
    },
  );
}
