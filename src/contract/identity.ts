import { z } from 'zod';
import { limits } from './limits.js';

/** What an identity question is about; `tradition` and the like power per-group views in the report. */
export const identityKinds = ['tradition', 'referendum', 'role', 'seat', 'region', 'other'] as const;

export const createIdentityQuestionBody = z.strictObject({
  prompt: z.string().trim().min(1, 'A question needs a prompt.').max(limits.identityPromptMaxLength),
  kind: z.enum(identityKinds).default('other'),
  options: z
    .array(z.string().trim().min(1, 'An option cannot be empty.').max(limits.identityOptionMaxLength))
    .min(2, 'A question needs at least two options.')
    .max(limits.identityOptionsMax)
    .refine((options) => new Set(options.map((o) => o.toLowerCase())).size === options.length, {
      message: 'Options must be different from each other.',
    }),
});
export type CreateIdentityQuestionBody = z.infer<typeof createIdentityQuestionBody>;

export const identityOptionSchema = z.object({ id: z.number().int(), label: z.string() });
export const identityQuestionSchema = z.object({
  id: z.number().int(),
  prompt: z.string(),
  kind: z.enum(identityKinds),
  position: z.number().int(),
  options: z.array(identityOptionSchema),
});
export type IdentityQuestion = z.infer<typeof identityQuestionSchema>;

/** A participant's answers: question id → option id, or null to skip (or withdraw) an answer. */
export const identityAnswersBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: z.number().int().positive(),
        optionId: z.number().int().positive().nullable(),
      }),
    )
    .max(limits.identityQuestionsMax),
});
export type IdentityAnswersBody = z.infer<typeof identityAnswersBody>;
