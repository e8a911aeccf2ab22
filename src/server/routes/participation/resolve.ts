import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ParticipantRow, ReviewRow } from '../../../store/store.js';
import { findParticipantForRequest } from '../../auth/participant-lookup.js';
import { cookieOptions, participantCookie } from '../../auth/session.js';
import { createParticipant } from '../../commands/participation.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';

/**
 * Finds a review a participant may see. Drafts are visible only to the review's team, so a draft's
 * address cannot be discovered before it opens.
 */
export async function loadVisibleReview(
  context: AppContext,
  request: FastifyRequest,
  slug: string,
): Promise<ReviewRow> {
  const review = await context.store.findReviewBySlug(slug);
  if (review && review.status !== 'draft') return review;
  if (review && request.account && (await context.store.findReviewRole(review.id, request.account.id))) return review;
  throw new AppError('review_not_found', `There is no open review at "${slug}".`);
}

/** The participant behind this browser's cookie for the review, if any. */
export async function findParticipant(
  context: AppContext,
  request: FastifyRequest,
  review: ReviewRow,
): Promise<ParticipantRow | undefined> {
  const token = request.cookies[participantCookie(review.id)];
  if (!token) return undefined;
  return findParticipantForRequest(context, request, review.id, token);
}

const participantCookieSeconds = 60 * 60 * 24 * 400;

export function setParticipantCookie(reply: FastifyReply, context: AppContext, review: ReviewRow, token: string): void {
  reply.setCookie(participantCookie(review.id), token, cookieOptions(context, participantCookieSeconds));
}

/**
 * The participant for this request, joining them on the spot for a public review so that a first
 * vote needs no separate step. Invite-only reviews need an accepted invite first.
 */
export async function ensureParticipant(
  context: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  review: ReviewRow,
): Promise<ParticipantRow> {
  const existing = await findParticipant(context, request, review);
  if (existing) return existing;
  if (review.visibility === 'invite') {
    throw new AppError('invite_required', 'This review is by invitation: open the invite link you were sent.');
  }
  if (review.archivedAt !== null) {
    throw new AppError('review_archived', `The review "${review.title}" is archived; it takes no new participants.`);
  }
  if (review.status !== 'open') {
    throw new AppError(
      'review_closed',
      `The review "${review.title}" is ${review.status}; it takes no new participants.`,
    );
  }
  const { participant, token } = await createParticipant(context.store, review, context.now());
  setParticipantCookie(reply, context, review, token);
  return participant;
}
