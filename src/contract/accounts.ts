import { z } from 'zod';
import { limits } from './limits.js';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.emailMaxLength)
  .pipe(z.email('Give a valid email address.'));

export const passwordSchema = z
  .string()
  .min(limits.passwordMinLength, `A password needs at least ${limits.passwordMinLength} characters.`)
  .max(limits.passwordMaxLength);

export const setupOwnerBody = z.strictObject({
  token: z.string().min(16).max(128),
  email: emailSchema,
  password: passwordSchema,
  displayName: z.string().trim().min(1, 'Give a name to show to your team.').max(limits.displayNameMaxLength),
});

export const signInBody = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'Give your password.').max(limits.passwordMaxLength),
});

export const accountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  isInstanceOwner: z.boolean(),
});
export type Account = z.infer<typeof accountSchema>;

export const sessionSchema = z.object({
  account: accountSchema.nullable(),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;
