import type { ChangeTeamRoleBody, InviteTeamMemberBody, TeamInvitationSignUpBody } from '../../contract/team.js';
import { permissionToAssign, type ReviewRole, roleAllows } from '../../core/review-rules.js';
import {
  type AccountRow,
  type ReviewRow,
  StoreConflictError,
  type TeamInvitationRow,
  type TeamMemberRow,
} from '../../store/store.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { teamInvitationMail } from './team-mail.js';

/** How long a team invitation link works. */
export const teamInvitationDays = 7;

/** The person acting on the team, and their role on the review. */
export interface TeamActor {
  account: AccountRow;
  role: ReviewRole;
}

export async function viewTeam(
  context: AppContext,
  review: ReviewRow,
): Promise<{ members: TeamMemberRow[]; invitations: TeamInvitationRow[] }> {
  const [members, invitations] = await Promise.all([
    context.store.listReviewTeam(review.id),
    context.store.listPendingTeamInvitations(review.id, context.now().toISOString()),
  ]);
  return { members, invitations };
}

function refuseAssigning(actor: TeamActor, role: ReviewRole, doing: string): Outcome<never> | undefined {
  if (roleAllows(actor.role, permissionToAssign(role))) return undefined;
  return refuse('forbidden', `As ${actor.role} of this review you cannot ${doing} ${role}s; only owners can.`);
}

/**
 * Emails a single-use link that gives `role` on the review. Inviting the same address again replaces
 * the earlier link (a resend). Someone already in the team is refused: change their role instead.
 * If the email cannot be sent, the invitation is withdrawn again, so no link exists that nobody got.
 */
export async function inviteTeamMember(
  context: AppContext,
  review: ReviewRow,
  actor: TeamActor,
  body: InviteTeamMemberBody,
): Promise<Outcome<TeamInvitationRow>> {
  const forbidden = refuseAssigning(actor, body.role, 'invite');
  if (forbidden) return forbidden;
  const existing = await context.store.findAccountByEmail(body.email);
  if (existing && (await context.store.findReviewRole(review.id, existing.id))) {
    return refuse('already_in_team', 'That person is already in the team; change their role instead.', [
      { field: 'email', message: 'Already in the team.' },
    ]);
  }
  const token = newToken();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + teamInvitationDays * 86_400_000);
  const invitation = await context.store.transaction(async (tx) => {
    await tx.revokeTeamInvitations(review.id, { email: body.email }, now.toISOString());
    return tx.createTeamInvitation({
      reviewId: review.id,
      email: body.email,
      role: body.role,
      tokenHash: hashToken(token),
      invitedByAccountId: actor.account.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
  });
  try {
    await context.mailer.send(
      teamInvitationMail({
        to: body.email,
        inviterName: actor.account.displayName,
        reviewTitle: review.title,
        role: body.role,
        url: `${context.config.publicUrl}/team-invitation/${token}`,
        expiresAt,
      }),
    );
  } catch (error) {
    await context.store.revokeTeamInvitations(review.id, { invitationId: invitation.id }, now.toISOString());
    const reason = error instanceof Error ? error.message : String(error);
    return refuse('mail_not_sent', `The invitation email could not be sent (${reason}); nothing was kept. Try again.`);
  }
  return ok(invitation);
}

export async function revokeTeamInvitation(
  context: AppContext,
  review: ReviewRow,
  actor: TeamActor,
  invitationId: number,
): Promise<Outcome<void>> {
  const now = context.now().toISOString();
  const pending = (await context.store.listPendingTeamInvitations(review.id, now)).find(
    (invitation) => invitation.id === invitationId,
  );
  if (!pending) return refuse('team_invitation_not_found', `Invitation ${invitationId} is not pending on this review.`);
  const forbidden = refuseAssigning(actor, pending.role, 'withdraw invitations of');
  if (forbidden) return forbidden;
  await context.store.revokeTeamInvitations(review.id, { invitationId }, now);
  return ok(undefined);
}

/**
 * Gives a member another role. Changing an owner or organiser, or making one, is for owners; the
 * last owner cannot step down, so a review always has someone who can see its audit log.
 */
export async function changeTeamRole(
  context: AppContext,
  review: ReviewRow,
  actor: TeamActor,
  accountId: number,
  body: ChangeTeamRoleBody,
): Promise<Outcome<{ member: TeamMemberRow; previousRole: ReviewRole }>> {
  return context.store.transaction(async (tx) => {
    const current = await tx.findReviewRole(review.id, accountId);
    if (!current) return refuse('member_not_found', `Account ${accountId} has no role on this review.`);
    const forbidden = refuseAssigning(actor, current, 'change') ?? refuseAssigning(actor, body.role, 'make people');
    if (forbidden) return forbidden;
    if (current === 'owner' && body.role !== 'owner' && (await tx.countReviewRole(review.id, 'owner')) <= 1) {
      return refuse('last_owner', 'This is the review’s only owner. Make someone else an owner first.');
    }
    await tx.setReviewRole({
      reviewId: review.id,
      accountId,
      role: body.role,
      createdAt: context.now().toISOString(),
    });
    const member = (await tx.listReviewTeam(review.id)).find((row) => row.accountId === accountId);
    if (!member) throw new Error(`changeTeamRole: account ${accountId} vanished from the team.`);
    return ok({ member, previousRole: current });
  });
}

export async function removeTeamMember(
  context: AppContext,
  review: ReviewRow,
  actor: TeamActor,
  accountId: number,
): Promise<Outcome<{ previousRole: ReviewRole }>> {
  return context.store.transaction(async (tx) => {
    const current = await tx.findReviewRole(review.id, accountId);
    if (!current) return refuse('member_not_found', `Account ${accountId} has no role on this review.`);
    const forbidden = refuseAssigning(actor, current, 'remove');
    if (forbidden) return forbidden;
    if (current === 'owner' && (await tx.countReviewRole(review.id, 'owner')) <= 1) {
      return refuse('last_owner', 'This is the review’s only owner, who cannot be removed.');
    }
    await tx.removeReviewRole(review.id, accountId);
    return ok({ previousRole: current });
  });
}

/** The invitation behind a link, if it can still be accepted; otherwise why not. */
async function usableInvitation(
  context: AppContext,
  token: string,
): Promise<Outcome<{ invitation: TeamInvitationRow; review: ReviewRow }>> {
  const invitation = await context.store.findTeamInvitationByTokenHash(hashToken(token));
  const review = invitation && (await context.store.findReviewById(invitation.reviewId));
  if (!invitation || !review) {
    return refuse('team_invitation_not_found', 'This invitation link is not valid. Check that you copied all of it.');
  }
  if (invitation.acceptedAt !== null) {
    return refuse('team_invitation_used', 'This invitation has been accepted already. Sign in to reach the review.');
  }
  if (invitation.revokedAt !== null || invitation.expiresAt <= context.now().toISOString()) {
    return refuse('team_invitation_expired', 'This invitation has expired or was withdrawn. Ask for a new one.');
  }
  return ok({ invitation, review });
}

export async function previewTeamInvitation(
  context: AppContext,
  token: string,
): Promise<Outcome<{ invitation: TeamInvitationRow; review: ReviewRow; accountExists: boolean }>> {
  const usable = await usableInvitation(context, token);
  if (!usable.ok) return usable;
  const accountExists = (await context.store.findAccountByEmail(usable.value.invitation.email)) !== undefined;
  return ok({ ...usable.value, accountExists });
}

/**
 * Accepts the invitation for the signed-in account. It must be the account of the invited address:
 * the link is a secret sent to that address, and binding it to the address means a forwarded or
 * leaked link gives nobody else a role.
 */
export async function acceptTeamInvitation(
  context: AppContext,
  token: string,
  account: AccountRow,
): Promise<Outcome<{ invitation: TeamInvitationRow; review: ReviewRow }>> {
  const usable = await usableInvitation(context, token);
  if (!usable.ok) return usable;
  const { invitation, review } = usable.value;
  if (account.email !== invitation.email) {
    return refuse(
      'team_invitation_wrong_account',
      `This invitation is for ${invitation.email}. Sign out, then sign in with that address or create its account.`,
    );
  }
  return context.store.transaction(async (tx) => {
    if (await tx.findReviewRole(review.id, account.id)) {
      return refuse('already_in_team', 'You are already in this review’s team.');
    }
    if (!(await tx.acceptTeamInvitation(invitation.id, account.id, context.now().toISOString()))) {
      return refuse('team_invitation_used', 'This invitation has been accepted already.');
    }
    await tx.setReviewRole({
      reviewId: review.id,
      accountId: account.id,
      role: invitation.role,
      createdAt: context.now().toISOString(),
    });
    return ok({ invitation, review });
  });
}

/**
 * Creates the account of the invited address and accepts the invitation, in one transaction: the
 * email comes from the invitation (the link proves the person reads that inbox), never from the form.
 */
export async function signUpThroughTeamInvitation(
  context: AppContext,
  token: string,
  body: TeamInvitationSignUpBody,
): Promise<Outcome<{ account: AccountRow; invitation: TeamInvitationRow; review: ReviewRow }>> {
  const usable = await usableInvitation(context, token);
  if (!usable.ok) return usable;
  const { invitation, review } = usable.value;
  if (await context.store.findAccountByEmail(invitation.email)) {
    return refuse('email_taken', `${invitation.email} already has an account: sign in to accept the invitation.`);
  }
  const passwordHash = await hashPassword(body.password);
  const now = context.now().toISOString();
  try {
    return await context.store.transaction(async (tx) => {
      const account = await tx.createAccount({
        email: invitation.email,
        displayName: body.displayName,
        passwordHash,
        isInstanceOwner: false,
        createdAt: now,
      });
      if (!(await tx.acceptTeamInvitation(invitation.id, account.id, now))) {
        // Thrown, not returned, so the account created above is rolled back with it.
        throw new InvitationRaceLost();
      }
      await tx.setReviewRole({ reviewId: review.id, accountId: account.id, role: invitation.role, createdAt: now });
      return ok({ account, invitation, review });
    });
  } catch (error) {
    if (error instanceof InvitationRaceLost) {
      return refuse('team_invitation_used', 'This invitation has been accepted already.');
    }
    if (error instanceof StoreConflictError) {
      return refuse('email_taken', `${invitation.email} already has an account: sign in to accept the invitation.`);
    }
    throw error;
  }
}

class InvitationRaceLost extends Error {}
