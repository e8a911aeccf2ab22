import { z } from 'zod';
import { limits } from './limits.js';
import { problemSchema } from './problem.js';

/**
 * Invitations from a member list ("one person one voice"). The organiser sees each invitee's email,
 * name and status, never which participant they became: the server does not keep that link.
 */
export const invitationStatuses = ['invited', 'joined', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
export const invitationSendStatuses = ['pending', 'sent', 'send_failed'] as const;
export type InvitationSendStatus = (typeof invitationSendStatuses)[number];

/** Large enough for a 10,000-member list with a few answer columns. */
export const memberListMaxCharacters = limits.memberListMaxCharacters;

export const invitationSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  status: z.enum(invitationStatuses),
  sendStatus: z.enum(invitationSendStatuses),
  invitedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationCountsSchema = z.object({
  /** Invitations not revoked, joined or not. */
  invited: z.number().int(),
  joined: z.number().int(),
  revoked: z.number().int(),
  /** Not revoked, not joined, and the last email could not be sent. */
  sendFailed: z.number().int(),
});
export type InvitationCounts = z.infer<typeof invitationCountsSchema>;

export const invitationListSchema = z.object({
  counts: invitationCountsSchema,
  invitations: z.array(invitationSchema),
});
export type InvitationList = z.infer<typeof invitationListSchema>;

export const importInvitationsBody = z.strictObject({
  csv: z
    .string()
    .min(1, 'Choose a file or paste the list.')
    .max(memberListMaxCharacters, `A member list has at most ${memberListMaxCharacters} characters.`),
});
export type ImportInvitationsBody = z.infer<typeof importInvitationsBody>;

export const importInvitationsResultSchema = invitationListSchema.extend({
  /** How many invitations this import added, and how their emails went. */
  imported: z.number().int(),
  sent: z.number().int(),
  sendFailed: z.number().int(),
});
export type ImportInvitationsResult = z.infer<typeof importInvitationsResultSchema>;

export const inviteIdParams = z.object({
  slug: z.string().min(1).max(80),
  inviteId: z.coerce.number().int().positive('An invitation id is a positive whole number.'),
});

/** One bad line of an uploaded list: where, and a stable code the browser words in its language. */
export const csvLineProblemSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type CsvLineProblem = z.infer<typeof csvLineProblemSchema>;

/** The problem answered for a list with bad lines: every one of them, and nothing imported. */
export const memberListProblemSchema = problemSchema.extend({ lines: z.array(csvLineProblemSchema) });
export type MemberListProblemDetails = z.infer<typeof memberListProblemSchema>;
