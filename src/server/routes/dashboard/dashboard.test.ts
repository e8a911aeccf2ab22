import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../contract/dashboard.js';
import type { IdentityQuestion, ManagedStatement } from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { grantRole, signedInAccount } from '../../../test-support/team.js';
import { startOfUtcDay } from './build-dashboard.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`dashboard on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    const dashboardPath = () => `/api/manage/reviews/${slug}/dashboard`;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['One.', 'Two.', 'Three.']));
    });
    afterEach(async () => {
      await api.close();
    });

    it('counts participants, votes and statements, and hides identity counts of fewer than 10', async () => {
      const question = (
        await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
          prompt: 'Which tradition do you feel closest to?',
          kind: 'tradition',
          options: ['Labour', 'Green', 'Plaid'],
        })
      ).json<IdentityQuestion>();
      const [labour, green] = question.options;
      const statements = (await owner.get(`/api/manage/reviews/${slug}/statements`)).json<ManagedStatement[]>();
      const review = (await api.store.findReviewBySlug(slug))!;
      const now = api.clock.now;
      await api.store.updateStatementModeration({
        reviewId: review.id,
        statementId: statements[2]!.id,
        moderation: 'rejected',
        moderatedAt: now.toISOString(),
      });
      const yesterday = new Date(startOfUtcDay(now).getTime() - 60_000).toISOString();

      // 12 Labour, 3 Green, nobody Plaid; 4 participants verified; 2 voted today, 1 only yesterday.
      for (let index = 0; index < 15; index++) {
        const participant = await api.store.createParticipant({
          reviewId: review.id,
          tokenHash: `participant-${index}`,
          seed: index,
          createdAt: now.toISOString(),
          verified: index < 4,
        });
        await api.store.setIdentityAnswer({
          participantId: participant.id,
          questionId: question.id,
          optionId: (index < 12 ? labour : green)!.id,
          answeredAt: now.toISOString(),
        });
        if (index < 3) {
          await api.store.recordVote({
            reviewId: review.id,
            participantId: participant.id,
            statementId: statements[0]!.id,
            value: 1,
            votedAt: index === 0 ? yesterday : now.toISOString(),
          });
        }
      }

      const response = await owner.get(dashboardPath());
      expect(response.statusCode).toBe(200);
      const dashboard = response.json<Dashboard>();
      expect(dashboard).toMatchObject({
        participants: { total: 15, verified: 4, activeToday: 2 },
        votes: 3,
        statements: { pending: 0, accepted: 2, rejected: 1 },
        smallCellThreshold: 10,
        resultsPath: `/r/${slug}/results`,
        activeSince: startOfUtcDay(now).toISOString(),
      });
      // Green's 3 is "fewer than 10"; Labour's 12 is hidden too, or 15 − 12 would give Green away.
      expect(dashboard.identity).toEqual([
        {
          questionId: question.id,
          prompt: 'Which tradition do you feel closest to?',
          kind: 'tradition',
          answered: 15,
          options: [
            { optionId: labour!.id, label: 'Labour', count: { state: 'complement' } },
            { optionId: green!.id, label: 'Green', count: { state: 'small' } },
            { optionId: question.options[2]!.id, label: 'Plaid', count: { state: 'shown', value: 0 } },
          ],
        },
      ]);
      expect(response.body).not.toMatch(/"value":(3|12)\b/);
    });

    it('is for roles with viewDashboard: analysts yes, facilitators no', async () => {
      const { client: analyst, account: analystAccount } = await signedInAccount(api, 'ana@example.org');
      const { client: facilitator, account: facilitatorAccount } = await signedInAccount(api, 'fay@example.org');
      await grantRole(api, slug, analystAccount.id, 'analyst');
      await grantRole(api, slug, facilitatorAccount.id, 'facilitator');
      expect((await analyst.get(dashboardPath())).statusCode).toBe(200);
      expect((await facilitator.get(dashboardPath())).statusCode).toBe(403);
    });
  });
}
