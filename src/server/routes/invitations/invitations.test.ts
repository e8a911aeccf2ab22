import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  IdentityQuestion,
  ImportInvitationsResult,
  Invitation,
  InvitationList,
  MemberListProblemDetails,
  Participation,
  Problem,
} from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { hashPassword } from '../../auth/passwords.js';
import { participantCookie } from '../../auth/session.js';
import { hashToken } from '../../auth/tokens.js';
import type { Mailer, OutgoingMail } from '../../mail/mailer.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`invitations API on ${factory.kind}`, () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi(factory);
    });
    afterEach(async () => {
      await api.close();
    });

    const valleyPrompt = 'Which valley do you live in?';

    /** An open, invite-only review with two identity questions, and its owner. */
    async function inviteOnlyReview(): Promise<{ owner: TestClient; slug: string; questions: IdentityQuestion[] }> {
      const { owner, slug } = await openReviewWithStatements(api, ['Our campaign started too late.'], {
        visibility: 'invite',
      });
      for (const body of [
        { prompt: valleyPrompt, kind: 'region', options: ['Rhondda', 'Cynon', 'Taff'] },
        { prompt: 'How did you vote in 2016?', kind: 'referendum', options: ['Remain', 'Leave'] },
      ]) {
        const added = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, body);
        expect(added.statusCode, added.body).toBe(201);
      }
      const questions = (await owner.get(`/api/manage/reviews/${slug}/identity-questions`)).json<IdentityQuestion[]>();
      return { owner, slug, questions };
    }

    const importPath = (slug: string) => `/api/manage/reviews/${slug}/invitations/import`;
    const listPath = (slug: string) => `/api/manage/reviews/${slug}/invitations`;

    async function list(owner: TestClient, slug: string): Promise<InvitationList> {
      const response = await owner.get(listPath(slug));
      expect(response.statusCode, response.body).toBe(200);
      return response.json<InvitationList>();
    }

    /** The single-use link in an invitation email. */
    function linkIn(mail: OutgoingMail | undefined): string {
      const match = mail?.text.match(/http:\/\/review\.test\/invite\/([A-Za-z0-9_-]+)/);
      if (!match?.[1]) throw new Error(`no invite link in: ${mail?.text}`);
      return match[1];
    }

    async function accept(token: string, client = api.client()) {
      return { client, response: await client.post(`/api/invites/${token}/accept`) };
    }

    it('imports a member list, emails each member a single-use link and lists them with counts', async () => {
      const { owner, slug } = await inviteOnlyReview();
      const csv = [
        `email,name,"${valleyPrompt}",referendum`,
        'Ann@Example.org,Ann Jones,Cynon,Leave',
        'bob@example.org,,,',
        '"carys@example.org","Carys ""Caz"" Evans",rhondda,',
      ].join('\r\n');
      const response = await owner.post(importPath(slug), { csv });
      expect(response.statusCode, response.body).toBe(201);
      const result = response.json<ImportInvitationsResult>();
      expect(result).toMatchObject({
        imported: 3,
        sent: 3,
        sendFailed: 0,
        counts: { invited: 3, joined: 0, revoked: 0, sendFailed: 0 },
      });
      expect(result.invitations.map((invitation) => [invitation.email, invitation.name, invitation.status])).toEqual([
        ['ann@example.org', 'Ann Jones', 'invited'],
        ['bob@example.org', null, 'invited'],
        ['carys@example.org', 'Carys "Caz" Evans', 'invited'],
      ]);
      // The organiser's view has no token, participant or answers in it.
      expect(Object.keys(result.invitations[0] ?? {}).sort()).toEqual(
        ['email', 'id', 'invitedAt', 'name', 'sendStatus', 'sentAt', 'status'].sort(),
      );
      expect(result.invitations.every((invitation) => invitation.sendStatus === 'sent')).toBe(true);

      expect(api.outbox.map((mail) => mail.to)).toEqual(['ann@example.org', 'bob@example.org', 'carys@example.org']);
      const [annMail] = api.outbox;
      expect(annMail?.subject).toContain('Listening review');
      expect(annMail?.text).toContain('Hello Ann Jones,');
      expect(annMail?.text).toContain('Helo Ann Jones,');
      const tokens = api.outbox.map(linkIn);
      expect(new Set(tokens).size).toBe(3);
      // Only the hash is stored.
      const stored = await api.store.findInviteByTokenHash(hashToken(tokens[0] ?? ''));
      expect(stored).toMatchObject({ email: 'ann@example.org', tokenHash: hashToken(tokens[0] ?? '') });

      expect(await list(owner, slug)).toEqual({ counts: result.counts, invitations: result.invitations });
    });

    describe('refuses a bad list as a whole, naming every bad line, and stores nothing', () => {
      const cases: Array<{ name: string; csv: string[]; lines: Array<[number, string | null, string]> }> = [
        {
          name: 'a bad email address',
          csv: ['email,name', 'ann@example.org,Ann', 'not-an-address,Bob', 'carys@example,Carys'],
          lines: [
            [3, 'email', 'bad_email'],
            [4, 'email', 'bad_email'],
          ],
        },
        {
          name: 'a missing email address',
          csv: ['email,name', 'ann@example.org,Ann', ',Bob'],
          lines: [[3, 'email', 'missing_value']],
        },
        {
          name: 'the same email twice in the file, whatever its case',
          csv: ['email', 'ann@example.org', 'bob@example.org', ' ANN@example.org '],
          lines: [[4, 'email', 'duplicate_email']],
        },
        {
          name: 'an answer that is not an option',
          csv: [`email,${valleyPrompt}`, 'ann@example.org,Cynon', 'bob@example.org,Swansea'],
          lines: [[3, valleyPrompt, 'unknown_option']],
        },
        {
          name: 'an unknown column',
          csv: ['email,phone', 'ann@example.org,01234'],
          lines: [[1, 'phone', 'unknown_column']],
        },
        {
          name: 'no email column',
          csv: ['name', 'Ann'],
          lines: [[1, 'email', 'missing_column']],
        },
        {
          name: 'two columns for one question',
          csv: [`email,region,${valleyPrompt}`, 'ann@example.org,Cynon,Cynon'],
          lines: [[1, valleyPrompt, 'duplicate_column']],
        },
        {
          name: 'more values than columns',
          csv: ['email,name', 'ann@example.org,Jones, Ann'],
          lines: [[2, null, 'column_count']],
        },
        {
          name: 'a quote left open',
          csv: ['email,name', 'ann@example.org,"Ann', 'bob@example.org,Bob'],
          lines: [[2, null, 'csv_syntax']],
        },
        {
          name: 'a header with no members',
          csv: ['email,name'],
          lines: [[1, null, 'no_members']],
        },
      ];

      for (const { name, csv, lines } of cases) {
        it(name, async () => {
          const { owner, slug } = await inviteOnlyReview();
          const response = await owner.post(importPath(slug), { csv: csv.join('\n') });
          expect(response.statusCode, response.body).toBe(422);
          expect(response.headers['content-type']).toContain('application/problem+json');
          const problem = response.json<MemberListProblemDetails>();
          expect(problem.code).toBe('member_list_invalid');
          expect(problem.errors?.[0]?.field).toBe('csv');
          expect(problem.lines.map((line) => [line.line, line.column, line.code])).toEqual(lines);
          expect(problem.lines.every((line) => line.message.length > 0)).toBe(true);
          expect(await api.store.listInvitations((await api.store.findReviewBySlug(slug))?.id ?? 0)).toEqual([]);
          expect(api.outbox).toEqual([]);
        });
      }

      it('an address already invited to this review, leaving the earlier import as it was', async () => {
        const { owner, slug } = await inviteOnlyReview();
        expect((await owner.post(importPath(slug), { csv: 'email\nann@example.org' })).statusCode).toBe(201);
        const before = await list(owner, slug);
        const response = await owner.post(importPath(slug), { csv: 'email\nbob@example.org\nANN@example.org' });
        expect(response.statusCode).toBe(422);
        expect(
          response.json<MemberListProblemDetails>().lines.map((line) => [line.line, line.column, line.code]),
        ).toEqual([[3, 'email', 'already_invited']]);
        expect(await list(owner, slug)).toEqual(before);
        expect(api.outbox.map((mail) => mail.to)).toEqual(['ann@example.org']);
      });

      it('an empty body, as a validation error on the field', async () => {
        const { owner, slug } = await inviteOnlyReview();
        const response = await owner.post(importPath(slug), { csv: '' });
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.[0]?.field).toBe('csv');
      });
    });

    it('joins through the emailed link as a verified participant with the pre-filled answers, keeping no link from the email', async () => {
      const { owner, slug, questions } = await inviteOnlyReview();
      const [valley, referendum] = questions;
      await owner.post(importPath(slug), {
        csv: `email,name,region,How did you vote in 2016?\nann@example.org,Ann,Taff,Remain`,
      });
      const token = linkIn(api.outbox[0]);
      const review = await api.store.findReviewBySlug(slug);
      if (!review || !valley || !referendum) throw new Error('set-up failed');
      const [invite] = await api.store.listInvitations(review.id);
      expect(await api.store.listInviteAnswers(invite?.id ?? 0)).toHaveLength(2);

      api.clock.now = new Date('2026-11-26T15:42:17.123Z');
      const { client: participant, response } = await accept(token);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ slug });

      const cookie = participant.cookies.get(participantCookie(review.id)) ?? '';
      const joined = await api.store.findParticipantByTokenHash(review.id, hashToken(cookie));
      expect(joined?.verified).toBe(true);
      const participation = (await participant.get(`/api/reviews/${slug}/participation`)).json<Participation>();
      expect(participation.participant.answers).toEqual({
        [String(valley.id)]: valley.options.find((option) => option.label === 'Taff')?.id,
        [String(referendum.id)]: referendum.options.find((option) => option.label === 'Remain')?.id,
      });

      // The invite remembers that it was used, to the day, and nothing else about who used it.
      const used = await api.store.findInvitation(review.id, invite?.id ?? 0);
      expect(used?.usedAt).toBe('2026-11-26T00:00:00.000Z');
      expect(used?.usedAt).not.toBe(joined?.createdAt);
      expect(used).not.toHaveProperty('participantId');
      expect(await api.store.listInviteAnswers(invite?.id ?? 0)).toEqual([]);

      const after = await list(owner, slug);
      expect(after.counts).toEqual({ invited: 1, joined: 1, revoked: 0, sendFailed: 0 });
      expect(after.invitations[0]?.status).toBe('joined');
      expect(JSON.stringify(after)).not.toContain('participant');

      const vote = await participant.put(`/api/reviews/${slug}/votes/${participation.nextStatement?.id}`, { value: 1 });
      expect(vote.statusCode, vote.body).toBe(200);

      // The link admits one person: a second browser is refused.
      const second = await accept(token);
      expect(second.response.statusCode).toBe(409);
      expect(second.response.json<Problem>().code).toBe('invite_used');
    });

    it('resends with a new link (the old one stops working) and revokes', async () => {
      const { owner, slug } = await inviteOnlyReview();
      const imported = (
        await owner.post(importPath(slug), { csv: 'email\nann@example.org\nbob@example.org' })
      ).json<ImportInvitationsResult>();
      const [ann, bob] = imported.invitations;
      const annFirst = linkIn(api.outbox[0]);

      const resent = await owner.post(`${listPath(slug)}/${ann?.id}/resend`);
      expect(resent.statusCode, resent.body).toBe(200);
      expect(resent.json<Invitation>()).toMatchObject({
        email: 'ann@example.org',
        status: 'invited',
        sendStatus: 'sent',
      });
      expect(api.outbox).toHaveLength(3);
      expect(api.outbox[2]?.to).toBe('ann@example.org');
      const annSecond = linkIn(api.outbox[2]);
      expect(annSecond).not.toBe(annFirst);
      const stale = await accept(annFirst);
      expect(stale.response.statusCode).toBe(404);
      expect(stale.response.json<Problem>().code).toBe('invite_not_found');

      const revoked = await owner.post(`${listPath(slug)}/${bob?.id}/revoke`);
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json<Invitation>().status).toBe('revoked');
      expect((await owner.post(`${listPath(slug)}/${bob?.id}/revoke`)).json<Invitation>().status).toBe('revoked');
      const refused = await accept(linkIn(api.outbox[1]));
      expect(refused.response.statusCode).toBe(410);
      expect(refused.response.json<Problem>().code).toBe('invite_revoked');
      expect((await list(owner, slug)).counts).toEqual({ invited: 1, joined: 0, revoked: 1, sendFailed: 0 });

      // Ann joins with her new link; a joined invitation can be neither resent nor revoked.
      expect((await accept(annSecond)).response.statusCode).toBe(200);
      const resendJoined = await owner.post(`${listPath(slug)}/${ann?.id}/resend`);
      expect(resendJoined.statusCode).toBe(409);
      expect(resendJoined.json<Problem>().code).toBe('invite_used');
      expect((await owner.post(`${listPath(slug)}/${ann?.id}/revoke`)).statusCode).toBe(409);

      // Resending a revoked invitation reinstates it with a fresh link.
      const reinstated = await owner.post(`${listPath(slug)}/${bob?.id}/resend`);
      expect(reinstated.json<Invitation>().status).toBe('invited');
      expect((await accept(linkIn(api.outbox.at(-1)))).response.statusCode).toBe(200);
      expect((await list(owner, slug)).counts).toEqual({ invited: 2, joined: 2, revoked: 0, sendFailed: 0 });

      const missing = await owner.post(`${listPath(slug)}/999999/resend`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json<Problem>().code).toBe('invitation_not_found');
    });

    it('keeps the import when an email cannot be sent, marking that row to be resent', async () => {
      const { owner, slug } = await inviteOnlyReview();
      const delivered: OutgoingMail[] = [];
      const flaky: Mailer = {
        async send(mail) {
          if (mail.to === 'bob@example.org') throw new Error('550 mailbox unavailable at smtp.internal');
          delivered.push(mail);
        },
      };
      api.context.mailer = flaky;
      const response = await owner.post(importPath(slug), { csv: 'email\nann@example.org\nbob@example.org' });
      expect(response.statusCode, response.body).toBe(201);
      const result = response.json<ImportInvitationsResult>();
      expect(result).toMatchObject({ imported: 2, sent: 1, sendFailed: 1 });
      expect(result.invitations.map((invitation) => [invitation.email, invitation.sendStatus])).toEqual([
        ['ann@example.org', 'sent'],
        ['bob@example.org', 'send_failed'],
      ]);
      expect(result.counts.sendFailed).toBe(1);
      expect(JSON.stringify(result)).not.toContain('smtp.internal');

      api.context.mailer = {
        async send(mail) {
          delivered.push(mail);
        },
      };
      const bob = result.invitations[1];
      const resent = await owner.post(`${listPath(slug)}/${bob?.id}/resend`);
      expect(resent.json<Invitation>().sendStatus).toBe('sent');
      expect(delivered.map((mail) => mail.to)).toEqual(['ann@example.org', 'bob@example.org']);
      expect((await list(owner, slug)).counts.sendFailed).toBe(0);
    });

    it('lets only roles with the invite permission see or change invitations', async () => {
      const { owner, slug } = await inviteOnlyReview();
      await owner.post(importPath(slug), { csv: 'email\nann@example.org' });
      const [invitation] = (await list(owner, slug)).invitations;

      const password = 'a long enough password';
      const account = await api.store.createAccount({
        email: 'moderator@example.org',
        displayName: 'A moderator',
        passwordHash: await hashPassword(password),
        isInstanceOwner: false,
        createdAt: api.clock.now.toISOString(),
      });
      const review = await api.store.findReviewBySlug(slug);
      await api.store.setReviewRole({
        reviewId: review?.id ?? 0,
        accountId: account.id,
        role: 'moderator',
        createdAt: api.clock.now.toISOString(),
      });
      const moderator = api.client();
      expect((await moderator.post('/api/sessions', { email: 'moderator@example.org', password })).statusCode).toBe(
        200,
      );
      for (const response of [
        await moderator.get(listPath(slug)),
        await moderator.post(importPath(slug), { csv: 'email\nbob@example.org' }),
        await moderator.post(`${listPath(slug)}/${invitation?.id}/revoke`),
      ]) {
        expect(response.statusCode).toBe(403);
      }
      const stranger = api.client();
      expect((await stranger.get(listPath(slug))).statusCode).toBe(401);
      expect((await list(owner, slug)).invitations.map((row) => [row.email, row.status])).toEqual([
        ['ann@example.org', 'invited'],
      ]);
    });

    it('still accepts one-off invite links, whose participants are verified too', async () => {
      const { owner, slug } = await inviteOnlyReview();
      const created = await owner.post(`/api/manage/reviews/${slug}/invites`);
      expect(created.statusCode).toBe(201);
      const { token } = created.json<{ token: string }>();
      const { client, response } = await accept(token);
      expect(response.statusCode).toBe(200);
      const review = await api.store.findReviewBySlug(slug);
      const cookie = client.cookies.get(participantCookie(review?.id ?? 0)) ?? '';
      expect((await api.store.findParticipantByTokenHash(review?.id ?? 0, hashToken(cookie)))?.verified).toBe(true);
      // One-off links are not member invitations.
      expect((await list(owner, slug)).invitations).toEqual([]);
      expect((await accept(token)).response.statusCode).toBe(409);
    });
  });
}
