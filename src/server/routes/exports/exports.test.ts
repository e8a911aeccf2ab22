import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { type PlantedReview, plantReview } from '../results/planted-review.fixture.js';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`exports API on ${factory.kind}`, () => {
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

    const path = (file: string) => `/api/reviews/${planted.slug}/export/${file}`;

    it('exports statements with their tallies, as CSV and JSON', async () => {
      const csv = await planted.owner.get(path('statements.csv'));
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="${planted.slug}-statements.csv"`);
      const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(planted.statementIds.length);
      expect(Object.keys(rows[0] ?? {})).not.toContain('author_participant_id');
      const json = (await planted.owner.get(path('statements.json'))).json<
        Array<{ agree: number; disagree: number }>
      >();
      const counted = json.reduce((sum, row) => sum + row.agree + row.disagree, 0);
      const planted_ = planted.people.flatMap((person) => [...person.votes.values()]).filter((vote) => vote !== 0);
      expect(counted).toBe(planted_.length);
    });

    it('exports every vote under pseudonyms that change with every export', async () => {
      const first = parse((await planted.owner.get(path('votes.csv'))).body, { columns: true }) as Array<{
        participant: string;
        statement_id: string;
        vote: string;
      }>;
      const second = (await planted.owner.get(path('votes.json'))).json<
        Array<{ participant: string; statement_id: number; vote: number }>
      >();
      expect(first).toHaveLength(720);
      expect(second).toHaveLength(720);
      expect(Object.keys(first[0] ?? {})).toEqual(['participant', 'statement_id', 'vote']);
      // The same votes per statement…
      const tally = (rows: Array<{ statement_id: unknown; vote: unknown }>) =>
        rows.map((row) => `${row.statement_id}:${row.vote}`).sort();
      expect(tally(first)).toEqual(tally(second));
      // …but a fresh random mapping: the pseudonym → votes pairing differs between exports.
      const votesBy = (rows: Array<{ participant: unknown; statement_id: unknown; vote: unknown }>) => {
        const byPerson = new Map<string, string[]>();
        for (const row of rows) {
          const list = byPerson.get(String(row.participant)) ?? [];
          list.push(`${row.statement_id}:${row.vote}`);
          byPerson.set(String(row.participant), list);
        }
        return [...byPerson].map(([person, votes]) => `${person}=${votes.join(',')}`).sort();
      };
      expect(votesBy(first)).not.toEqual(votesBy(second));
      expect(new Set(first.map((row) => row.participant)).size).toBe(60);
      const realIds = new Set(planted.people.map((person) => String(person.participantId)));
      for (const row of first) expect(realIds.has(String(row.participant))).toBe(false);
    });

    it('exports groups and the report figures', async () => {
      const groups = (await planted.owner.get(path('groups.json'))).json<{ groups: Array<{ size: number }> }>();
      expect(groups.groups.map((group) => group.size).sort()).toEqual([30, 30]);
      const groupRows = parse((await planted.owner.get(path('groups.csv'))).body, { columns: true }) as unknown[];
      expect(groupRows).toHaveLength(2 * planted.statementIds.length);
      const report = parse((await planted.owner.get(path('report.csv'))).body, { columns: true }) as Array<
        Record<string, string>
      >;
      expect(report.some((row) => row.section === 'common_ground')).toBe(true);
      // The 4 Liberals are exported as suppressed (or as the zeros of groups they are not in), never as a count.
      const liberal = report.filter((row) => row.option === 'Liberal');
      expect(liberal.some((row) => row.value === 'suppressed')).toBe(true);
      for (const row of liberal) expect(['suppressed', '0']).toContain(row.value);
      const json = (await planted.owner.get(path('report.json'))).json<Record<string, unknown>>();
      expect(json).not.toHaveProperty('map');
      expect(json).toHaveProperty('commonGround');
    });

    it('is for the team only, and refuses unknown files', async () => {
      expect((await api.client().get(path('votes.csv'))).statusCode).toBe(401);
      const unknown = await planted.owner.get(path('votes.xlsx'));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe('file');
    });
  });
}
