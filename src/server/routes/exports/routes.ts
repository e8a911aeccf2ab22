import { z } from 'zod';
import { exportFiles } from '../../../contract/index.js';
import type { App, AppContext } from '../../context.js';
import { authoriseReview } from '../authorise.js';
import { buildExport } from './exports.js';

const exportParams = z.object({ slug: z.string().min(1).max(80), file: z.enum(exportFiles) });

/** Downloads for the review's team: statements, pseudonymised votes, groups and the report figures. */
export function registerExportRoutes(app: App, context: AppContext): void {
  app.get(
    '/reviews/:slug/export/:file',
    {
      schema: {
        tags: ['results'],
        summary:
          'Export statements, votes (participants pseudonymised afresh in every export), groups or report figures as CSV or JSON',
        params: exportParams,
      },
      // Not a change of state, but a copy of the votes leaving the system is worth a line in the log.
      config: { audit: 'results.export' },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'viewResults');
      const { body, contentType } = await buildExport(context.store, review, request.params.file);
      return reply
        .header('content-type', contentType)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${review.slug}-${request.params.file}"`)
        .send(body);
    },
  );
}
