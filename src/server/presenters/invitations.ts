import type { Invitation, InvitationCounts, InvitationStatus } from '../../contract/invitations.js';
import type { InviteRow } from '../../store/store.js';

/**
 * What an organiser sees of an invitation: the address they uploaded, the name, and whether it was
 * used. There is no participant id to show: redemption does not record one.
 */
export function presentInvitation(invite: InviteRow): Invitation {
  return {
    id: invite.id,
    email: invite.email ?? '',
    name: invite.name,
    status: invitationStatus(invite),
    sendStatus: invite.sendStatus ?? 'pending',
    invitedAt: invite.createdAt,
    sentAt: invite.sentAt,
  };
}

export function invitationStatus(invite: InviteRow): InvitationStatus {
  if (invite.usedAt) return 'joined';
  if (invite.revokedAt) return 'revoked';
  return 'invited';
}

export function countInvitations(invites: readonly InviteRow[]): InvitationCounts {
  const counts: InvitationCounts = { invited: 0, joined: 0, revoked: 0, sendFailed: 0 };
  for (const invite of invites) {
    const status = invitationStatus(invite);
    if (status === 'revoked') {
      counts.revoked += 1;
      continue;
    }
    counts.invited += 1;
    if (status === 'joined') counts.joined += 1;
    else if (invite.sendStatus === 'send_failed') counts.sendFailed += 1;
  }
  return counts;
}
