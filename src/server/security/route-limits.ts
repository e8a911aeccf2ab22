import type { FastifyRequest, RouteOptions } from 'fastify';
import { findParticipantForRequest } from '../auth/participant-lookup.js';
import type { App, AppContext } from '../context.js';

/**
 * Tighter per-route limits on the routes worth abusing, on top of the global per-address limit
 * (RATE_LIMIT_PER_MINUTE). One table, so README.md can list them and nobody has to hunt through
 * route files; applied as each route's `config.rateLimit`, which @fastify/rate-limit reads.
 *
 * `by: 'address'` counts per client address; `by: 'participant'` per participant, so people voting
 * behind one shared address (a venue's Wi-Fi) each get their own budget. Only a participant cookie
 * the store knows earns its own budget: requests without one, or with a made-up one, share their
 * address's budget, so minting cookies does not mint limits. (Only one limit runs per request in
 * @fastify/rate-limit, so a route's own limit replaces the global one rather than adding to it.)
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
  // Generous: a whole room on one venue Wi-Fi may join within a minute.
  { method: 'POST', url: '/api/reviews/:slug/join', perMinute: () => 120, by: 'address' },
  { method: 'POST', url: '/api/invites/:token/accept', perMinute: () => 20, by: 'address' },
  { method: 'POST', url: '/api/events/:eventId/registrations', perMinute: () => 10, by: 'address' },
];

const participantCookiePattern = /^cg_participant_(\d{1,9})$/;

async function participantKey(context: AppContext, request: FastifyRequest): Promise<string> {
  const candidates = Object.entries(request.cookies).flatMap(([name, token]) => {
    const reviewId = participantCookiePattern.exec(name)?.[1];
    return reviewId && token ? [{ reviewId: Number(reviewId), token }] : [];
  });
  // A browser holds one cookie per review it took part in; a handful is plenty to look through.
  for (const { reviewId, token } of candidates.slice(0, 5)) {
    // Remembered on the request, so the route's handler does not read the same participant again.
    const participant = await findParticipantForRequest(context, request, reviewId, token);
    if (participant) return `participant:${participant.id}`;
  }
  return `address:${request.ip}`;
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
        ...(limit.by === 'participant'
          ? { keyGenerator: (request: FastifyRequest) => participantKey(context, request) }
          : {}),
      },
    };
  });
}
