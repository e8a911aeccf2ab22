import { z } from 'zod';
import { limits } from './limits.js';

export const statementOrigins = ['seed', 'participant', 'event'] as const;
export const moderationStates = ['pending', 'accepted', 'rejected'] as const;

export const statementText = z
  .string()
  .trim()
  .min(1, 'A statement cannot be empty.')
  .max(limits.statementMaxLength, `A statement has at most ${limits.statementMaxLength} characters.`);

export const createStatementBody = z.strictObject({ text: statementText });
export type CreateStatementBody = z.infer<typeof createStatementBody>;

export const seedStatementsBody = z.strictObject({
  statements: z.array(statementText).min(1, 'Give at least one statement.').max(500),
});

/**
 * The older single-call moderation (the queue has its own routes under /moderation). A rejection needs
 * a reason here too, so no route rejects without one for the record.
 */
export const moderateStatementBody = z
  .strictObject({
    moderation: z.enum(moderationStates),
    isMeta: z.boolean().optional(),
    reason: z
      .string()
      .trim()
      .min(1, 'Give a reason: it is kept for the record.')
      .max(limits.rejectionReasonMaxLength, `A reason has at most ${limits.rejectionReasonMaxLength} characters.`)
      .optional(),
  })
  .superRefine((body, context) => {
    if (body.moderation === 'rejected' && body.reason === undefined) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'Give a reason: it is kept for the record.' });
    }
  });

export const statementSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  origin: z.enum(statementOrigins),
  moderation: z.enum(moderationStates),
  isMeta: z.boolean(),
  createdAt: z.string(),
});
export type Statement = z.infer<typeof statementSchema>;

/** Organisers see vote tallies beside each statement. */
export const managedStatementSchema = statementSchema.extend({
  agreeCount: z.number().int(),
  disagreeCount: z.number().int(),
  passCount: z.number().int(),
});
export type ManagedStatement = z.infer<typeof managedStatementSchema>;

export const statementIdParams = z.object({
  slug: z.string(),
  statementId: z.coerce.number().int().positive('A statement id is a positive whole number.'),
});
