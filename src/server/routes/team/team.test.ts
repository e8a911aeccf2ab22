import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedReview, Problem } from '../../../contract/index.js';
import type { Team, TeamInvitationPreview, TeamMember } from '../../../contract/team.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { grantRole, invitationToken, signedInAccount, testPassword } from '../../../test-support/team.js';
import { hashToken } from '../../auth/tokens.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`team API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    const teamPath = () => `/api/manage/reviews/${slug}/team`;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['The campaign started too late.']));
    });
    afterEach(async () => {
      await api.close();
    });

    async function memberId(email: string): Promise<number> {
      const team = (await owner.get(teamPath())).json<Team>();
      const member = team.members.find((candidate) => candidate.email === email);
      if (!member) throw new Error(`${email} is not in the team`);
      return member.accountId;
    }

    it('invites a moderator by email; the link creates their account, once, with the role and nothing more', async () => {
      const invited = await owner.post(`${teamPath()}/invitations`, { email: ' Mo@Example.org ', role: 'moderator' });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({ email: 'mo@example.org', role: 'moderator' });

      const mail = api.outbox.at(-1);
      expect(mail?.to).toBe('mo@example.org');
      expect(mail?.text).toContain('Listening review');
      expect(mail?.text).toContain('as a moderator');
      expect(mail?.text).toContain('fel cymedrolwr');
      const token = invitationToken(api, 'mo@example.org');
      expect(mail?.text).toContain(`http://review.test/team-invitation/${token}`);
      // Only the token's hash is stored, and it expires after 7 days.
      const stored = await api.store.findTeamInvitationByTokenHash(hashToken(token));
      expect(stored?.tokenHash).not.toContain(token);
      expect(Date.parse(stored?.expiresAt ?? '') - api.clock.now.getTime()).toBe(7 * 86_400_000);

      const stranger = api.client();
      const preview = await stranger.get(`/api/team-invitations/${token}`);
      expect(preview.json<TeamInvitationPreview>()).toEqual({
        reviewTitle: 'Listening review',
        role: 'moderator',
        email: 'mo@example.org',
        expiresAt: stored?.expiresAt,
        accountExists: false,
      });
      const tooShort = await stranger.post(`/api/team-invitations/${token}/account`, {
        displayName: 'Mo',
        password: 'short',
      });
      expect(tooShort.json<Problem>().errors?.[0]?.field).toBe('password');

      const joined = await stranger.post(`/api/team-invitations/${token}/account`, {
        displayName: 'Mo Moderator',
        password: testPassword,
      });
      expect(joined.statusCode).toBe(200);
      expect(joined.json()).toMatchObject({ account: { email: 'mo@example.org' }, slug, role: 'moderator' });

      // Signed in as the moderator: the console, but no editing or team management.
      const review = await stranger.get(`/api/manage/reviews/${slug}`);
      expect(review.json<ManagedReview>().role).toBe('moderator');
      expect((await stranger.patch(`/api/manage/reviews/${slug}`, { title: 'Mine now' })).statusCode).toBe(403);
      expect((await stranger.get(teamPath())).statusCode).toBe(403);

      // The link works once.
      const again = await api.client().post(`/api/team-invitations/${token}/account`, {
        displayName: 'Someone',
        password: testPassword,
      });
      expect(again.json<Problem>().code).toBe('team_invitation_used');
      expect((await api.client().get(`/api/team-invitations/${token}`)).statusCode).toBe(409);

      const team = (await owner.get(teamPath())).json<Team>();
      expect(team.members.map((member) => [member.email, member.role, member.isYou])).toEqual([
        ['owner@example.org', 'owner', true],
        ['mo@example.org', 'moderator', false],
      ]);
      expect(team.invitations).toEqual([]);
    });

    it('lets an existing account accept by signing in, but only the invited address', async () => {
      const { client: analyst } = await signedInAccount(api, 'ana@example.org', 'Ana');
      const { client: other } = await signedInAccount(api, 'other@example.org', 'Other');
      await owner.post(`${teamPath()}/invitations`, { email: 'ana@example.org', role: 'analyst' });
      const token = invitationToken(api, 'ana@example.org');
      expect(
        (await api.client().get(`/api/team-invitations/${token}`)).json<TeamInvitationPreview>().accountExists,
      ).toBe(true);

      expect((await api.client().post(`/api/team-invitations/${token}/accept`)).statusCode).toBe(401);
      const wrong = await other.post(`/api/team-invitations/${token}/accept`);
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json<Problem>().code).toBe('team_invitation_wrong_account');
      const signUpTaken = await api.client().post(`/api/team-invitations/${token}/account`, {
        displayName: 'Ana',
        password: testPassword,
      });
      expect(signUpTaken.json<Problem>().code).toBe('email_taken');

      const accepted = await analyst.post(`/api/team-invitations/${token}/accept`);
      expect(accepted.json()).toEqual({ slug, role: 'analyst' });
      expect((await analyst.get(`/api/manage/reviews/${slug}`)).json<ManagedReview>().role).toBe('analyst');

      // Inviting a member again is refused: their role is changed instead.
      const reinvite = await owner.post(`${teamPath()}/invitations`, { email: 'ana@example.org', role: 'moderator' });
      expect(reinvite.statusCode).toBe(409);
      expect(reinvite.json<Problem>().code).toBe('already_in_team');
    });

    it('replaces an earlier invitation to the same address, withdraws, and expires links after 7 days', async () => {
      await owner.post(`${teamPath()}/invitations`, { email: 'fay@example.org', role: 'facilitator' });
      const first = invitationToken(api, 'fay@example.org');
      await owner.post(`${teamPath()}/invitations`, { email: 'fay@example.org', role: 'analyst' });
      const second = invitationToken(api, 'fay@example.org');
      expect((await api.client().get(`/api/team-invitations/${first}`)).json<Problem>().code).toBe(
        'team_invitation_expired',
      );
      const pending = (await owner.get(teamPath())).json<Team>().invitations;
      expect(pending.map((invitation) => [invitation.email, invitation.role])).toEqual([
        ['fay@example.org', 'analyst'],
      ]);

      api.clock.now = new Date(api.clock.now.getTime() + 7 * 86_400_000 + 60_000);
      const late = await api.client().get(`/api/team-invitations/${second}`);
      expect(late.statusCode).toBe(410);
      expect((await owner.get(teamPath())).json<Team>().invitations).toEqual([]);

      await owner.post(`${teamPath()}/invitations`, { email: 'gil@example.org', role: 'moderator' });
      const third = invitationToken(api, 'gil@example.org');
      const [invitation] = (await owner.get(teamPath())).json<Team>().invitations;
      expect((await owner.delete(`${teamPath()}/invitations/${invitation?.id}`)).statusCode).toBe(204);
      expect((await owner.delete(`${teamPath()}/invitations/${invitation?.id}`)).statusCode).toBe(404);
      const withdrawn = await api.client().post(`/api/team-invitations/${third}/account`, {
        displayName: 'Gil',
        password: testPassword,
      });
      expect(withdrawn.json<Problem>().code).toBe('team_invitation_expired');
      expect(await api.store.findAccountByEmail('gil@example.org')).toBeUndefined();
    });

    it('refuses unknown roles naming the field, and bad emails', async () => {
      const unknown = await owner.post(`${teamPath()}/invitations`, { email: 'x@example.org', role: 'admin' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<Problem>().errors?.[0]?.field).toBe('role');
      // Owners are made from members, not invited.
      const ownerInvite = await owner.post(`${teamPath()}/invitations`, { email: 'x@example.org', role: 'owner' });
      expect(ownerInvite.json<Problem>().errors?.[0]?.field).toBe('role');
      const badEmail = await owner.post(`${teamPath()}/invitations`, { email: 'not an email', role: 'analyst' });
      expect(badEmail.json<Problem>().errors?.[0]?.field).toBe('email');

      const { account } = await signedInAccount(api, 'mod@example.org');
      await grantRole(api, slug, account.id, 'moderator');
      const unknownChange = await owner.patch(`${teamPath()}/${account.id}`, { role: 'superuser' });
      expect(unknownChange.statusCode).toBe(400);
      expect(unknownChange.json<Problem>().errors?.[0]?.field).toBe('role');
      expect((await owner.patch(`${teamPath()}/${account.id + 100}`, { role: 'analyst' })).statusCode).toBe(404);
      expect(api.outbox).toEqual([]);
    });

    it('keeps the owner and organiser roles for owners: organisers manage only the other roles', async () => {
      const { client: organiser, account: organiserAccount } = await signedInAccount(api, 'org@example.org');
      const { account: moderator } = await signedInAccount(api, 'mod@example.org');
      await grantRole(api, slug, organiserAccount.id, 'organiser');
      await grantRole(api, slug, moderator.id, 'moderator');
      const ownerId = await memberId('owner@example.org');

      const inviteOrganiser = await organiser.post(`${teamPath()}/invitations`, {
        email: 'new@example.org',
        role: 'organiser',
      });
      expect(inviteOrganiser.statusCode).toBe(403);
      expect(
        (await organiser.post(`${teamPath()}/invitations`, { email: 'new@example.org', role: 'facilitator' }))
          .statusCode,
      ).toBe(201);

      expect((await organiser.patch(`${teamPath()}/${ownerId}`, { role: 'analyst' })).statusCode).toBe(403);
      expect((await organiser.delete(`${teamPath()}/${ownerId}`)).statusCode).toBe(403);
      expect((await organiser.patch(`${teamPath()}/${moderator.id}`, { role: 'organiser' })).statusCode).toBe(403);
      const changed = await organiser.patch(`${teamPath()}/${moderator.id}`, { role: 'analyst' });
      expect(changed.json<TeamMember>()).toMatchObject({ email: 'mod@example.org', role: 'analyst' });
      expect((await organiser.delete(`${teamPath()}/${moderator.id}`)).statusCode).toBe(204);
      expect(
        await api.store.findReviewRole((await api.store.findReviewBySlug(slug))!.id, moderator.id),
      ).toBeUndefined();

      // The owner may demote the organiser.
      expect((await owner.patch(`${teamPath()}/${organiserAccount.id}`, { role: 'moderator' })).statusCode).toBe(200);
      expect((await organiser.get(teamPath())).statusCode).toBe(403);
    });

    it('never leaves a review without an owner', async () => {
      const ownerId = await memberId('owner@example.org');
      const demote = await owner.patch(`${teamPath()}/${ownerId}`, { role: 'organiser' });
      expect(demote.statusCode).toBe(409);
      expect(demote.json<Problem>().code).toBe('last_owner');
      expect((await owner.delete(`${teamPath()}/${ownerId}`)).json<Problem>().code).toBe('last_owner');

      const { client: second, account } = await signedInAccount(api, 'second@example.org');
      await grantRole(api, slug, account.id, 'organiser');
      expect((await owner.patch(`${teamPath()}/${account.id}`, { role: 'owner' })).statusCode).toBe(200);
      // Now there are two, the first may step down; then the second is the last again.
      expect((await owner.patch(`${teamPath()}/${ownerId}`, { role: 'organiser' })).statusCode).toBe(200);
      expect((await second.delete(`${teamPath()}/${account.id}`)).json<Problem>().code).toBe('last_owner');
      expect((await second.delete(`${teamPath()}/${ownerId}`)).statusCode).toBe(204);
    });

    it('keeps no invitation when its email cannot be sent', async () => {
      api.context.mailer = {
        send: async () => {
          throw new Error('SMTP server said no');
        },
      };
      const invited = await owner.post(`${teamPath()}/invitations`, { email: 'lost@example.org', role: 'analyst' });
      expect(invited.statusCode).toBe(502);
      expect(invited.json<Problem>().code).toBe('mail_not_sent');
      expect((await owner.get(teamPath())).json<Team>().invitations).toEqual([]);
    });
  });
}
