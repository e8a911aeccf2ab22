import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../contract/problem.js';
import {
  type ReviewRole,
  reviewPermissionList,
  reviewRoleList,
  roleAllows,
  rolePermissions,
} from '../core/review-rules.js';
import type { AccountRow, ReviewRow } from '../store/store.js';
import { createTestApi, type TestApi, type TestClient } from '../test-support/api.js';
import { testStoreFactories } from '../test-support/stores.js';
import { signedInAccount } from '../test-support/team.js';
import { type CatalogueEntry, type RoutePermission, routeCatalogue } from './route-permissions.js';

/**
 * The role matrix, walked over the app's real routes: every /api/manage route, whoever registered it,
 * must declare its permission, and must answer each kind of caller as rolePermissions says. The cases
 * come from the route catalogue, so a route added later is checked without touching this file.
 */

type Actor = ReviewRole | 'otherReviewsOrganiser' | 'anonymous';
const actors: readonly Actor[] = ['anonymous', 'otherReviewsOrganiser', ...[...reviewRoleList].reverse()];

type Expectation = 'unauthenticated' | 'hidden' | 'forbidden' | 'allowed';

function expectationFor(actor: Actor, permission: RoutePermission): Expectation {
  if (actor === 'anonymous') return 'unauthenticated';
  if (permission === 'signedIn') return 'allowed';
  // Someone with no role on the review gets the same 404 as for a review that does not exist.
  if (actor === 'otherReviewsOrganiser') return 'hidden';
  return permission === 'view' || roleAllows(actor, permission) ? 'allowed' : 'forbidden';
}

function describeResponse(status: number, problem: Problem | undefined): Expectation | 'other' {
  if (status === 401 && problem?.code === 'unauthenticated') return 'unauthenticated';
  if (status === 404 && problem?.code === 'review_not_found') return 'hidden';
  if (status === 403 && problem?.code === 'forbidden') return 'forbidden';
  // Anything else means the route let the caller through: success, or a refusal about the request
  // itself (a body this test does not fill in, an id that is not there).
  if (status < 500 && status !== 401 && status !== 403) return 'allowed';
  return 'other';
}

const manageRoutes = (api: TestApi): CatalogueEntry[] =>
  routeCatalogue(api.app).filter((route) => route.url.startsWith('/api/manage'));

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`role matrix on ${factory.kind}`, () => {
    let api: TestApi;
    const clients = new Map<Actor, TestClient>();
    const accounts = new Map<Actor, AccountRow>();
    let reviewCount = 0;

    beforeAll(async () => {
      api = await createTestApi(factory);
      clients.set('anonymous', api.client());
      for (const actor of actors) {
        if (actor === 'anonymous') continue;
        const { client, account } = await signedInAccount(api, `${actor}@example.org`, actor);
        clients.set(actor, client);
        accounts.set(actor, account);
      }
    });
    afterAll(async () => {
      await api.close();
    });

    /** A fresh review per request, so what one caller changes cannot change another's answer. */
    async function freshReview(): Promise<{ review: ReviewRow; params: Record<string, number> }> {
      reviewCount += 1;
      const now = api.clock.now.toISOString();
      const owner = accounts.get('owner')!;
      const review = await api.store.createReview({
        slug: `matrix-${reviewCount}`,
        title: 'Matrix',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: owner.id,
        createdAt: now,
        updatedAt: now,
      });
      for (const role of reviewRoleList) {
        await api.store.setReviewRole({ reviewId: review.id, accountId: accounts.get(role)!.id, role, createdAt: now });
      }
      const elsewhere = await api.store.createReview({
        slug: `elsewhere-${reviewCount}`,
        title: 'Elsewhere',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: owner.id,
        createdAt: now,
        updatedAt: now,
      });
      await api.store.setReviewRole({
        reviewId: elsewhere.id,
        accountId: accounts.get('otherReviewsOrganiser')!.id,
        role: 'organiser',
        createdAt: now,
      });
      const statement = await api.store.createStatement({
        reviewId: review.id,
        text: 'A statement to act on.',
        textKey: 'a statement to act on',
        origin: 'participant',
        moderation: 'pending',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: null,
        createdAt: now,
      });
      const question = await api.store.createIdentityQuestion({
        reviewId: review.id,
        prompt: 'Where?',
        kind: 'region',
        options: ['North', 'South'],
        createdAt: now,
      });
      const invitation = await api.store.createTeamInvitation({
        reviewId: review.id,
        email: 'invited@example.org',
        role: 'moderator',
        tokenHash: `matrix-${reviewCount}`,
        invitedByAccountId: owner.id,
        createdAt: now,
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      const invite = await api.store.createInvite({
        reviewId: review.id,
        tokenHash: `matrix-invite-${reviewCount}`,
        createdAt: now,
        createdByAccountId: owner.id,
      });
      return {
        review,
        params: {
          statementId: statement.id,
          questionId: question.id,
          optionId: question.options[0]!.id,
          invitationId: invitation.id,
          inviteId: invite.id,
          accountId: accounts.get('moderator')!.id,
        },
      };
    }

    function fillUrl(url: string, slug: string, params: Record<string, number>): string {
      return url.replace(/:(\w+)/g, (_, name: string) => (name === 'slug' ? slug : String(params[name] ?? 1)));
    }

    it('has every /api/manage route declare its permission', () => {
      const routes = manageRoutes(api);
      expect(routes.length).toBeGreaterThan(10);
      const undeclared = routes.filter((route) => route.permission === undefined);
      expect(undeclared.map((route) => `${route.method} ${route.url}`)).toEqual([]);
    });

    it('answers every role on every /api/manage route as the matrix says', async () => {
      const mismatches: string[] = [];
      const checked = new Set<string>();
      for (const route of manageRoutes(api)) {
        if (route.permission === undefined) continue;
        for (const actor of actors) {
          const { review, params } = await freshReview();
          const url = fillUrl(route.url, review.slug, params);
          const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
          const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
          const response = await clients.get(actor)!.send(method, url, hasBody ? { body: {} } : {});
          const problem = response.headers['content-type']?.toString().includes('problem+json')
            ? response.json<Problem>()
            : undefined;
          const expected = expectationFor(actor, route.permission);
          const actual = describeResponse(response.statusCode, problem);
          if (actual !== expected) {
            mismatches.push(
              `${route.method} ${route.url} as ${actor}: expected ${expected} (${route.permission}), got ${response.statusCode} ${problem?.code ?? ''}`,
            );
          }
          checked.add(`${route.method} ${route.url}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(checked.size).toBe(manageRoutes(api).filter((route) => route.permission !== undefined).length);
    }, 240_000);
  });
}

describe('docs/roles.md', () => {
  const markdown = readFileSync(new URL('../../docs/roles.md', import.meta.url), 'utf8');

  /** The first table whose header starts with "Capability": its role columns and permission rows. */
  function capabilityTable(): { roles: string[]; rows: Map<string, string[]> } {
    const lines = markdown.split('\n');
    const start = lines.findIndex((line) => /^\|\s*Capability\s*\|/.test(line));
    if (start < 0) throw new Error('docs/roles.md has no "| Capability |" table');
    const cells = (line: string) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim());
    const roles = cells(lines[start] ?? '').slice(1);
    const rows = new Map<string, string[]>();
    for (const line of lines.slice(start + 2)) {
      if (!line.trim().startsWith('|')) break;
      const [capability = '', ...marks] = cells(line);
      const permission = /`(\w+)`/.exec(capability)?.[1];
      if (!permission) throw new Error(`a row of the capability table names no \`permission\`: ${line}`);
      rows.set(permission, marks);
    }
    return { roles, rows };
  }

  it('documents the role matrix exactly as rolePermissions has it', () => {
    const { roles, rows } = capabilityTable();
    expect(roles).toEqual(reviewRoleList);
    expect([...rows.keys()]).toEqual(reviewPermissionList);
    for (const [permission, marks] of rows) {
      const expected = reviewRoleList.map((role) =>
        rolePermissions[role][permission as keyof (typeof rolePermissions)['owner']] ? 'yes' : 'no',
      );
      expect(marks, permission).toEqual(expected);
    }
  });
});
