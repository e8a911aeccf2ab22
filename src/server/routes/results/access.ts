import type { FastifyRequest } from 'fastify';
import { roleAllows } from '../../../core/review-rules.js';
import type { ParticipantRow, ReviewRow } from '../../../store/store.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findParticipant } from '../participation/resolve.js';

/**
 * Who may read a review's results: its team members whose role allows `viewResults`, always; anyone
 * else only once the review is out of draft and its organisers made results public, and, for an
 * invite-only review, only its participants. Drafts answer 404 as everywhere, so addresses cannot
 * be probed; the participant (if the cookie names one) comes back for "your position" on the map.
 */
export async function authoriseResults(
  context: AppContext,
  request: FastifyRequest,
  slug: string,
): Promise<{ review: ReviewRow; participant: ParticipantRow | undefined; team: boolean }> {
  const review = await context.store.findReviewBySlug(slug);
  if (!review) throw new AppError('review_not_found', `There is no review at "${slug}".`);
  const role = request.account ? await context.store.findReviewRole(review.id, request.account.id) : undefined;
  const participant = await findParticipant(context, request, review);
  if (role && roleAllows(role, 'viewResults')) return { review, participant, team: true };
  if (review.status === 'draft') throw new AppError('review_not_found', `There is no open review at "${slug}".`);
  if (review.resultsVisibility !== 'public') {
    throw new AppError('results_not_public', `The organisers of "${review.title}" keep its results for their team.`);
  }
  if (review.visibility === 'invite' && !participant) {
    throw new AppError(
      'invite_required',
      'The results of this review are for its participants: open your invite link.',
    );
  }
  return { review, participant, team: false };
}
