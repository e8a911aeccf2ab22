import { z } from 'zod';
import { limits } from './limits.js';

/** What an identity question is about; `tradition` and the like power per-group views in the report. */
export const identityKinds = ['tradition', 'referendum', 'role', 'seat', 'region', 'other'] as const;

const promptSchema = z.string().trim().min(1, 'A question needs a prompt.').max(limits.identityPromptMaxLength);
const explanationSchema = z
  .string()
  .trim()
  .max(
    limits.identityExplanationMaxLength,
    `An explanation has at most ${limits.identityExplanationMaxLength} characters.`,
  );
const optionsSchema = z
  .array(z.string().trim().min(1, 'An option cannot be empty.').max(limits.identityOptionMaxLength))
  .min(2, 'A question needs at least two options.')
  .max(limits.identityOptionsMax)
  .refine((options) => new Set(options.map((o) => o.toLowerCase())).size === options.length, {
    message: 'Options must be different from each other.',
  });

/**
 * A question with its own options, or a place question (`usesPlaceList`, kind `seat`) whose options
 * are the review's place list. `explanation` says why it is asked and who sees what; participants
 * see it beside the question.
 */
export const createIdentityQuestionBody = z
  .strictObject({
    prompt: promptSchema,
    kind: z.enum(identityKinds).default('other'),
    options: optionsSchema.optional(),
    usesPlaceList: z.boolean().default(false),
    required: z.boolean().default(false),
    explanation: explanationSchema.default(''),
  })
  .superRefine((body, context) => {
    if (body.usesPlaceList) {
      if (body.kind !== 'seat') {
        context.addIssue({
          code: 'custom',
          path: ['kind'],
          message: 'A place question is about a seat: send kind "seat".',
        });
      }
      if (body.options !== undefined && body.options.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'A place question takes its options from the place list; send no options.',
        });
      }
    } else if (body.options === undefined) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'A question needs at least two options.' });
    }
  });
export type CreateIdentityQuestionBody = z.infer<typeof createIdentityQuestionBody>;
/** What a client sends (defaults may be left out). */
export type CreateIdentityQuestionInput = z.input<typeof createIdentityQuestionBody>;

/** Only the fields sent change. `options` replaces the options (not on a place question). */
export const updateIdentityQuestionBody = z
  .strictObject({
    prompt: promptSchema,
    kind: z.enum(identityKinds),
    options: optionsSchema,
    required: z.boolean(),
    explanation: explanationSchema,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateIdentityQuestionBody = z.infer<typeof updateIdentityQuestionBody>;

export const reorderIdentityQuestionsBody = z.strictObject({
  questionIds: z
    .array(z.number().int().positive())
    .min(1, 'List the questions in their new order.')
    .max(limits.identityQuestionsMax)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'A question can appear only once.' }),
});
export type ReorderIdentityQuestionsBody = z.infer<typeof reorderIdentityQuestionsBody>;

export const identityQuestionParams = z.object({
  slug: z.string().min(1).max(80),
  questionId: z.coerce.number().int().positive('A question id is a positive whole number.'),
});

export const identityOptionSchema = z.object({ id: z.number().int(), label: z.string() });
export const identityQuestionSchema = z.object({
  id: z.number().int(),
  prompt: z.string(),
  kind: z.enum(identityKinds),
  position: z.number().int(),
  required: z.boolean(),
  explanation: z.string(),
  /**
   * The options are the review's place list. Participants get such a question with no options here
   * (the list is long, and this payload comes back after every vote); the seat picker loads them once
   * from `GET /api/reviews/:slug/identity-questions/:questionId/places`.
   */
  usesPlaceList: z.boolean(),
  options: z.array(identityOptionSchema),
});
export type IdentityQuestion = z.infer<typeof identityQuestionSchema>;

/** An organiser's view: whether anyone has answered it yet (then it can no longer change). */
export const managedIdentityQuestionSchema = identityQuestionSchema.extend({ answered: z.boolean() });
export type ManagedIdentityQuestion = z.infer<typeof managedIdentityQuestionSchema>;

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
