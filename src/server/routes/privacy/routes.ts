import { z } from 'zod';
import { erasureResultSchema, myDataSchema, privacyNoticeQuery, privacyNoticeSchema } from '../../../contract/index.js';
import { participantCookie } from '../../auth/session.js';
import { eraseParticipantData, exportParticipantData } from '../../commands/privacy.js';
import type { App, AppContext } from '../../context.js';
import { AppError, unwrap } from '../../errors.js';
import { findParticipant, loadVisibleReview } from '../participation/resolve.js';
import { buildPrivacyNotice } from './notice.js';

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const tags = ['privacy'];

/**
 * A participant's rights over their data in one review, for whoever holds the review's participant
 * cookie (there is no other identity to check), and the review's privacy notice for anyone.
 */
export function registerPrivacyRoutes(app: App, context: AppContext): void {
  app.get(
    '/reviews/:slug/my-data',
    {
      schema: {
        tags,
        summary: 'Download everything this review holds about this participant, as JSON',
        params: slugParams,
        response: { 200: myDataSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      if (!participant) throw new AppError('no_participant_data', 'This browser has not taken part in this review.');
      const data = unwrap(await exportParticipantData(context, review, participant));
      // Special-category data: no cache along the way may keep a copy.
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `attachment; filename="${review.slug}-my-data.json"`);
      return data;
    },
  );

  app.delete(
    '/reviews/:slug/my-data',
    {
      schema: {
        tags,
        summary: 'Erase this participant from the review; their votes are removed or anonymised as the review says',
        params: slugParams,
        response: { 200: erasureResultSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      if (!participant) throw new AppError('no_participant_data', 'This browser has not taken part in this review.');
      const result = unwrap(await eraseParticipantData(context, review, participant));
      reply.clearCookie(participantCookie(review.id), { path: '/' });
      return result;
    },
  );

  app.get(
    '/reviews/:slug/privacy',
    {
      schema: {
        tags,
        summary: 'The review’s privacy notice, written from its settings, in English or Welsh',
        params: slugParams,
        querystring: privacyNoticeQuery,
        response: { 200: privacyNoticeSchema },
      },
    },
    async (request) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      return buildPrivacyNotice(review, request.query.lang, context.now().toISOString());
    },
  );
}
