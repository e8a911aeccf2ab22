import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.js';
import { testStoreFactories } from '../test-support/stores.js';
import {
  type ScratchDatabase,
  type ServerProcess,
  scratchDatabase,
  seedVotingReview,
  startServerProcess,
  type VotingFixture,
} from './votes/load-support.js';

/**
 * The vote path under a crash: a load loop votes continuously from many participants, each vote with
 * its own Idempotency-Key; the real server (a child process) is killed with SIGKILL mid-load and
 * started again on the same database. Afterwards every vote that got a 2xx must be stored, and
 * retrying votes with their keys (those that got no answer, and some that did) must add no event.
 */

interface SentVote {
  key: string;
  participantIndex: number;
  statementId: number;
  value: -1 | 0 | 1;
}

/** Votes as fast as `concurrency` loops allow until `stop` resolves; sorts votes by what came back. */
async function voteUntil(
  server: ServerProcess,
  fixture: VotingFixture,
  stop: Promise<void>,
  concurrency: number,
  counter: { next: number },
): Promise<{ acknowledged: SentVote[]; unanswered: SentVote[]; refused: string[] }> {
  const acknowledged: SentVote[] = [];
  const unanswered: SentVote[] = [];
  const refused: string[] = [];
  let stopping = false;
  void stop.then(() => {
    stopping = true;
  });
  const loop = async () => {
    while (!stopping) {
      const index = counter.next;
      counter.next += 1;
      const participantIndex = index % fixture.participants.length;
      const vote: SentVote = {
        key: randomUUID(),
        participantIndex,
        statementId: fixture.statementIds[index % fixture.statementIds.length] as number,
        value: ((index % 3) - 1) as -1 | 0 | 1,
      };
      const outcome = await sendVote(server.url, fixture, vote);
      if (outcome === 'acknowledged') acknowledged.push(vote);
      else if (outcome === 'unanswered') {
        unanswered.push(vote);
        // The server is gone; a real client would back off before retrying.
        await new Promise((resolve) => setTimeout(resolve, 20));
      } else refused.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { acknowledged, unanswered, refused };
}

async function sendVote(
  url: string,
  fixture: VotingFixture,
  vote: SentVote,
): Promise<'acknowledged' | 'unanswered' | string> {
  const participant = fixture.participants[vote.participantIndex];
  if (!participant) throw new Error('no such participant');
  try {
    const response = await fetch(`${url}/api/reviews/${fixture.slug}/votes/${vote.statementId}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        cookie: participant.cookie,
        'x-csrf-token': participant.csrfToken,
        'idempotency-key': vote.key,
      },
      body: JSON.stringify({ value: vote.value }),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (response.ok) return 'acknowledged';
    return `${response.status}`;
  } catch {
    return 'unanswered';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`votes survive SIGKILL on ${factory.kind}`, () => {
    let database: ScratchDatabase | undefined;
    let server: ServerProcess | undefined;
    afterEach(async () => {
      await server?.stop();
      await database?.remove();
    });

    it('keeps every acknowledged vote and duplicates none on retry', { timeout: 90_000 }, async () => {
      database = await scratchDatabase(factory.kind);
      const fixture = await seedVotingReview(database.url, { statements: 25, participants: 40 });
      const counter = { next: 0 };
      const everyVote = new Map<string, SentVote>();
      const acknowledged = new Map<string, SentVote>();
      let pending: SentVote[] = [];
      let inFlightAtCrash = 0;

      for (let round = 0; round < 2; round += 1) {
        server = await startServerProcess(database.url, { RATE_LIMIT_PER_MINUTE: '1000000' });
        // Votes that got no answer before the last crash are retried first, with their own keys.
        for (const vote of pending) {
          expect(await sendVote(server.url, fixture, vote)).toBe('acknowledged');
          acknowledged.set(vote.key, vote);
        }
        const crashed = server;
        const load = voteUntil(
          crashed,
          fixture,
          sleep(2_500).then(() => crashed.crash()),
          24,
          counter,
        );
        const sent = await load;
        expect(sent.refused).toEqual([]);
        expect(sent.acknowledged.length).toBeGreaterThan(50);
        for (const vote of [...sent.acknowledged, ...sent.unanswered]) everyVote.set(vote.key, vote);
        for (const vote of sent.acknowledged) acknowledged.set(vote.key, vote);
        inFlightAtCrash += sent.unanswered.length;
        pending = sent.unanswered;
      }

      // The kills landed mid-load: some requests were cut off without an answer.
      expect(inFlightAtCrash).toBeGreaterThan(0);
      server = await startServerProcess(database.url, { RATE_LIMIT_PER_MINUTE: '1000000' });
      // Every acknowledged vote is there before any retry could have written it again.
      const store = await openStore(database.url);
      try {
        for (const vote of acknowledged.values()) {
          const participant = fixture.participants[vote.participantIndex];
          const stored = await store.findVoteEventByIdempotencyKey(participant?.id ?? -1, vote.key);
          expect(stored, `acknowledged vote ${vote.key}`).toMatchObject({
            statementId: vote.statementId,
            value: vote.value,
          });
        }
        // Retry the unanswered votes and a sample of the acknowledged ones: all 2xx, no new events.
        for (const vote of pending) {
          expect(await sendVote(server.url, fixture, vote)).toBe('acknowledged');
          acknowledged.set(vote.key, vote);
        }
        const eventsBeforeRetries = await store.countVoteEvents(fixture.reviewId);
        const sample = [...acknowledged.values()].filter((_, index) => index % 7 === 0);
        for (const vote of sample) expect(await sendVote(server.url, fixture, vote)).toBe('acknowledged');
        expect(await store.countVoteEvents(fixture.reviewId)).toBe(eventsBeforeRetries);
        // Exactly one event per key ever sent: none lost, none doubled.
        expect(acknowledged.size).toBe(everyVote.size);
        expect(eventsBeforeRetries).toBe(everyVote.size);
      } finally {
        await store.close();
      }
    });
  });
}
