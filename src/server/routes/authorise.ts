import type { FastifyRequest } from 'fastify';
import { type ReviewPermission, type ReviewRole, roleAllows } from '../../core/review-rules.js';
import type { AccountRow, ReviewRow } from '../../store/store.js';
import { requireAccount } from '../auth/session.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * The review the signed-in account may act on with `permission`. Someone with no role gets the same
 * 404 as a missing review, so review addresses cannot be probed; someone with a role that lacks the
 * permission gets 403, since they already know the review exists.
 */
export async function authoriseReview(
  context: AppContext,
  request: FastifyRequest,
  slug: string,
  permission: ReviewPermission | 'view',
): Promise<{ account: AccountRow; review: ReviewRow; role: ReviewRole }> {
  const account = requireAccount(request);
  const review = await context.store.findReviewBySlug(slug);
  const role = review ? await context.store.findReviewRole(review.id, account.id) : undefined;
  if (!review || !role) throw new AppError('review_not_found', `You have no review at "${slug}".`);
  if (permission !== 'view' && !roleAllows(role, permission)) {
    throw new AppError('forbidden', `As ${role} of this review you cannot do this.`);
  }
  return { account, review, role };
}
