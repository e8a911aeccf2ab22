import { z } from 'zod';
import { dashboardSchema } from '../../../contract/dashboard.js';
import type { App, AppContext } from '../../context.js';
import { authoriseReview } from '../authorise.js';
import { buildDashboard } from './build-dashboard.js';

const slugParams = z.object({ slug: z.string().min(1).max(80) });

export function registerDashboardRoutes(app: App, context: AppContext): void {
  app.get(
    '/manage/reviews/:slug/dashboard',
    {
      config: { permission: 'viewDashboard' },
      schema: {
        tags: ['organise'],
        summary:
          'Participants (total, verified, active today), votes, statements by state, identity answer counts with small cells suppressed',
        params: slugParams,
        response: { 200: dashboardSchema },
      },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'viewDashboard');
      void reply.header('cache-control', 'no-store');
      return buildDashboard(context, review);
    },
  );
}
