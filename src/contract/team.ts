import { z } from 'zod';
import { invitableRoles } from '../core/review-rules.js';
import { emailSchema, passwordSchema } from './accounts.js';
import { limits } from './limits.js';
import { reviewRoles } from './reviews.js';

export const inviteTeamMemberBody = z.strictObject({
  email: emailSchema,
  role: z.enum(invitableRoles, { error: `Choose a role: ${invitableRoles.join(', ')}.` }),
});
export type InviteTeamMemberBody = z.infer<typeof inviteTeamMemberBody>;

export const changeTeamRoleBody = z.strictObject({
  role: z.enum(reviewRoles, { error: `Choose a role: ${reviewRoles.join(', ')}.` }),
});
export type ChangeTeamRoleBody = z.infer<typeof changeTeamRoleBody>;

export const teamMemberParams = z.object({
  slug: z.string().min(1).max(limits.slugMaxLength),
  accountId: z.coerce.number().int().positive('An account id is a positive whole number.'),
});
export const teamInvitationParams = z.object({
  slug: z.string().min(1).max(limits.slugMaxLength),
  invitationId: z.coerce.number().int().positive('An invitation id is a positive whole number.'),
});
export const teamInvitationTokenParams = z.object({ token: z.string().min(16).max(128) });

export const teamMemberSchema = z.object({
  accountId: z.number().int(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(reviewRoles),
  since: z.string(),
  isYou: z.boolean(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const pendingTeamInvitationSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  role: z.enum(reviewRoles),
  invitedAt: z.string(),
  expiresAt: z.string(),
});
export type PendingTeamInvitation = z.infer<typeof pendingTeamInvitationSchema>;

export const teamSchema = z.object({
  members: z.array(teamMemberSchema),
  invitations: z.array(pendingTeamInvitationSchema),
});
export type Team = z.infer<typeof teamSchema>;

/** What the holder of an invitation link is shown before accepting it. */
export const teamInvitationPreviewSchema = z.object({
  reviewTitle: z.string(),
  role: z.enum(reviewRoles),
  email: z.string(),
  expiresAt: z.string(),
  /** Whether an account with the invited email exists: sign in to accept, or create one. */
  accountExists: z.boolean(),
});
export type TeamInvitationPreview = z.infer<typeof teamInvitationPreviewSchema>;

export const acceptedTeamInvitationSchema = z.object({ slug: z.string(), role: z.enum(reviewRoles) });
export type AcceptedTeamInvitation = z.infer<typeof acceptedTeamInvitationSchema>;

/** Creating an account through an invitation: the email is the invited one, so only these are asked. */
export const teamInvitationSignUpBody = z.strictObject({
  displayName: z.string().trim().min(1, 'Give a name to show to your team.').max(limits.displayNameMaxLength),
  password: passwordSchema,
});
export type TeamInvitationSignUpBody = z.infer<typeof teamInvitationSignUpBody>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  /** The actor's name, or null once their account is gone. */
  actor: z.string().nullable(),
  params: z.record(z.string(), z.number()),
  summary: z.string(),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `before` for the next, older page; null when this is the oldest. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
