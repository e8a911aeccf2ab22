/**
 * `npm run bench -- votes`: acknowledged votes per second and latency of PUT /api/reviews/:slug/votes/:id
 * against the real server (`src/cli/main.ts serve` as a child process) on loopback, first on a SQLite
 * file, then on a fresh PostgreSQL schema. autocannon drives many participants (pre-created cookies),
 * rotating participant and statement on every request, each with its own Idempotency-Key.
 *
 * The server runs with RATE_LIMIT_PER_MINUTE raised far above what one loopback client can send
 * (otherwise every request past the 600th a minute would be a 429 and the figure meaningless) and
 * LOG_LEVEL=warn (a log line per request would be measured too). Both are documented in the README's
 * configuration table.
 *
 * Options (environment): BENCH_VOTES_SECONDS (default 10), BENCH_VOTES_CONNECTIONS (default 64),
 * BENCH_VOTES_DATABASES (default "sqlite,postgres"), TEST_DATABASE_URL for PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import {
  type ScratchDatabase,
  scratchDatabase,
  seedVotingReview,
  startServerProcess,
} from '../src/server/votes/load-support.js';
import { openStore } from '../src/store/open.js';

const seconds = Number(process.env.BENCH_VOTES_SECONDS ?? 10);
const connections = Number(process.env.BENCH_VOTES_CONNECTIONS ?? 64);
const databases = (process.env.BENCH_VOTES_DATABASES ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
const participantCount = 5_000;
const statementCount = 40;

export interface VoteBenchResult {
  database: 'sqlite' | 'postgres';
  seconds: number;
  connections: number;
  participants: number;
  statements: number;
  requests: number;
  acknowledged: number;
  non2xx: number;
  errors: number;
  votesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  voteEventsStored: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

async function benchOne(kind: 'sqlite' | 'postgres'): Promise<VoteBenchResult> {
  const database: ScratchDatabase = await scratchDatabase(kind);
  try {
    const fixture = await seedVotingReview(database.url, {
      statements: statementCount,
      participants: participantCount,
    });
    const server = await startServerProcess(database.url, { RATE_LIMIT_PER_MINUTE: '100000000' });
    try {
      let sent = 0;
      const loadAverageBefore = loadavg();
      const result = await autocannon({
        url: server.url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'PUT',
            setupRequest: (request) => {
              // Participant-major rotation: consecutive requests come from different participants, and
              // each participant works through the statements as a real one would.
              const participant = fixture.participants[sent % fixture.participants.length];
              const statementId =
                fixture.statementIds[Math.floor(sent / fixture.participants.length) % fixture.statementIds.length];
              const value = (sent % 3) - 1;
              sent += 1;
              return {
                ...request,
                path: `/api/reviews/${fixture.slug}/votes/${statementId}`,
                headers: {
                  'content-type': 'application/json',
                  cookie: participant?.cookie ?? '',
                  'x-csrf-token': participant?.csrfToken ?? '',
                  'idempotency-key': randomUUID(),
                },
                body: JSON.stringify({ value }),
              };
            },
          },
        ],
      });
      const loadAverageAfter = loadavg();
      await server.stop();
      const store = await openStore(database.url);
      const voteEventsStored = await store.countVoteEvents(fixture.reviewId).finally(() => store.close());
      const acknowledged = result['2xx'];
      return {
        database: kind,
        seconds: result.duration,
        connections,
        participants: participantCount,
        statements: statementCount,
        requests: result.requests.total,
        acknowledged,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        votesPerSecond: Math.round(acknowledged / result.duration),
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        voteEventsStored,
        loadAverageBefore: loadAverageBefore.map((value) => Math.round(value * 100) / 100),
        loadAverageAfter: loadAverageAfter.map((value) => Math.round(value * 100) / 100),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.remove();
  }
}

export async function benchVotes(): Promise<VoteBenchResult[]> {
  const results: VoteBenchResult[] = [];
  for (const kind of databases) results.push(await benchOne(kind));
  return results;
}

/** The JSON document `npm run bench -- votes` prints. */
export async function votesReport(): Promise<Record<string, unknown>> {
  return {
    machine: { cpus: cpus().length, node: process.version },
    target: { database: 'sqlite', votesPerSecond: 5_000, p99Ms: 50 },
    votes: await benchVotes(),
  };
}

if (process.argv[1]?.endsWith('votes.ts')) {
  process.stdout.write(`${JSON.stringify(await votesReport(), null, 2)}\n`);
}
