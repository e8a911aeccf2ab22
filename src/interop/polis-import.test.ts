import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow, Store } from '../store/store.js';
import { testStoreFactories } from '../test-support/stores.js';
import { PolisImportError } from './polis.js';
import { importPolisExport } from './polis-import.js';

/** Writes a Pol.is export folder from CSV texts (newer-format comments: is-meta, is-seed). */
function writeExport(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'polis-import-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const comments = [
  'timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,group-informed-consensus,comment-body',
  '1500000000000,0,7,9,9,1,false,true,0.5,We should talk more.',
  '1500000001000,1,3,0,0,-1,false,false,,"Spam, with a comma"',
  '1500000002000,2,3,0,0,0,false,false,,Not yet moderated',
  '1500000003000,3,7,0,0,1,true,false,,Is this the right question?',
  // The same statement again, as Pol.is allows: it keeps its own votes.
  '1500000004000,4,5,0,0,1,false,false,,we should talk MORE',
  '1500000005000,5,9,0,0,1,false,false,,"Line one\nline two"',
].join('\n');

const votes = [
  'timestamp,datetime,comment-id,voter-id,vote',
  '1500000010000,x,0,3,1',
  '1500000030000,x,0,3,-1',
  '1500000020000,x,0,3,0',
  '1500000011000,x,0,5,-1',
  '1500000012000,x,4,5,1',
  '1500000013000,x,2,7,1',
].join('\n');

const summary = 'topic,Can we agree on anything?\nurl,https://pol.is/x\nconversation-description,"Two\nlines"\n';

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`Pol.is import on ${factory.kind}`, () => {
    let store: Store;
    let owner: AccountRow;
    const folders: string[] = [];
    const folder = (files: Record<string, string>) => {
      const created = writeExport(files);
      folders.push(created);
      return created;
    };
    beforeEach(async () => {
      store = await factory.create();
      owner = await store.createAccount({
        email: 'owner@example.org',
        displayName: 'Owner',
        passwordHash: '!',
        isInstanceOwner: true,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    });
    afterEach(async () => {
      await store.close();
      for (const created of folders.splice(0)) rmSync(created, { recursive: true, force: true });
    });

    const now = new Date('2026-03-01T12:00:00.000Z');

    it('creates a closed, invite-only review with statements, participants and every vote event', async () => {
      const progress: string[] = [];
      const result = await importPolisExport(
        store,
        folder({ 'comments.csv': comments, 'votes.csv': votes, 'summary.csv': summary }),
        { ownerAccountId: owner.id, now, onProgress: (line) => progress.push(line) },
      );
      expect(result).toMatchObject({ slug: 'can-we-agree-on-anything', statements: 6, voteEvents: 6, votes: 4 });
      // Voters 3, 5, 7 and author 9 (who never voted).
      expect(result.participants).toBe(4);
      expect(progress.length).toBeGreaterThanOrEqual(3);

      const review = await store.findReviewBySlug(result.slug);
      expect(review).toMatchObject({
        title: 'Can we agree on anything?',
        introduction: 'Two\nlines',
        status: 'closed',
        visibility: 'invite',
        createdByAccountId: owner.id,
        createdAt: now.toISOString(),
      });
      if (!review) return;
      expect(await store.findReviewRole(review.id, owner.id)).toBe('owner');

      const statements = await store.listStatements(review.id);
      expect(
        statements.map(({ text, moderation, isMeta, origin, createdAt }) => ({
          text,
          moderation,
          isMeta,
          origin,
          createdAt,
        })),
      ).toEqual([
        {
          text: 'We should talk more.',
          moderation: 'accepted',
          isMeta: false,
          origin: 'seed',
          createdAt: '2017-07-14T02:40:00.000Z',
        },
        {
          text: 'Spam, with a comma',
          moderation: 'rejected',
          isMeta: false,
          origin: 'participant',
          createdAt: '2017-07-14T02:40:01.000Z',
        },
        {
          text: 'Not yet moderated',
          moderation: 'pending',
          isMeta: false,
          origin: 'participant',
          createdAt: '2017-07-14T02:40:02.000Z',
        },
        {
          text: 'Is this the right question?',
          moderation: 'accepted',
          isMeta: true,
          origin: 'participant',
          createdAt: '2017-07-14T02:40:03.000Z',
        },
        {
          text: 'we should talk MORE',
          moderation: 'accepted',
          isMeta: false,
          origin: 'participant',
          createdAt: '2017-07-14T02:40:04.000Z',
        },
        {
          text: 'Line one\nline two',
          moderation: 'accepted',
          isMeta: false,
          origin: 'participant',
          createdAt: '2017-07-14T02:40:05.000Z',
        },
      ]);
      // Statements by the same Pol.is author share one participant; no statement names an account.
      const [first, , third, fourth] = statements;
      expect(first?.authorParticipantId).not.toBeNull();
      expect(fourth?.authorParticipantId).toBe(first?.authorParticipantId);
      expect(third?.authorParticipantId).not.toBe(first?.authorParticipantId);
      expect(statements.every((statement) => statement.authorAccountId === null)).toBe(true);

      // Events are stored in time order; the latest by time is the current vote.
      const events = await store.listVoteEvents(review.id);
      expect(events.map((event) => event.votedAt)).toEqual(
        [10, 11, 12, 13, 20, 30].map((second) => new Date(1_500_000_000_000 + second * 1000).toISOString()),
      );
      const voter3 = events[0]?.participantId as number;
      const current = await store.listParticipantVotes(review.id, voter3);
      expect(current.map(({ statementId, value }) => ({ statementId, value }))).toEqual([
        { statementId: first?.id, value: -1 },
      ]);
      // Imported participants can never be signed in as: each token hash is random and unknown.
      const participant = await store.findParticipantById(voter3);
      expect(participant?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('makes the slug unique, falling back to the folder name when the topic gives none', async () => {
      const files = { 'comments.csv': comments, 'votes.csv': votes, 'summary.csv': summary };
      const first = await importPolisExport(store, folder(files), { ownerAccountId: owner.id, now });
      const second = await importPolisExport(store, folder(files), { ownerAccountId: owner.id, now });
      expect([first.slug, second.slug]).toEqual(['can-we-agree-on-anything', 'can-we-agree-on-anything-2']);

      const untitled = folder({ 'comments.csv': comments, 'votes.csv': votes, 'summary.csv': 'topic,自用車\n' });
      const third = await importPolisExport(store, untitled, { ownerAccountId: owner.id, now });
      expect(third.slug).toMatch(/^polis-import-[a-z0-9]+$/);
      expect((await store.findReviewBySlug(third.slug))?.title).toBe('自用車');
    });

    it.each([
      [{ 'votes.csv': votes }, /comments\.csv: file not found/],
      [{ 'comments.csv': comments }, /votes\.csv: file not found/],
      [
        { 'comments.csv': comments.replace(',1,true,false,,Is', ',2,true,false,,Is'), 'votes.csv': votes },
        /comments\.csv:5: column "moderated" must be -1, 0 or 1, got "2"/,
      ],
      [
        { 'comments.csv': comments.replace(',1,true,false,,Is', ',1,maybe,false,,Is'), 'votes.csv': votes },
        /comments\.csv:5: column "is-meta" must be true or false/,
      ],
      [{ 'comments.csv': comments, 'votes.csv': `${votes}\n1500000040000,x,99,3,1` }, /votes\.csv:8: comment-id 99/],
      [{ 'comments.csv': comments, 'votes.csv': `${votes}\n1500000040000,x,0,3,2` }, /votes\.csv:8: vote must be/],
      [{ 'comments.csv': comments, 'votes.csv': `${votes}\nsoon,x,0,3,1` }, /votes\.csv:8: column "timestamp"/],
      [{ 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,vote\n1,0,1\n' }, /missing column "voter-id"/],
      [{ 'comments.csv': comments, 'votes.csv': `${votes}\n\n1500000040000,x,0,3,1,9` }, /votes\.csv:9: malformed CSV/],
      [{ 'comments.csv': comments, 'votes.csv': `${votes}\n\n\n1500000040000,x,0,3,` }, /votes\.csv:10: column "vote"/],
    ])('refuses a bad export, naming the file and line, and stores nothing (%#)', async (files, message) => {
      const error = await importPolisExport(store, folder(files), { ownerAccountId: owner.id, now }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(PolisImportError);
      expect((error as Error).message).toMatch(message);
      expect(await store.listReviewsForAccount(owner.id)).toEqual([]);
    });

    it('writes nothing at all when storing fails part-way', async () => {
      // A store whose bulk vote insert fails, after the review, participants and statements are written.
      const forwarding = <T extends object>(target: T, override: Partial<Record<keyof Store, unknown>>): T =>
        new Proxy(target, {
          get(inner, property) {
            if (property in override) return override[property as keyof Store];
            const value = Reflect.get(inner, property);
            // Methods use private fields, so they must run on the real store, not the proxy.
            return typeof value === 'function' ? value.bind(inner) : value;
          },
        });
      const failing = forwarding(store, {
        transaction: (work: (tx: Store) => Promise<unknown>) =>
          store.transaction((tx) =>
            work(forwarding(tx, { importVotes: () => Promise.reject(new Error('disk full')) })),
          ),
      });
      await expect(
        importPolisExport(failing, folder({ 'comments.csv': comments, 'votes.csv': votes, 'summary.csv': summary }), {
          ownerAccountId: owner.id,
          now,
        }),
      ).rejects.toThrow('disk full');
      expect(await store.findReviewBySlug('can-we-agree-on-anything')).toBeUndefined();
      expect(await store.listReviewsForAccount(owner.id)).toEqual([]);
    });
  });
}
