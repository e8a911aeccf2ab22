import type { FastifyRequest } from 'fastify';
import type { ParticipantRow } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { hashToken } from './tokens.js';

/** Participants already found for a request, by review id and cookie token. Gone with the request. */
const foundByRequest = new WeakMap<FastifyRequest, Map<string, ParticipantRow>>();

/**
 * The participant a cookie token names in a review. A vote request needs its participant twice: for
 * its per-participant rate-limit key, before the body is read, and in the handler; one store read
 * serves both. Only participants found are remembered, so a request that creates one (joining on a
 * first vote) never sees a stale miss.
 */
export async function findParticipantForRequest(
  context: AppContext,
  request: FastifyRequest,
  reviewId: number,
  token: string,
): Promise<ParticipantRow | undefined> {
  const key = `${reviewId}:${token}`;
  let found = foundByRequest.get(request);
  const earlier = found?.get(key);
  if (earlier !== undefined) return earlier;
  const participant = await context.store.findParticipantByTokenHash(reviewId, hashToken(token));
  if (participant !== undefined) {
    if (found === undefined) {
      found = new Map();
      foundByRequest.set(request, found);
    }
    found.set(key, participant);
  }
  return participant;
}
