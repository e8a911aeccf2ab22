import { z } from 'zod';
import { limits } from './limits.js';

export const reviewStatuses = ['draft', 'open', 'closed'] as const;
export const reviewVisibilities = ['public', 'invite'] as const;
export const moderationModes = ['strict', 'permissive'] as const;
/** Who may read a review's results page: its team only, or anyone who may see the review. */
export const resultsVisibilities = ['team', 'public'] as const;
/** What erasing a participant does to their votes (see docs/ARCHITECTURE.md, "Participants' rights"). */
export const votesOnErasureChoices = ['remove', 'anonymise'] as const;
export const reviewRoles = ['owner', 'organiser', 'moderator', 'facilitator', 'analyst'] as const;
export type ReviewRole = (typeof reviewRoles)[number];

export const slugSchema = z
  .string()
  .trim()
  .min(3, 'A slug needs at least 3 characters.')
  .max(limits.slugMaxLength, `A slug has at most ${limits.slugMaxLength} characters.`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A slug uses lower-case letters, digits and single hyphens.');

/**
 * Words the web app uses as paths beside review slugs (/organise/new, /organise/events/…); a review
 * with one of these slugs could never be opened in the console.
 */
export const reservedSlugs: readonly string[] = ['new', 'events', 'place-lists'];

const reviewFields = {
  title: z.string().trim().min(1, 'A review needs a title.').max(limits.reviewTitleMaxLength),
  introduction: z.string().trim().max(limits.reviewIntroductionMaxLength),
  status: z.enum(reviewStatuses),
  visibility: z.enum(reviewVisibilities),
  moderationMode: z.enum(moderationModes),
  participantsCanAddStatements: z.boolean(),
  resultsVisibility: z.enum(resultsVisibilities),
  votesOnErasure: z.enum(votesOnErasureChoices),
  /** Days after closing until identifying data is deleted; null keeps it. */
  retentionDays: z
    .number()
    .int('Retention is a whole number of days.')
    .min(0, 'Retention cannot be negative.')
    .max(limits.retentionDaysMax, `Retention is at most ${limits.retentionDaysMax} days.`)
    .nullable(),
  privacyContact: z.string().trim().max(limits.privacyContactMaxLength).nullable(),
};

export const createReviewBody = z.strictObject({
  ...reviewFields,
  slug: slugSchema.refine((slug) => !reservedSlugs.includes(slug), {
    message: `This web address is used by the app itself; choose another (not ${reservedSlugs.join(', ')}).`,
  }),
  introduction: reviewFields.introduction.default(''),
  status: reviewFields.status.default('draft'),
  visibility: reviewFields.visibility.default('public'),
  moderationMode: reviewFields.moderationMode.default('permissive'),
  participantsCanAddStatements: reviewFields.participantsCanAddStatements.default(true),
  resultsVisibility: reviewFields.resultsVisibility.default('team'),
  votesOnErasure: reviewFields.votesOnErasure.default('remove'),
  retentionDays: reviewFields.retentionDays.default(null),
  privacyContact: reviewFields.privacyContact.default(null),
});
export type CreateReviewBody = z.infer<typeof createReviewBody>;

/** Only the fields sent change: no defaults here, or a PATCH of one field would reset the others. */
export const updateReviewBody = z.strictObject(reviewFields).partial();
export type UpdateReviewBody = z.infer<typeof updateReviewBody>;

export const reviewSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  introduction: z.string(),
  status: z.enum(reviewStatuses),
  visibility: z.enum(reviewVisibilities),
  moderationMode: z.enum(moderationModes),
  participantsCanAddStatements: z.boolean(),
  resultsVisibility: z.enum(resultsVisibilities),
  votesOnErasure: z.enum(votesOnErasureChoices),
  retentionDays: z.number().int().nullable(),
  privacyContact: z.string().nullable(),
  /** When it last closed (the retention clock); null while not closed. */
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  /** When it was archived: closed to participation and listed apart. Null unless archived. */
  archivedAt: z.string().nullable(),
});
export type Review = z.infer<typeof reviewSchema>;

/** `GET /api/manage/reviews?archived=true` lists only archived reviews; by default they are left out. */
export const managedReviewsQuery = z.object({
  archived: z.enum(['true', 'false'], { error: 'archived is true or false.' }).default('false'),
});

/** What an organiser sees of a review: the public fields plus their role and counts. */
export const managedReviewSchema = reviewSchema.extend({
  role: z.enum(reviewRoles),
  statementCount: z.number().int(),
  participantCount: z.number().int(),
  voteCount: z.number().int(),
});
export type ManagedReview = z.infer<typeof managedReviewSchema>;

export const reviewSlugParams = z.object({ slug: slugSchema });
