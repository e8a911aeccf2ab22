import type { FastifyRequest, RouteOptions } from 'fastify';
import type { App, AppContext } from '../context.js';

/**
 * Tighter per-route limits on the routes worth abusing, on top of the global per-address limit
 * (RATE_LIMIT_PER_MINUTE). One table, so README.md can list them and nobody has to hunt through
 * route files; applied as each route's `config.rateLimit`, which @fastify/rate-limit reads.
 *
 * `by: 'address'` counts per client address; `by: 'participant'` per address and participant
 * cookie, so people voting behind one shared address (a venue's Wi-Fi) each get their own budget.
 */
interface RouteLimit {
  method: string;
  url: string;
  perMinute: (context: AppContext) => number;
  by: 'address' | 'participant';
}

export const routeLimits: readonly RouteLimit[] = [
  { method: 'POST', url: '/api/sessions', perMinute: () => 10, by: 'address' },
  { method: 'POST', url: '/api/setup', perMinute: () => 10, by: 'address' },
  { method: 'POST', url: '/api/password-resets', perMinute: () => 5, by: 'address' },
  { method: 'POST', url: '/api/password-resets/complete', perMinute: () => 10, by: 'address' },
  {
    method: 'PUT',
    url: '/api/reviews/:slug/votes/:statementId',
    perMinute: (context) => context.config.voteRateLimitPerMinute,
    by: 'participant',
  },
  { method: 'POST', url: '/api/reviews/:slug/statements', perMinute: () => 10, by: 'participant' },
  { method: 'POST', url: '/api/reviews/:slug/join', perMinute: () => 30, by: 'address' },
  { method: 'POST', url: '/api/invites/:token/accept', perMinute: () => 20, by: 'address' },
  { method: 'POST', url: '/api/events/:eventId/registrations', perMinute: () => 10, by: 'address' },
];

function participantKey(request: FastifyRequest): string {
  const participantCookies = Object.entries(request.cookies)
    .filter(([name]) => name.startsWith('cg_participant_'))
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return `${request.ip}|${participantCookies.join(';')}`;
}

/**
 * Register before @fastify/rate-limit: its own onRoute hook, which runs after this one, reads the
 * `config.rateLimit` set here. Off when `routeRateLimits` is false (the API tests, which post far
 * faster than any person; security/rate-limits.test.ts turns them on).
 */
export function registerRouteLimits(app: App, context: AppContext): void {
  if (!context.config.routeRateLimits) return;
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limit = routeLimits.find((entry) => entry.url === route.url && methods.includes(entry.method));
    if (!limit) return;
    route.config = {
      ...route.config,
      rateLimit: {
        max: limit.perMinute(context),
        timeWindow: 60_000,
        ...(limit.by === 'participant' ? { keyGenerator: participantKey } : {}),
      },
    };
    if (limit.by === 'participant') {
      // A route's own limit replaces the global one, and a fresh cookie is a fresh participant key:
      // keep the per-address budget in front too, so dropping cookies does not lift every limit.
      const perAddress = app.rateLimit({ max: context.config.rateLimitPerMinute, timeWindow: 60_000 });
      route.onRequest = [perAddress, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())];
    }
  });
}
