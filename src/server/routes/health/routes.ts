import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError } from '../../errors.js';

/** Liveness with the database kind, for load balancers and the README's first check. */
export function registerHealthRoutes(app: App, context: AppContext): void {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Answers 200 with the database kind once the store is ready',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      try {
        await context.store.ping();
      } catch {
        throw new AppError('unavailable', 'The database is not answering.');
      }
      return { status: 'ok' as const, database: context.store.kind };
    },
  );
}
