import { z } from 'zod';
import { limits } from './limits.js';
import { managedStatementSchema, moderationStates, statementOrigins, statementText } from './statements.js';

/** The moderation queue's requests and answers (routes under /api/manage/reviews/:slug/moderation). */

export const moderationQueueQuery = z.strictObject({
  state: z.enum(moderationStates).optional(),
  origin: z.enum(statementOrigins).optional(),
  page: z.coerce.number().int().min(1, 'Pages start at 1.').default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(limits.moderationPageSizeMax, `A page has at most ${limits.moderationPageSizeMax} statements.`)
    .default(50),
});
export type ModerationQueueQuery = z.infer<typeof moderationQueueQuery>;

export const rejectionReason = z
  .string()
  .trim()
  .min(1, 'Give a reason: it is kept for the record.')
  .max(limits.rejectionReasonMaxLength, `A reason has at most ${limits.rejectionReasonMaxLength} characters.`);

const statementIds = z
  .array(z.number().int().positive('A statement id is a positive whole number.'))
  .min(1, 'Choose at least one statement.')
  .max(limits.moderationBulkMax, `At most ${limits.moderationBulkMax} statements at a time.`)
  .refine((ids) => new Set(ids).size === ids.length, 'A statement is listed twice.');

export const bulkAcceptBody = z.strictObject({ statementIds });
export const bulkRejectBody = z.strictObject({ statementIds, reason: rejectionReason });
export const rejectStatementBody = z.strictObject({ reason: rejectionReason });
export const editStatementBody = z.strictObject({ text: statementText });
export const statementMetaBody = z.strictObject({ isMeta: z.boolean() });
export type BulkRejectBody = z.infer<typeof bulkRejectBody>;

export const likelyDuplicateSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  moderation: z.enum(moderationStates),
  /** Trigram similarity of the two texts, 0–1 (see core/near-duplicates.ts). */
  similarity: z.number(),
});
export type LikelyDuplicate = z.infer<typeof likelyDuplicateSchema>;

export const moderationItemSchema = managedStatementSchema.extend({
  moderatedAt: z.string().nullable(),
  moderatedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  /** The text as the participant wrote it, when a moderator has since fixed a typo. */
  originalText: z.string().nullable(),
  editedAt: z.string().nullable(),
  editedBy: z.string().nullable(),
  /** False once anyone other than the author has voted: the text is then fixed. */
  editable: z.boolean(),
  /** For pending statements: the most similar other statements of the review. Empty otherwise. */
  likelyDuplicates: z.array(likelyDuplicateSchema),
  /** For statements captured at an event: which one ("from event X"). */
  fromEvent: z.object({ id: z.number().int(), title: z.string() }).nullable().optional(),
});
export type ModerationItem = z.infer<typeof moderationItemSchema>;

const countsByState = z.object({ pending: z.number().int(), accepted: z.number().int(), rejected: z.number().int() });
const countsByOrigin = z.object({ participant: z.number().int(), seed: z.number().int(), event: z.number().int() });

export const moderationQueueSchema = z.object({
  items: z.array(moderationItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Statements matching the filters (all pages). */
  totalItems: z.number().int(),
  counts: z.object({
    /** Every statement of the review. */
    all: z.number().int(),
    /** Per state, within the chosen origin (if any), so each state tab shows what it would list. */
    state: countsByState,
    /** Per origin, within the chosen state (if any). */
    origin: countsByOrigin,
  }),
  nearDuplicates: z.object({ threshold: z.number(), topK: z.number().int() }),
});
export type ModerationQueue = z.infer<typeof moderationQueueSchema>;

export const moderationEventSchema = z.object({
  action: z.enum(['accept', 'reject', 'edit', 'mark_meta', 'unmark_meta']),
  by: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  previousText: z.string().nullable(),
});
export type ModerationEvent = z.infer<typeof moderationEventSchema>;

export const bulkModerationResultSchema = z.object({ changed: z.array(moderationItemSchema) });
export type BulkModerationResult = z.infer<typeof bulkModerationResultSchema>;
