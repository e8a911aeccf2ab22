import { z } from 'zod';
import { auditPageSchema, auditQuery } from '../../../contract/team.js';
import { listAudit } from '../../commands/audit.js';
import type { App, AppContext } from '../../context.js';
import { presentAuditEvent } from '../../presenters/team.js';
import { authoriseReview } from '../authorise.js';

const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** The review's audit log, for its owners. */
export function registerAuditRoutes(app: App, context: AppContext): void {
  app.get(
    '/manage/reviews/:slug/audit',
    {
      config: { permission: 'viewAudit' },
      schema: {
        tags: ['audit'],
        summary: 'Who did what and when, newest first, a page at a time (owners only)',
        params: slugParams,
        querystring: auditQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'viewAudit');
      const page = await listAudit(context, review, { limit: request.query.limit, before: request.query.before });
      return { events: page.events.map(presentAuditEvent), nextBefore: page.nextBefore };
    },
  );
}
