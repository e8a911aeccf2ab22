import type { ReviewRole } from '../../contract/reviews.js';
import type { AuditEvent, PendingTeamInvitation, TeamInvitationPreview, TeamMember } from '../../contract/team.js';
import type { AuditEventRow, ReviewRow, TeamInvitationRow, TeamMemberRow } from '../../store/store.js';

/** Team members as the team's managers see them: names and emails, never password or token hashes. */
export function presentTeamMember(member: TeamMemberRow, viewerAccountId: number): TeamMember {
  return {
    accountId: member.accountId,
    displayName: member.displayName,
    email: member.email,
    role: member.role,
    since: member.since,
    isYou: member.accountId === viewerAccountId,
  };
}

export function presentPendingTeamInvitation(invitation: TeamInvitationRow): PendingTeamInvitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
  };
}

export function presentTeamInvitationPreview(
  invitation: TeamInvitationRow,
  review: ReviewRow,
  accountExists: boolean,
): TeamInvitationPreview {
  return {
    reviewTitle: review.title,
    role: invitation.role as ReviewRole,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
    accountExists,
  };
}

export function presentAuditEvent(event: AuditEventRow): AuditEvent {
  return {
    id: event.id,
    action: event.action,
    actor: event.accountName,
    params: event.params,
    summary: event.summary,
    at: event.createdAt,
  };
}
