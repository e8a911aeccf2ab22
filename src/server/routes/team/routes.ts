import { z } from 'zod';
import { sessionSchema } from '../../../contract/accounts.js';
import {
  acceptedTeamInvitationSchema,
  changeTeamRoleBody,
  inviteTeamMemberBody,
  pendingTeamInvitationSchema,
  teamInvitationParams,
  teamInvitationPreviewSchema,
  teamInvitationSignUpBody,
  teamInvitationTokenParams,
  teamMemberParams,
  teamMemberSchema,
  teamSchema,
} from '../../../contract/team.js';
import { noteAudit } from '../../audit-hook.js';
import { requireAccount, startSession } from '../../auth/session.js';
import {
  acceptTeamInvitation,
  changeTeamRole,
  inviteTeamMember,
  previewTeamInvitation,
  removeTeamMember,
  revokeTeamInvitation,
  signUpThroughTeamInvitation,
  viewTeam,
} from '../../commands/team.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { presentAccount } from '../../presenters/presenters.js';
import {
  presentPendingTeamInvitation,
  presentTeamInvitationPreview,
  presentTeamMember,
} from '../../presenters/team.js';
import { authoriseReview } from '../authorise.js';

const tags = ['team'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** The review team: members and their roles, emailed invitations, and accepting one. */
export function registerTeamRoutes(app: App, context: AppContext): void {
  app.get(
    '/manage/reviews/:slug/team',
    {
      config: { permission: 'manageTeam' },
      schema: { tags, summary: 'Members and pending invitations', params: slugParams, response: { 200: teamSchema } },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'manageTeam');
      const team = await viewTeam(context, review);
      return {
        members: team.members.map((member) => presentTeamMember(member, account.id)),
        invitations: team.invitations.map(presentPendingTeamInvitation),
      };
    },
  );

  app.post(
    '/manage/reviews/:slug/team/invitations',
    {
      config: { permission: 'manageTeam', audit: 'team.invite' },
      schema: {
        tags,
        summary: 'Email someone a link that gives them a role (only owners can invite organisers)',
        params: slugParams,
        body: inviteTeamMemberBody,
        response: { 201: pendingTeamInvitationSchema },
      },
    },
    async (request, reply) => {
      const { review, account, role } = await authoriseReview(context, request, request.params.slug, 'manageTeam');
      const invitation = unwrap(await inviteTeamMember(context, review, { account, role }, request.body));
      noteAudit(request, { params: { invitationId: invitation.id } });
      return reply.code(201).send(presentPendingTeamInvitation(invitation));
    },
  );

  app.delete(
    '/manage/reviews/:slug/team/invitations/:invitationId',
    {
      config: { permission: 'manageTeam', audit: 'team.withdraw-invitation' },
      schema: { tags, summary: 'Withdraw a pending invitation', params: teamInvitationParams },
    },
    async (request, reply) => {
      const { review, account, role } = await authoriseReview(context, request, request.params.slug, 'manageTeam');
      unwrap(await revokeTeamInvitation(context, review, { account, role }, request.params.invitationId));
      return reply.code(204).send();
    },
  );

  app.patch(
    '/manage/reviews/:slug/team/:accountId',
    {
      config: { permission: 'manageTeam', audit: 'team.change-role' },
      schema: {
        tags,
        summary: 'Change a member’s role (owners and organisers: only by owners; never the last owner)',
        params: teamMemberParams,
        body: changeTeamRoleBody,
        response: { 200: teamMemberSchema },
      },
    },
    async (request) => {
      const { review, account, role } = await authoriseReview(context, request, request.params.slug, 'manageTeam');
      const changed = unwrap(
        await changeTeamRole(context, review, { account, role }, request.params.accountId, request.body),
      );
      noteAudit(request, { summary: `role=${changed.previousRole} → ${changed.member.role}` });
      return presentTeamMember(changed.member, account.id);
    },
  );

  app.delete(
    '/manage/reviews/:slug/team/:accountId',
    {
      config: { permission: 'manageTeam', audit: 'team.remove' },
      schema: { tags, summary: 'Take a member’s role away (never the last owner)', params: teamMemberParams },
    },
    async (request, reply) => {
      const { review, account, role } = await authoriseReview(context, request, request.params.slug, 'manageTeam');
      const removed = unwrap(await removeTeamMember(context, review, { account, role }, request.params.accountId));
      noteAudit(request, { summary: `role=${removed.previousRole}` });
      return reply.code(204).send();
    },
  );

  app.get(
    '/team-invitations/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers, and whether its address has an account',
        params: teamInvitationTokenParams,
        response: { 200: teamInvitationPreviewSchema },
      },
    },
    async (request, reply) => {
      const { invitation, review, accountExists } = unwrap(await previewTeamInvitation(context, request.params.token));
      void reply.header('cache-control', 'no-store');
      return presentTeamInvitationPreview(invitation, review, accountExists);
    },
  );

  app.post(
    '/team-invitations/:token/accept',
    {
      config: { audit: 'team.accept', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Accept an invitation as the signed-in account (it must be the invited address)',
        params: teamInvitationTokenParams,
        response: { 200: acceptedTeamInvitationSchema },
      },
    },
    async (request) => {
      const account = requireAccount(request);
      const { invitation, review } = unwrap(await acceptTeamInvitation(context, request.params.token, account));
      noteAudit(request, {
        reviewId: review.id,
        params: { invitationId: invitation.id },
        summary: `role=${invitation.role}`,
      });
      return { slug: review.slug, role: invitation.role };
    },
  );

  app.post(
    '/team-invitations/:token/account',
    {
      config: { audit: 'team.accept', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Create the invited address’s account, accept the invitation and sign in',
        params: teamInvitationTokenParams,
        body: teamInvitationSignUpBody,
        response: { 200: sessionSchema.extend(acceptedTeamInvitationSchema.shape) },
      },
    },
    async (request, reply) => {
      const { account, invitation, review } = unwrap(
        await signUpThroughTeamInvitation(context, request.params.token, request.body),
      );
      const csrfToken = await startSession(reply, request, context, account.id);
      noteAudit(request, {
        reviewId: review.id,
        accountId: account.id,
        params: { invitationId: invitation.id },
        summary: `role=${invitation.role}, new account`,
      });
      return { account: presentAccount(account), csrfToken, slug: review.slug, role: invitation.role };
    },
  );
}
