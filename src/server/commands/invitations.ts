import type { ImportInvitationsResult, InvitationList, MemberListProblemDetails } from '../../contract/invitations.js';
import { type MemberListEntry, type MemberListProblem, parseMemberList } from '../../core/member-list.js';
import {
  type AccountRow,
  type InviteRow,
  type ParticipantRow,
  type ReviewRow,
  StoreConflictError,
  storeConstraints,
} from '../../store/store.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { AppError, type Outcome, ok, refuse } from '../errors.js';
import type { OutgoingMail } from '../mail/mailer.js';
import { countInvitations, presentInvitation } from '../presenters/invitations.js';
import { createParticipant } from './participation.js';

/** A member list with bad lines: every one of them goes back, and nothing was imported. */
export class MemberListError extends AppError {
  constructor(readonly lines: MemberListProblem[]) {
    const count = lines.length;
    const first = lines[0];
    const where = first ? ` First: line ${first.line}${first.column ? `, ${first.column}` : ''}: ${first.message}` : '';
    super(
      'member_list_invalid',
      `${count} ${count === 1 ? 'problem' : 'problems'} in the member list; nothing was imported.${where}`,
      [{ field: 'csv', message: `${count} ${count === 1 ? 'line needs' : 'lines need'} fixing.` }],
    );
  }

  override toProblem(): MemberListProblemDetails {
    return { ...super.toProblem(), lines: this.lines };
  }
}

/** Sending is slow next to the database; a few messages at once, not thousands. */
const sendConcurrency = 4;

export async function listInvitations(context: AppContext, review: ReviewRow): Promise<InvitationList> {
  const invites = await context.store.listInvitations(review.id);
  return { counts: countInvitations(invites), invitations: invites.map(presentInvitation) };
}

/**
 * Imports a member list: every line checked first, then one transaction creating an invite per
 * member (a random token, only its hash stored) with their pre-filled answers. Emails are sent only
 * once that has committed, and a failed send is recorded on its invitation (to be resent) rather
 * than undoing the import.
 */
export async function importMemberList(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  csv: string,
): Promise<Outcome<ImportInvitationsResult>> {
  const [questions, existing] = await Promise.all([
    context.store.listIdentityQuestions(review.id),
    context.store.listInvitations(review.id),
  ]);
  const invited = new Set(existing.flatMap((invite) => (invite.email ? [invite.email] : [])));
  const parsed = parseMemberList(csv, questions, invited);
  if (!parsed.ok) return { ok: false, error: new MemberListError(parsed.problems) };

  let created: Array<{ invite: InviteRow; token: string }>;
  try {
    created = await context.store.transaction(async (tx) => {
      const createdAt = context.now().toISOString();
      const rows: Array<{ invite: InviteRow; token: string }> = [];
      for (const member of parsed.members) {
        const token = newToken();
        const invite = await createMemberInvite(tx, review, account, member, token, createdAt);
        rows.push({ invite, token });
      }
      return rows;
    });
  } catch (error) {
    if (error instanceof MemberListError) return { ok: false, error };
    throw error;
  }

  const outcomes = await sendAll(context, review, created);
  const list = await listInvitations(context, review);
  return ok({
    ...list,
    imported: created.length,
    sent: outcomes.filter((status) => status === 'sent').length,
    sendFailed: outcomes.filter((status) => status === 'send_failed').length,
  });
}

async function createMemberInvite(
  tx: AppContext['store'],
  review: ReviewRow,
  account: AccountRow,
  member: MemberListEntry,
  token: string,
  createdAt: string,
): Promise<InviteRow> {
  try {
    return await tx.createInvitation({
      reviewId: review.id,
      tokenHash: hashToken(token),
      email: member.email,
      name: member.name,
      createdAt,
      createdByAccountId: account.id,
      answers: member.answers,
    });
  } catch (error) {
    // Another import of the same address committed since the list was checked: report it as the
    // check would have, and let the transaction roll back.
    if (error instanceof StoreConflictError && error.constraint === storeConstraints.inviteEmail) {
      throw new MemberListError([
        {
          line: member.line,
          column: 'email',
          code: 'already_invited',
          message: `${member.email} has already been invited to this review; resend that invitation instead.`,
          params: { value: member.email },
        },
      ]);
    }
    throw error;
  }
}

/** Gives an invitation a new link (the old one stops working) and emails it again. */
export async function resendInvitation(
  context: AppContext,
  review: ReviewRow,
  inviteId: number,
): Promise<Outcome<InviteRow>> {
  const invite = await context.store.findInvitation(review.id, inviteId);
  if (!invite) return notFound(inviteId);
  const token = newToken();
  if (invite.usedAt || !(await context.store.renewInviteToken(invite.id, hashToken(token)))) {
    return refuse(
      'invite_used',
      `${invite.email} has already joined with this invitation; there is nothing to resend.`,
    );
  }
  await sendAll(context, review, [{ invite, token }]);
  return ok((await context.store.findInvitation(review.id, inviteId)) ?? invite);
}

/** Withdraws an unused invitation: its link stops working. Revoking twice is not an error. */
export async function revokeInvitation(
  context: AppContext,
  review: ReviewRow,
  inviteId: number,
): Promise<Outcome<InviteRow>> {
  const invite = await context.store.findInvitation(review.id, inviteId);
  if (!invite) return notFound(inviteId);
  if (invite.usedAt) {
    return refuse('invite_used', `${invite.email} has already joined; a used invitation cannot be withdrawn.`);
  }
  if (!invite.revokedAt) await context.store.revokeInvite(invite.id, context.now().toISOString());
  return ok((await context.store.findInvitation(review.id, inviteId)) ?? invite);
}

/**
 * Turns an invite into a verified participant, in one transaction: the participant, the invite marked
 * used, and any pre-filled answers moved from the invite to the participant. Afterwards nothing ties
 * the invite (and its email address) to the participant: no participant id is written, the answers
 * are deleted from the invite, and the time of use is kept to the day only, so it cannot be matched
 * to the participant's exact joining time.
 */
export async function redeemInvite(
  context: AppContext,
  review: ReviewRow,
  invite: InviteRow,
): Promise<Outcome<{ participant: ParticipantRow; token: string }>> {
  if (invite.usedAt) return { ok: false, error: usedError() };
  if (invite.revokedAt) {
    return refuse('invite_revoked', 'This invite link has been withdrawn by the organisers. Ask them for a new one.');
  }
  try {
    const created = await context.store.transaction(async (tx) => {
      const now = context.now();
      const joined = await createParticipant(tx, review, now, { verified: true });
      if (!(await tx.redeemInvite(invite.id, dayOf(now)))) throw usedError();
      for (const answer of await tx.listInviteAnswers(invite.id)) {
        await tx.setIdentityAnswer({
          participantId: joined.participant.id,
          questionId: answer.questionId,
          optionId: answer.optionId,
          answeredAt: now.toISOString(),
        });
      }
      await tx.deleteInviteAnswers(invite.id);
      return joined;
    });
    context.onReviewChanged(review.id);
    return ok(created);
  } catch (error) {
    // Used (or revoked) by someone else between the checks above and the update.
    if (error instanceof AppError && error.code === 'invite_used') return { ok: false, error };
    throw error;
  }
}

function usedError(): AppError {
  return new AppError('invite_used', 'This invite link has already been used. Each link admits one person.');
}

function notFound(inviteId: number): Outcome<never> {
  return refuse('invitation_not_found', `Invitation ${inviteId} is not one of this review's invitations.`);
}

/** Midnight UTC of the day: when an invite was used, to the day and no closer. */
function dayOf(time: Date): string {
  return `${time.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/** Sends each invitation email, a few at a time, recording on each invite how it went. */
async function sendAll(
  context: AppContext,
  review: ReviewRow,
  items: ReadonlyArray<{ invite: InviteRow; token: string }>,
): Promise<Array<'sent' | 'send_failed'>> {
  const outcomes: Array<'sent' | 'send_failed'> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (!item) continue;
      let status: 'sent' | 'send_failed';
      try {
        await context.mailer.send(invitationEmail(context, review, item.invite, item.token));
        status = 'sent';
      } catch {
        // The transport's error may name servers and credentials; the organiser sees "not sent" and
        // can resend, which is what they can act on.
        status = 'send_failed';
      }
      await context.store.recordInviteSent(item.invite.id, status, context.now().toISOString());
      outcomes[index] = status;
    }
  };
  await Promise.all(Array.from({ length: Math.min(sendConcurrency, items.length) }, worker));
  return outcomes;
}

/** The invitation, in English and Welsh: many members read both, and the organiser may not know who reads which. */
export function invitationEmail(
  context: AppContext,
  review: ReviewRow,
  invite: InviteRow,
  token: string,
): OutgoingMail {
  const url = `${context.config.publicUrl}/invite/${token}`;
  const name = invite.name?.trim();
  const text = [
    name ? `Hello ${name},` : 'Hello,',
    '',
    `You are invited to take part in "${review.title}", a listening review.`,
    '',
    `Open this link to join: ${url}`,
    '',
    'The link is yours alone and works once, so please do not forward it. What you answer and how you vote are not linked to your email address.',
    '',
    '---',
    '',
    name ? `Helo ${name},` : 'Helo,',
    '',
    `Rydych chi'n cael eich gwahodd i gymryd rhan yn "${review.title}", adolygiad gwrando.`,
    '',
    `Agorwch y ddolen hon i ymuno: ${url}`,
    '',
    "Mae'r ddolen i chi yn unig ac mae'n gweithio unwaith, felly peidiwch â'i hanfon ymlaen. Nid yw'r hyn rydych chi'n ei ateb na sut rydych chi'n pleidleisio wedi'i gysylltu â'ch cyfeiriad e-bost.",
    '',
  ].join('\n');
  return {
    to: invite.email ?? '',
    subject: `Invitation: ${review.title} / Gwahoddiad: ${review.title}`,
    text,
  };
}
