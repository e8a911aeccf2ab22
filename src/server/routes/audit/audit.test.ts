import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedStatement, Problem } from '../../../contract/index.js';
import type { AuditPage } from '../../../contract/team.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { grantRole, invitationToken, signedInAccount, testPassword } from '../../../test-support/team.js';
import { summariseBody } from '../../audit-hook.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`audit log on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    const auditPath = () => `/api/manage/reviews/${slug}/audit`;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, [
        'The campaign started too late.',
        'Our leaflets said nothing about local services.',
      ]));
    });
    afterEach(async () => {
      await api.close();
    });

    it('records who did what to which statement and member, newest first, without personal data', async () => {
      const [first] = (await owner.get(`/api/manage/reviews/${slug}/statements`)).json<ManagedStatement[]>();
      await owner.patch(`/api/manage/reviews/${slug}/statements/${first?.id}`, {
        moderation: 'rejected',
        reason: 'Off topic.',
      });
      await owner.patch(`/api/manage/reviews/${slug}`, { title: 'A new title', moderationMode: 'strict' });
      await owner.post(`/api/manage/reviews/${slug}/team/invitations`, { email: 'mo@example.org', role: 'moderator' });
      const joined = await api
        .client()
        .post(`/api/team-invitations/${invitationToken(api, 'mo@example.org')}/account`, {
          displayName: 'Mo Moderator',
          password: testPassword,
        });
      const moderatorId = joined.json<{ account: { id: number } }>().account.id;
      await owner.patch(`/api/manage/reviews/${slug}/team/${moderatorId}`, { role: 'analyst' });

      const response = await owner.get(auditPath());
      expect(response.statusCode).toBe(200);
      const { events, nextBefore } = response.json<AuditPage>();
      expect(nextBefore).toBeNull();
      expect(events.map((event) => [event.action, event.actor, event.params, event.summary])).toEqual([
        ['team.change-role', 'Owner', { accountId: moderatorId }, 'role=moderator → analyst'],
        ['team.accept', 'Mo Moderator', { invitationId: expect.any(Number) }, 'role=moderator, new account'],
        ['team.invite', 'Owner', { invitationId: expect.any(Number) }, 'email, role=moderator'],
        ['review.update', 'Owner', {}, 'title, moderationMode=strict'],
        ['statement.moderate', 'Owner', { statementId: first?.id }, 'moderation=rejected, reason'],
        ['statement.seed', 'Owner', {}, 'statements (2)'],
        ['review.create', 'Owner', {}, expect.stringContaining('status=open')],
      ]);
      expect(events.every((event) => event.at === api.clock.now.toISOString())).toBe(true);
      // No email address, statement text, title or token reaches the log.
      expect(response.body).not.toContain('@');
      expect(response.body).not.toContain('campaign');
      expect(response.body).not.toContain('A new title');
      expect(response.body).not.toContain(invitationToken(api, 'mo@example.org'));
    });

    it('records only what succeeded', async () => {
      await owner.patch(`/api/manage/reviews/${slug}`, { status: 'paused' });
      await owner.patch(`/api/manage/reviews/${slug}/statements/99999`, { moderation: 'accepted' });
      await owner.post(`/api/manage/reviews/${slug}/team/invitations`, { email: 'x@example.org', role: 'root' });
      const { events } = (await owner.get(auditPath())).json<AuditPage>();
      expect(events.map((event) => event.action)).toEqual(['statement.seed', 'review.create']);
    });

    it('pages back through older events', async () => {
      for (const title of ['One', 'Two', 'Three', 'Four']) await owner.patch(`/api/manage/reviews/${slug}`, { title });
      const first = (await owner.get(`${auditPath()}?limit=4`)).json<AuditPage>();
      expect(first.events).toHaveLength(4);
      expect(first.events.every((event) => event.action === 'review.update')).toBe(true);
      const second = (await owner.get(`${auditPath()}?limit=4&before=${first.nextBefore}`)).json<AuditPage>();
      expect(second.events.map((event) => event.action)).toEqual(['statement.seed', 'review.create']);
      expect(second.nextBefore).toBeNull();
      const ids = [...first.events, ...second.events].map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect((await owner.get(`${auditPath()}?limit=0`)).json<Problem>().errors?.[0]?.field).toBe('limit');
    });

    it('is visible to owners only', async () => {
      const review = await api.store.findReviewBySlug(slug);
      for (const role of ['organiser', 'moderator', 'facilitator', 'analyst'] as const) {
        const { client, account } = await signedInAccount(api, `${role}@example.org`);
        await grantRole(api, slug, account.id, role);
        const response = await client.get(auditPath());
        expect(response.statusCode, role).toBe(403);
      }
      const { client: outsider } = await signedInAccount(api, 'outsider@example.org');
      expect((await outsider.get(auditPath())).statusCode).toBe(404);
      expect((await api.client().get(auditPath())).statusCode).toBe(401);
      const { client: secondOwner, account } = await signedInAccount(api, 'second@example.org');
      await api.store.setReviewRole({ reviewId: review!.id, accountId: account.id, role: 'owner', createdAt: 'now' });
      expect((await secondOwner.get(auditPath())).statusCode).toBe(200);
    });

    it('still answers when the event cannot be written, since the change itself has happened', async () => {
      api.store.recordAuditEvent = async () => {
        throw new Error('disk full');
      };
      const response = await owner.patch(`/api/manage/reviews/${slug}`, { title: 'Renamed' });
      expect(response.statusCode).toBe(200);
      expect((await api.store.findReviewBySlug(slug))?.title).toBe('Renamed');
    });
  });
}

describe('summariseBody', () => {
  it('copies values only from enum, boolean and number fields, names text fields and counts lists', async () => {
    const { z } = await import('zod');
    const schema = z.strictObject({
      role: z.enum(['moderator', 'analyst']).optional(),
      email: z.string(),
      visible: z.boolean().default(true),
      limit: z.number().optional(),
      texts: z.array(z.string()),
    });
    expect(
      summariseBody(schema, { role: 'analyst', email: 'a@b.org', visible: false, limit: 3, texts: ['x', 'y'] }),
    ).toBe('role=analyst, email, visible=false, limit=3, texts (2)');
    // Without a schema nothing is trusted: field names only.
    expect(summariseBody(undefined, { role: 'analyst', note: 'secret' })).toBe('role, note');
    expect(summariseBody(schema, undefined)).toBe('');
  });
});
