import { get } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Results } from '../../../contract/index.js';
import { createTestApi, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { hashToken, newToken } from '../../auth/tokens.js';
import { InProcessAnalysisEvents } from '../../live/analysis-events.js';
import { type PlantedReview, plantReview, statementTexts, traditions } from './planted-review.fixture.js';

/** Every number anywhere in a JSON value, with the key it sits under. */
function numbersIn(value: unknown, key = ''): Array<{ key: string; value: number }> {
  if (typeof value === 'number') return [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((item) => numbersIn(item, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([childKey, child]) => numbersIn(child, childKey));
  }
  return [];
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`results API on ${factory.kind}`, () => {
    let api: TestApi;
    let planted: PlantedReview;
    beforeEach(async () => {
      api = await createTestApi(factory);
      planted = await plantReview(api);
    });
    afterEach(async () => {
      await planted.runner.close();
      await api.close();
    });

    it('shows results to the team, and to everyone only once the organisers make them public', async () => {
      const { owner, slug } = planted;
      expect((await owner.get(`/api/reviews/${slug}/results`)).statusCode).toBe(200);
      const visitor = api.client();
      const closed = await visitor.get(`/api/reviews/${slug}/results`);
      expect(closed.statusCode).toBe(403);
      expect(closed.json<{ code: string }>().code).toBe('results_not_public');

      const made = await owner.patch(`/api/manage/reviews/${slug}`, { resultsVisibility: 'public' });
      expect(made.statusCode).toBe(200);
      expect(made.json<{ resultsVisibility: string }>().resultsVisibility).toBe('public');
      expect((await visitor.get(`/api/reviews/${slug}/results`)).statusCode).toBe(200);
      expect((await visitor.get('/api/reviews/no-such-review/results')).statusCode).toBe(404);
    });

    it('finds the planted groups, the common ground and the divides', async () => {
      const results = (await planted.owner.get(`/api/reviews/${planted.slug}/results`)).json<Results>();
      expect(results.counts).toMatchObject({ participants: 60, takingPart: 60, inGroups: 60, votes: 720, groups: 2 });
      expect(results.groups.map((group) => group.size).sort()).toEqual([30, 30]);
      for (const group of results.groups) expect(group.statements.length).toBeGreaterThan(0);

      const commonGround = results.commonGround.map((statement) => statement.text).sort();
      expect(commonGround).toEqual([statementTexts[10], statementTexts[11]]);
      const first = results.commonGround[0];
      for (const group of first?.groups ?? []) {
        expect(group.lower).toBeGreaterThan(0.5);
        expect(group.upper).toBeGreaterThanOrEqual(group.agreeRate);
      }
      const declared = new Map(first?.declared[0]?.options.map((option) => [option.label, option]));
      expect(declared.get('Labour')?.voters).toBe(25);
      expect(declared.get('Labour')?.rate?.agreeRate).toBeGreaterThan(0.7);
      expect(declared.get('Green')?.voters).toBe(25);
      // 4 Liberals and 1 Independent: fewer than 10, so neither count nor rate is published.
      expect(declared.get('Liberal')).toMatchObject({ voters: null, rate: null });
      expect(declared.get('Independent')).toMatchObject({ voters: null, rate: null });

      expect(results.divides.length).toBeGreaterThan(0);
      for (const divide of results.divides) expect(statementTexts.indexOf(divide.text)).toBeLessThan(10);

      const mapped = results.map.cells.reduce((sum, cell) => sum + cell.count, 0);
      expect(mapped).toBe(results.counts.inGroups);
      expect(results.map.groups).toHaveLength(2);
      expect(results.method.smallCellThreshold).toBe(10);
    });

    it('suppresses every breakdown cell of fewer than 10 people, with complements', async () => {
      const results = (await planted.owner.get(`/api/reviews/${planted.slug}/results`)).json<Results>();
      const breakdown = results.breakdowns.find((entry) => entry.questionId === planted.questionId);
      expect(breakdown?.rows).toEqual([...traditions, null]);
      const table = breakdown?.table;
      expect(table?.total).toBe(60);
      expect([...(table?.columnTotals ?? [])].sort()).toEqual([0, 30, 30]);
      // True row totals: Labour 25, Green 25, Liberal 4, Independent 1, no answer 5.
      expect(table?.rowTotals[0] === null || table?.rowTotals[0] === 25).toBe(true);
      expect(table?.rowTotals.slice(2)).toEqual([null, null, null]);
      for (const row of table?.cells ?? []) {
        for (const cell of row) if (cell !== null) expect(cell === 0 || cell >= 10).toBe(true);
      }
      // Each group's column adds up to its published size, so no column may hide just one cell.
      for (let column = 0; column < (breakdown?.columns.length ?? 0); column++) {
        const hidden = (table?.cells ?? []).filter((row) => row[column] === null).length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    });

    it('never pairs a person’s declared answer with their votes, and shows each viewer only their own place', async () => {
      const { owner, slug } = planted;
      await owner.patch(`/api/manage/reviews/${slug}`, { resultsVisibility: 'public' });
      // A participant who joins through the API, declines the question and votes.
      const viewer = api.client();
      await viewer.post(`/api/reviews/${slug}/join`);
      await viewer.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: planted.questionId, optionId: null }],
      });
      for (const statementId of planted.statementIds.slice(0, 8)) {
        await viewer.put(`/api/reviews/${slug}/votes/${statementId}`, { value: 1 });
      }
      await planted.runner.runNow(planted.reviewId);

      const mine = (await viewer.get(`/api/reviews/${slug}/results`)).json<Results>();
      expect(mine.map.viewer).not.toBeNull();
      const stranger = (await api.client().get(`/api/reviews/${slug}/results`)).json<Results>();
      expect(stranger.map.viewer).toBeNull();

      const bodies = [
        (await owner.get(`/api/reviews/${slug}/results`)).body,
        (await owner.get(`/api/reviews/${slug}/export/report.json`)).body,
        (await owner.get(`/api/reviews/${slug}/export/report.csv`)).body,
        (await owner.get(`/api/reviews/${slug}/export/groups.json`)).body,
      ];
      for (const body of bodies) {
        // No participant ids or per-person records: nothing keyed by a participant.
        expect(body).not.toMatch(/participant_?id/i);
        expect(body).not.toMatch(/"answers"/);
      }
      // Every published rate about a declared group comes from at least 10 voters.
      for (const statement of [...stranger.commonGround]) {
        for (const question of statement.declared) {
          for (const option of question.options) {
            if (option.rate !== null) expect(option.voters).toBeGreaterThanOrEqual(10);
          }
        }
      }
      for (const { key, value } of numbersIn(stranger.breakdowns)) {
        if (key !== 'questionId' && key !== 'columns' && value > 0) expect(value).toBeGreaterThanOrEqual(10);
      }
      // The votes export carries pseudonyms and votes only, no answers.
      const votes = (await owner.get(`/api/reviews/${slug}/export/votes.json`)).json<Array<Record<string, unknown>>>();
      for (const row of votes) expect(Object.keys(row).sort()).toEqual(['participant', 'statement_id', 'vote']);
    });

    it('pushes a server-sent event with the new version when an analysis is saved', async () => {
      const { owner, slug, reviewId } = planted;
      await owner.patch(`/api/manage/reviews/${slug}`, { resultsVisibility: 'public' });
      const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
      const events = api.context.analysisEvents as InProcessAnalysisEvents;
      expect(events).toBeInstanceOf(InProcessAnalysisEvents);

      const received: string[] = [];
      const request = get(`${address}/api/reviews/${slug}/results/events`);
      const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
        request.once('response', resolve);
        request.once('error', reject);
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/event-stream');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => received.push(chunk));
      const waitFor = async (pattern: RegExp, withinMs: number) => {
        const deadline = Date.now() + withinMs;
        while (!pattern.test(received.join(''))) {
          if (Date.now() > deadline) throw new Error(`no ${pattern} in ${JSON.stringify(received.join(''))}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      await waitFor(/event: analysis\ndata: \{"version":1\}/, 2000);
      expect(events.listenerCount(reviewId)).toBe(1);

      const newcomer = await api.store.createParticipant({
        reviewId,
        tokenHash: hashToken(newToken()),
        seed: 99,
        createdAt: api.clock.now.toISOString(),
      });
      await api.store.recordVote({
        reviewId,
        participantId: newcomer.id,
        statementId: planted.statementIds[0] ?? -1,
        value: 1,
        votedAt: api.clock.now.toISOString(),
      });
      const started = Date.now();
      await planted.runner.runNow(reviewId);
      await waitFor(/data: \{"version":2\}/, 2000);
      expect(Date.now() - started).toBeLessThan(2000);

      // A closed page unsubscribes.
      request.destroy();
      const deadline = Date.now() + 2000;
      while (events.listenerCount(reviewId) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(events.listenerCount(reviewId)).toBe(0);
    });
  });
}
