import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { resultsSchema } from '../../../contract/index.js';
import type { App, AppContext } from '../../context.js';
import { authoriseResults } from './access.js';
import { buildResults } from './build-results.js';
import { buildReportExtras } from './report-extras.js';

const tags = ['results'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** A comment line every so often keeps proxies and load balancers from closing a quiet stream. */
const heartbeatMs = 15_000;

/** The live results page's data and its server-sent events. */
export function registerResultsRoutes(app: App, context: AppContext): void {
  app.get(
    '/reviews/:slug/results',
    {
      schema: {
        tags,
        summary:
          'The review’s results: counts, opinion map, groups, common ground, divides, surprises and breakdowns, and when present feedback counts, themes of open answers and published event outcomes (small cells suppressed)',
        params: slugParams,
        response: { 200: resultsSchema },
      },
    },
    async (request, reply) => {
      const { review, participant } = await authoriseResults(context, request, request.params.slug);
      // Personal (the viewer's own position) and changing with each analysis: never cached by others.
      void reply.header('cache-control', 'private, no-store');
      const [results, extras] = await Promise.all([
        buildResults(context.store, review, participant),
        buildReportExtras(context.store, review, context.now().toISOString()),
      ]);
      return { ...results, ...extras };
    },
  );

  const openStreams = new Set<ServerResponse>();
  // Fastify waits for open connections on close; an event stream never ends by itself.
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
    openStreams.clear();
  });

  app.get(
    '/reviews/:slug/results/events',
    {
      schema: {
        tags,
        summary:
          'Server-sent events: `analysis` with `{ version }` now and whenever a new analysis is saved (refetch the results then)',
        params: slugParams,
      },
      // One long request per open page; reconnections are spaced by the `retry` the stream sends.
      config: { rateLimit: false },
    },
    async (request, reply) => {
      const { review } = await authoriseResults(context, request, request.params.slug);
      const latest = await context.store.latestAnalysis(review.id);
      reply.hijack();
      const stream = reply.raw;
      // Headers set so far (security headers from helmet) are kept: writeHead merges them.
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream and deliver events late.
        'x-accel-buffering': 'no',
      });
      openStreams.add(stream);
      const send = (version: number) => stream.write(`event: analysis\ndata: ${JSON.stringify({ version })}\n\n`);
      stream.write('retry: 3000\n\n');
      send(latest?.version ?? 0);
      const unsubscribe = context.analysisEvents.subscribe(review.id, (event) => send(event.version));
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(stream);
      };
      request.raw.once('close', stop);
      stream.once('close', stop);
      stream.once('error', stop);
    },
  );
}
