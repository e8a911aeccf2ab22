import { z } from 'zod';
import { votesOnErasureChoices } from './reviews.js';

/**
 * A participant's rights over their data in one review (UK GDPR articles 15, 17 and 20): what
 * `GET /api/reviews/:slug/my-data` downloads, what `DELETE` on it answers, and the review's privacy
 * notice (`GET /api/reviews/:slug/privacy`).
 */

const voteValue = z.union([z.literal(-1), z.literal(0), z.literal(1)]);

export const myDataSchema = z.object({
  /** The format of this document, so a reader can tell later versions apart. */
  format: z.literal('common-ground/my-data@1'),
  exportedAt: z.string(),
  review: z.object({ slug: z.string(), title: z.string() }),
  participant: z.object({
    joinedAt: z.string(),
    /** Joined through a personal invitation ("one person one voice"). */
    verified: z.boolean(),
  }),
  identityAnswers: z.array(z.object({ question: z.string(), answer: z.string(), answeredAt: z.string() })),
  votes: z.array(
    z.object({
      statementId: z.number().int(),
      statement: z.string(),
      vote: z.enum(['agree', 'disagree', 'pass']),
      votedAt: z.string(),
    }),
  ),
  /** Every vote as cast, oldest first, including ones later changed. */
  voteHistory: z.array(z.object({ statementId: z.number().int(), value: voteValue, votedAt: z.string() })),
  statements: z.array(
    z.object({
      id: z.number().int(),
      text: z.string(),
      moderation: z.enum(['pending', 'accepted', 'rejected']),
      createdAt: z.string(),
    }),
  ),
  promptAnswers: z.array(
    z.object({ prompt: z.string(), answer: z.string(), createdAt: z.string(), updatedAt: z.string() }),
  ),
  feedback: z.array(
    z.object({ rating: z.number().int().nullable(), text: z.string().nullable(), createdAt: z.string() }),
  ),
});
export type MyData = z.infer<typeof myDataSchema>;

/** What erasure did, in counts only. */
export const erasureResultSchema = z.object({
  erased: z.literal(true),
  votes: z.enum(votesOnErasureChoices),
  identityAnswers: z.number().int(),
  votesRemoved: z.number().int(),
  votesAnonymised: z.number().int(),
  statementsRemoved: z.number().int(),
  statementsUnlinked: z.number().int(),
  promptAnswers: z.number().int(),
  feedback: z.number().int(),
});
export type ErasureResult = z.infer<typeof erasureResultSchema>;

export const privacyLanguages = ['en', 'cy'] as const;
export const privacyNoticeQuery = z.object({ lang: z.enum(privacyLanguages).default('en') });

/** The notice as headed sections of plain paragraphs, written from the review's settings. */
export const privacyNoticeSchema = z.object({
  language: z.enum(privacyLanguages),
  review: z.object({ slug: z.string(), title: z.string() }),
  settings: z.object({
    votesOnErasure: z.enum(votesOnErasureChoices),
    retentionDays: z.number().int().nullable(),
    closedAt: z.string().nullable(),
    /** When identifying data is (or was) due to be deleted; null without a retention period or before closing. */
    retentionDueAt: z.string().nullable(),
    contact: z.string().nullable(),
  }),
  sections: z.array(z.object({ id: z.string(), heading: z.string(), paragraphs: z.array(z.string()) })),
});
export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;
