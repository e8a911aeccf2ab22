/** Limits of prompts, feedback and voter voices, shared by the server's validation and the browser's forms (no zod here, so the web bundle can import it). */
export const listeningLimits = {
  promptTextMaxLength: 500,
  /** The default length limit of an answer, and the largest an organiser may set. */
  answerMaxLengthDefault: 2000,
  answerMaxLengthMax: 20_000,
  promptsMax: 30,
  feedbackTextMaxLength: 2000,
  voiceTextMaxLength: 2000,
  voiceOptionMaxLength: 120,
  voiceOptionsMax: 30,
  idempotencyKeyMaxLength: 100,
} as const;
