import { z } from 'zod';
import { emailSchema, passwordSchema } from './accounts.js';

/** "Forgot password?": the email to send a reset link to. */
export const passwordResetRequestBody = z.strictObject({ email: emailSchema });

/** The reset page: the token from the link and the new password. */
export const passwordResetCompleteBody = z.strictObject({
  token: z.string().min(16).max(128),
  password: passwordSchema,
});
