import { z } from 'zod';
import {
  importInvitationsBody,
  importInvitationsResultSchema,
  invitationListSchema,
  invitationSchema,
  inviteIdParams,
} from '../../../contract/index.js';
import { noteAudit } from '../../audit-hook.js';
import { importMemberList, listInvitations, resendInvitation, revokeInvitation } from '../../commands/invitations.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { presentInvitation } from '../../presenters/invitations.js';
import { authoriseReview } from '../authorise.js';

const tags = ['invitations'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** A member list of 10,000 lines is a few megabytes; the rest of the API keeps the small default. */
const memberListBodyLimit = 6 * 1024 * 1024;

/**
 * Invitations from a member list: import (all or nothing), list with counts, resend, revoke. Only
 * roles with the `invite` permission see the addresses.
 */
export function registerInvitationRoutes(app: App, context: AppContext): void {
  app.get(
    '/manage/reviews/:slug/invitations',
    {
      config: { permission: 'invite' },
      schema: {
        tags,
        summary: 'Invitations of the review, with invited / joined counts (never who voted what)',
        params: slugParams,
        response: { 200: invitationListSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'invite');
      return listInvitations(context, review);
    },
  );

  app.post(
    '/manage/reviews/:slug/invitations/import',
    {
      config: { permission: 'invite', audit: 'invitation.import' },
      bodyLimit: memberListBodyLimit,
      schema: {
        tags,
        summary:
          'Import a member list (CSV: email, optional name, optional identity answers) and email each member a single-use invite. All or nothing: a list with bad lines is refused with every bad line (422).',
        params: slugParams,
        body: importInvitationsBody,
        response: { 201: importInvitationsResultSchema },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'invite');
      const result = unwrap(await importMemberList(context, review, account, request.body.csv));
      noteAudit(request, {
        params: { imported: result.imported, sendFailed: result.sendFailed },
        summary: `${result.imported} invited`,
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/manage/reviews/:slug/invitations/:inviteId/resend',
    {
      config: { permission: 'invite', audit: 'invitation.resend' },
      schema: {
        tags,
        summary: 'Send an invitation again with a new link; the old link stops working',
        params: inviteIdParams,
        response: { 200: invitationSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'invite');
      return presentInvitation(unwrap(await resendInvitation(context, review, request.params.inviteId)));
    },
  );

  app.post(
    '/manage/reviews/:slug/invitations/:inviteId/revoke',
    {
      config: { permission: 'invite', audit: 'invitation.revoke' },
      schema: {
        tags,
        summary: 'Withdraw an unused invitation; its link stops working',
        params: inviteIdParams,
        response: { 200: invitationSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'invite');
      return presentInvitation(unwrap(await revokeInvitation(context, review, request.params.inviteId)));
    },
  );
}
