import { readFileSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App } from '../../context.js';

/** The loader another site includes; read once, at start, from its source in the web app. */
const loaderSource = readFileSync(new URL('../../../web/embed/embed-loader.js', import.meta.url), 'utf8');

const embedParams = z.object({ slug: z.string().min(1).max(80) });

export interface EmbedRouteOptions {
  /** dist/web, when built. */
  webRoot: string;
  hasWebBuild: boolean;
  /** The app's Content-Security-Policy directives, which the embed pages keep except for framing. */
  cspDirectives: Record<string, unknown>;
}

/**
 * The embeddable pages and their loader. Only /embed/:slug/vote and /embed/:slug/results may be
 * framed by any site (CSP frame-ancestors *, no X-Frame-Options); every other page keeps refusing to
 * be framed, so clickjacking the console or the full voting page stays impossible. /embed.js is a
 * script other sites load, so it is served with a cross-origin resource policy.
 */
export function registerEmbedRoutes(app: App, options: EmbedRouteOptions): void {
  const framable = {
    contentSecurityPolicy: { directives: { ...options.cspDirectives, frameAncestors: ['*'] } },
    frameguard: false,
  } as const;
  const sendShell = async (_request: unknown, reply: FastifyReply) => {
    if (!options.hasWebBuild) {
      return reply.code(503).type('text/plain').send('The web app is not built yet: run `npm run build:web`.');
    }
    return reply.type('text/html').sendFile('index.html', options.webRoot, { maxAge: 0 });
  };
  app.get('/embed/:slug/vote', { schema: { hide: true, params: embedParams }, helmet: framable }, sendShell);
  app.get('/embed/:slug/results', { schema: { hide: true, params: embedParams }, helmet: framable }, sendShell);

  app.get(
    '/embed.js',
    { schema: { hide: true }, helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } } },
    async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(loaderSource),
  );
}
