import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow, ReviewRow, Store } from '../store/store.js';
import { testStoreFactories } from '../test-support/stores.js';
import { AnalysisRunner } from '../worker/analysis-runner.js';
import { buildPolisExport, polisDatetime } from './polis-export.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

describe('polisDatetime', () => {
  it("writes Java's Date.toString() shape in UTC, as Pol.is's datetime column", () => {
    expect(polisDatetime(Date.UTC(2014, 5, 18, 1, 16, 54, 196))).toBe('Wed Jun 18 01:16:54 UTC 2014');
    expect(polisDatetime(Date.UTC(2026, 0, 4, 23, 5, 9))).toBe('Sun Jan 04 23:05:09 UTC 2026');
  });
});

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`Pol.is export on ${factory.kind}`, () => {
    let store: Store;
    let owner: AccountRow;
    beforeEach(async () => {
      store = await factory.create();
      owner = await store.createAccount({
        email: 'owner@example.org',
        displayName: 'Owner',
        passwordHash: '!',
        isInstanceOwner: true,
        createdAt: at(0),
      });
    });
    afterEach(async () => {
      await store.close();
    });

    async function aReview(slug: string): Promise<ReviewRow> {
      return store.createReview({
        slug,
        title: 'Why we lost',
        introduction: 'Tell us.',
        status: 'open',
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        createdByAccountId: owner.id,
        createdAt: at(0),
        updatedAt: at(0),
      });
    }

    const participant = (review: ReviewRow, name: string) =>
      store.createParticipant({ reviewId: review.id, tokenHash: name, seed: 1, createdAt: at(1) });

    it('writes the four files in Pol.is columns and conventions, with ids of its own', async () => {
      // Participants of another review first, so database ids and export ids cannot coincide.
      const other = await aReview('other-review');
      for (const name of ['x1', 'x2', 'x3', 'x4', 'x5']) await participant(other, name);

      const review = await aReview('why-we-lost');
      const question = await store.createIdentityQuestion({
        reviewId: review.id,
        prompt: 'Which tradition?',
        kind: 'tradition',
        options: ['Secret tradition label'],
        createdAt: at(1),
      });
      const [alice, bob, carol, dana] = [
        await participant(review, 'alice'),
        await participant(review, 'bob'),
        await participant(review, 'carol'),
        // Joins, answers a question, never votes: counted in views only.
        await participant(review, 'dana'),
      ];
      await store.setIdentityAnswer({
        participantId: alice.id,
        questionId: question.id,
        optionId: question.options[0]?.id ?? -1,
        answeredAt: at(2),
      });
      const statement = (text: string, extra: Partial<Parameters<Store['createStatement']>[0]>, minute: number) =>
        store.createStatement({
          reviewId: review.id,
          text,
          textKey: text.toLowerCase(),
          origin: 'participant',
          moderation: 'accepted',
          isMeta: false,
          authorParticipantId: null,
          authorAccountId: null,
          createdAt: at(minute),
          ...extra,
        });
      const seed = await statement('Seed statement', { origin: 'seed', authorAccountId: owner.id }, 0);
      const fromBob = await statement('From Bob', { moderation: 'pending', authorParticipantId: bob.id }, 1);
      await statement('Spam', { moderation: 'rejected', authorParticipantId: carol.id }, 2);
      await statement('About the process, "quoted"', { origin: 'seed', isMeta: true, authorAccountId: owner.id }, 3);
      const vote = (who: { id: number }, what: { id: number }, value: -1 | 0 | 1, minute: number) =>
        store.recordVote({
          reviewId: review.id,
          participantId: who.id,
          statementId: what.id,
          value,
          votedAt: at(minute),
        });
      await vote(alice, seed, 1, 10);
      await vote(bob, seed, -1, 11);
      await vote(alice, seed, 0, 12);
      await vote(carol, fromBob, 1, 13);
      await vote(bob, fromBob, 1, 14);
      expect(dana.id).toBeGreaterThan(5);

      const { files, ...counts } = await buildPolisExport(store, review, { publicUrl: 'https://review.example.org/' });
      expect(counts).toEqual({ statements: 4, voters: 3, voteEvents: 5, groups: null });
      // Voters numbered by first vote (Alice 0, Bob 1, Carol 2), then the organiser who wrote seeds (3).
      expect(files['comments.csv']).toBe(
        [
          'timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,group-informed-consensus,comment-body',
          '1772359200000,0,3,0,1,1,false,true,,Seed statement',
          '1772359260000,1,1,2,0,0,false,false,,From Bob',
          '1772359320000,2,2,0,0,-1,false,false,,Spam',
          '1772359380000,3,3,0,0,1,true,true,,"About the process, ""quoted"""',
          '',
        ].join('\n'),
      );
      // The whole event log, agree = 1, by comment then voter then time.
      expect(files['votes.csv']).toBe(
        [
          'timestamp,datetime,comment-id,voter-id,vote',
          '1772359800000,Sun Mar 01 10:10:00 UTC 2026,0,0,1',
          '1772359920000,Sun Mar 01 10:12:00 UTC 2026,0,0,0',
          '1772359860000,Sun Mar 01 10:11:00 UTC 2026,0,1,-1',
          '1772360040000,Sun Mar 01 10:14:00 UTC 2026,1,1,1',
          '1772359980000,Sun Mar 01 10:13:00 UTC 2026,1,2,1',
          '',
        ].join('\n'),
      );
      // A column per comment with votes; the latest vote in each cell; blank group-id without analysis.
      expect(files['participants-votes.csv']).toBe(
        [
          'participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1',
          '0,,,0,1,0,0,0,',
          '1,,,1,2,1,1,-1,1',
          '2,,,1,1,1,0,,1',
          '',
        ].join('\n'),
      );
      expect(files['summary.csv']).toBe(
        [
          'topic,Why we lost',
          'url,https://review.example.org/r/why-we-lost',
          'views,4',
          'voters,3',
          'voters-in-conv,3',
          'commenters,3',
          'comments,2',
          'groups,',
          'conversation-description,Tell us.',
          '',
        ].join('\n'),
      );
      // Identity answers never leave: not the label, not the question.
      const everything = Object.values(files).join('\n');
      expect(everything).not.toContain('Secret tradition label');
      expect(everything).not.toContain('Which tradition?');
    });

    it('writes headers only for a review without statements or votes', async () => {
      const { files } = await buildPolisExport(store, await aReview('empty-review'));
      expect(files['comments.csv'].split('\n')[0]).toMatch(/^timestamp,comment-id,author-id,/);
      expect(files['votes.csv']).toBe('timestamp,datetime,comment-id,voter-id,vote\n');
      expect(files['participants-votes.csv']).toBe('participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree\n');
      expect(files['summary.csv']).toContain('voters,0\n');
    });

    it('leaves groups blank when the latest analysis is in a shape it does not know', async () => {
      const review = await aReview('old-analysis');
      await store.saveAnalysis({ reviewId: review.id, createdAt: at(5), voteEventCount: 0, result: '{"format":0}' });
      const { files, groups } = await buildPolisExport(store, review);
      expect(groups).toBeNull();
      expect(files['summary.csv']).toContain('\ngroups,\n');
    });

    it('gives each participant the opinion group of the latest analysis', async () => {
      const review = await aReview('two-camps');
      const statements = [];
      for (let index = 0; index < 8; index++) {
        statements.push(
          await store.createStatement({
            reviewId: review.id,
            text: `Statement ${index}`,
            textKey: `statement ${index}`,
            origin: 'seed',
            moderation: 'accepted',
            isMeta: false,
            authorParticipantId: null,
            authorAccountId: owner.id,
            createdAt: at(0),
          }),
        );
      }
      // Two camps of ten who agree on the first two statements and split on the rest.
      const votes = [];
      for (let person = 0; person < 20; person++) {
        const row = await participant(review, `person-${person}`);
        const camp = person < 10 ? 1 : -1;
        for (const [index, statement] of statements.entries()) {
          const value = index < 2 ? 1 : index % 2 === 0 ? camp : -camp;
          votes.push({ participantId: row.id, statementId: statement.id, value: value as -1 | 1, votedAt: at(10) });
        }
      }
      await store.importVotes(review.id, votes);
      const runner = new AnalysisRunner(store, { debounceMs: 0, inline: true });
      await runner.runNow(review.id);
      await runner.close();
      const stored = JSON.parse((await store.latestAnalysis(review.id))?.result ?? '{}') as {
        groups: Array<{ label: number; size: number }>;
      };
      expect(stored.groups).toHaveLength(2);

      const { files, groups } = await buildPolisExport(store, review);
      expect(groups).toBe(2);
      const rows = parse(files['participants-votes.csv'], { columns: true }) as Record<string, string>[];
      // Export ids follow first votes, which were cast person by person: row i is person i.
      const groupOfPerson = rows.map((row) => row['group-id']);
      expect(new Set(groupOfPerson.slice(0, 10)).size).toBe(1);
      expect(new Set(groupOfPerson.slice(10)).size).toBe(1);
      expect(groupOfPerson[0]).not.toBe(groupOfPerson[10]);
      const sizes = stored.groups.map((group) => groupOfPerson.filter((id) => id === String(group.label)).length);
      expect(sizes).toEqual(stored.groups.map((group) => group.size));
      expect(files['summary.csv']).toContain('\ngroups,2\n');
      const comments = parse(files['comments.csv'], { columns: true }) as Record<string, string>[];
      expect(comments.every((row) => row['group-informed-consensus'] !== '')).toBe(true);
      // Agreed by both camps: higher group-informed consensus than a dividing statement.
      expect(Number(comments[0]?.['group-informed-consensus'])).toBeGreaterThan(
        Number(comments[2]?.['group-informed-consensus']),
      );

      // A later analysis that calls the same groups 7 and 5 (labels follow history): the export follows it.
      const relabel = new Map([
        [0, 7],
        [1, 5],
      ]);
      // Listed in the other order too, so only matching by agree rates (not by position) gets it right.
      const relabelled = JSON.parse((await store.latestAnalysis(review.id))?.result ?? '{}', (key, value) =>
        key === 'label' && typeof value === 'number'
          ? relabel.get(value)
          : key === 'groups' && Array.isArray(value)
            ? [...value].reverse()
            : value,
      );
      await store.saveAnalysis({
        reviewId: review.id,
        createdAt: at(30),
        voteEventCount: 160,
        result: JSON.stringify(relabelled),
      });
      const again = parse((await buildPolisExport(store, review)).files['participants-votes.csv'], {
        columns: true,
      }) as Record<string, string>[];
      expect(again.map((row) => row['group-id'])).toEqual(
        groupOfPerson.map((group) => String(relabel.get(Number(group)))),
      );
    });
  });
}
