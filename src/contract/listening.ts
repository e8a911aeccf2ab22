import { z } from 'zod';
import { listeningLimits } from './listening-limits.js';
import { statementText } from './statements.js';

/**
 * Listening beyond statements: open prompts and answers (participants), the feedback form, voter
 * voices recorded by canvassers, and promoting a sentence of an answer or voice into a statement.
 */

const promptText = z
  .string()
  .trim()
  .min(1, 'A prompt cannot be empty.')
  .max(listeningLimits.promptTextMaxLength, `A prompt has at most ${listeningLimits.promptTextMaxLength} characters.`);
const maxLength = z
  .number()
  .int('A length limit is a whole number of characters.')
  .min(1, 'A length limit is at least 1 character.')
  .max(
    listeningLimits.answerMaxLengthMax,
    `A length limit is at most ${listeningLimits.answerMaxLengthMax} characters.`,
  );

export const createPromptBody = z.strictObject({
  text: promptText,
  maxLength: maxLength.default(listeningLimits.answerMaxLengthDefault),
});
export const updatePromptBody = z
  .strictObject({ text: promptText.optional(), maxLength: maxLength.optional() })
  .refine((body) => body.text !== undefined || body.maxLength !== undefined, {
    message: 'Change the text or the length limit.',
    path: ['text'],
  });
export type CreatePromptBody = z.input<typeof createPromptBody>;
export type UpdatePromptBody = z.infer<typeof updatePromptBody>;

export const promptSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  maxLength: z.number().int(),
  position: z.number().int(),
});
export type Prompt = z.infer<typeof promptSchema>;

/** The organiser's view: with how many answers each has. */
export const managedPromptSchema = promptSchema.extend({ answerCount: z.number().int() });
export type ManagedPrompt = z.infer<typeof managedPromptSchema>;

/** The text limit is the prompt's own, checked by the command; this is only the outer bound. */
export const answerPromptBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'An answer cannot be empty.')
    .max(listeningLimits.answerMaxLengthMax, `An answer has at most ${listeningLimits.answerMaxLengthMax} characters.`),
});
export type AnswerPromptBody = z.infer<typeof answerPromptBody>;

export const ownAnswerSchema = z.object({ text: z.string(), createdAt: z.string(), updatedAt: z.string() });

/** A participant's prompts with their own answers. */
export const participantPromptsSchema = z.object({
  /** False once the review is closed or archived: answers can then be read, not changed. */
  editable: z.boolean(),
  prompts: z.array(promptSchema.extend({ answer: ownAnswerSchema.nullable() })),
});
export type ParticipantPrompts = z.infer<typeof participantPromptsSchema>;

export const feedbackBody = z
  .strictObject({
    rating: z
      .number()
      .int('A rating is a whole number from 1 to 5.')
      .min(1, 'A rating is from 1 to 5.')
      .max(5, 'A rating is from 1 to 5.')
      .nullable()
      .optional(),
    text: z
      .string()
      .trim()
      .max(
        listeningLimits.feedbackTextMaxLength,
        `Feedback has at most ${listeningLimits.feedbackTextMaxLength} characters.`,
      )
      .optional(),
  })
  .refine((body) => (body.rating ?? null) !== null || (body.text ?? '') !== '', {
    message: 'Give a rating or write something.',
    path: ['text'],
  });
export type FeedbackBody = z.input<typeof feedbackBody>;

export const feedbackSummarySchema = z.object({
  count: z.number().int(),
  /** Ratings 1–5, how many of each. */
  ratings: z.array(z.number().int()).length(5),
  averageRating: z.number().nullable(),
  comments: z.array(
    z.object({ id: z.number().int(), rating: z.number().int().nullable(), text: z.string(), createdAt: z.string() }),
  ),
});
export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;

const voiceOption = z
  .string()
  .trim()
  .min(1, 'An option cannot be empty.')
  .max(
    listeningLimits.voiceOptionMaxLength,
    `An option has at most ${listeningLimits.voiceOptionMaxLength} characters.`,
  );
const voiceOptionList = z
  .array(voiceOption)
  .max(listeningLimits.voiceOptionsMax, `At most ${listeningLimits.voiceOptionsMax} options.`)
  .refine((options) => new Set(options).size === options.length, 'An option is listed twice.');

export const voiceOptionsSchema = z.strictObject({ pastVote: voiceOptionList, intention: voiceOptionList });
export type VoiceOptions = z.infer<typeof voiceOptionsSchema>;

export const idempotencyKey = z
  .string()
  .trim()
  .min(8, 'An idempotency key has at least 8 characters.')
  .max(
    listeningLimits.idempotencyKeyMaxLength,
    `An idempotency key has at most ${listeningLimits.idempotencyKeyMaxLength} characters.`,
  )
  .regex(/^[A-Za-z0-9._:-]+$/u, 'An idempotency key uses letters, digits and . _ : - only.');

/**
 * One voice from the doorstep. The seat is a place of the review's list (its id); past vote and
 * intention are labels from the review's option lists, or null when the voter did not say. The
 * idempotency key may come here or as the `Idempotency-Key` header.
 */
export const recordVoiceBody = z.strictObject({
  placeId: z.number({ error: 'Choose the seat.' }).int().positive('Choose the seat.'),
  pastVote: z.string().trim().min(1).max(listeningLimits.voiceOptionMaxLength).nullable().optional(),
  intention: z.string().trim().min(1).max(listeningLimits.voiceOptionMaxLength).nullable().optional(),
  text: z
    .string()
    .trim()
    .min(1, 'Write down what the voter said.')
    .max(listeningLimits.voiceTextMaxLength, `A voice has at most ${listeningLimits.voiceTextMaxLength} characters.`),
  consent: z.literal(true, { error: 'The voter must agree to their words being kept.' }),
  idempotencyKey: idempotencyKey.optional(),
});
export type RecordVoiceBody = z.input<typeof recordVoiceBody>;

export const voterVoiceSchema = z.object({
  id: z.number().int(),
  placeId: z.number().int().nullable(),
  placeCode: z.string(),
  placeName: z.string(),
  pastVote: z.string().nullable(),
  intention: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  /** Statements promoted from this voice. */
  statementIds: z.array(z.number().int()),
});
export type VoterVoice = z.infer<typeof voterVoiceSchema>;

/** What the canvasser page needs: the seats and the option lists. */
export const voiceFormSchema = z.object({
  places: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      nameCy: z.string().nullable(),
      region: z.string(),
    }),
  ),
  options: voiceOptionsSchema,
});
export type VoiceForm = z.infer<typeof voiceFormSchema>;

/** An answer as moderators read it: never who wrote it, nor their identity answers. */
export const reviewAnswerSchema = z.object({
  id: z.number().int(),
  promptId: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  statementIds: z.array(z.number().int()),
});
export type ReviewAnswer = z.infer<typeof reviewAnswerSchema>;

export const promoteStatementBody = z.strictObject({
  sourceKind: z.enum(['prompt_answer', 'voter_voice'], { error: 'The source is an answer or a voice.' }),
  sourceId: z.number().int().positive('A source id is a positive whole number.'),
  text: statementText,
});
export type PromoteStatementBody = z.infer<typeof promoteStatementBody>;

export const promotedStatementSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  moderation: z.enum(['pending', 'accepted', 'rejected']),
  sourceKind: z.enum(['prompt_answer', 'voter_voice']),
  sourceId: z.number().int(),
});
export type PromotedStatement = z.infer<typeof promotedStatementSchema>;

/** One theme of the latest run: its label, size and the 2–3 most central answers or voices. */
export const listeningThemeSchema = z.object({
  id: z.string(),
  label: z.string(),
  words: z.array(z.string()),
  count: z.number().int(),
  representatives: z.array(
    z.object({ sourceKind: z.enum(['prompt_answer', 'voter_voice']), sourceId: z.number().int(), text: z.string() }),
  ),
});
export type ListeningTheme = z.infer<typeof listeningThemeSchema>;

/** The latest theme run over a review's answers and voices, or null before the first. */
export const themeRunSchema = z
  .object({
    createdAt: z.string(),
    answerCount: z.number().int(),
    unclassifiedCount: z.number().int(),
    themes: z.array(listeningThemeSchema),
  })
  .nullable();
export type ThemeRunResult = z.infer<typeof themeRunSchema>;
