import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { seedDemoReview } from '../cli/demo.js';
import { postgresTestStoreFactory, testDatabaseUrl } from '../test-support/stores.js';
import { type RunningServer, startServer } from './start.js';

const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const client = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const redisSkip =
  process.env.CI || (await redisReachable())
    ? undefined
    : `Redis is not reachable at ${testRedisUrl} and CI is unset, so the Redis variant is skipped.`;
if (redisSkip) console.warn(`[two-instances.test] ${redisSkip}`);

/** Reads a server-sent event stream, keeping every `analysis` version it announces. */
function readAnalysisStream(url: string) {
  const versions: number[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  const request = get(url, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const lines = block.split('\n');
        if (!lines.includes('event: analysis')) continue;
        const data = lines.find((line) => line.startsWith('data: '));
        if (data) versions.push((JSON.parse(data.slice('data: '.length)) as { version: number }).version);
      }
      for (const waiter of [...waiters]) waiter();
    });
  });
  request.on('error', () => {});
  return {
    versions,
    /** Resolves once an announced version satisfies `test`; rejects after `ms`. */
    waitFor(test: (version: number) => boolean, ms: number): Promise<number> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = versions.find(test);
          if (found === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching analysis version within ${ms} ms; heard ${JSON.stringify(versions)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () => request.destroy(),
  };
}

/** One browser's cookies and CSRF token against a real server, over fetch. */
class Browser {
  readonly #cookies = new Map<string, string>();
  #csrfToken = '';

  async send(url: string, method: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.#cookies.size > 0)
      headers.cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.#csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  }

  async openSession(baseUrl: string): Promise<void> {
    const response = await this.send(`${baseUrl}/api/session`, 'GET');
    this.#csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  }
}

const variants = [
  { name: 'PostgreSQL LISTEN/NOTIFY', redisUrl: null, skipReason: undefined },
  { name: 'Redis pub/sub', redisUrl: testRedisUrl, skipReason: redisSkip },
];

describe.skipIf(postgresTestStoreFactory.skipReason !== undefined)('two app instances on one PostgreSQL schema', () => {
  for (const variant of variants) {
    it.skipIf(variant.skipReason !== undefined)(
      `a vote posted to instance A reaches a results stream served by instance B (${variant.name})`,
      async () => {
        const schema = `cg_test_${randomBytes(6).toString('hex')}`;
        const databaseUrl = new URL(testDatabaseUrl);
        databaseUrl.searchParams.set('schema', schema);
        const folder = await mkdtemp(join(tmpdir(), 'cg-two-instances-'));
        const start = () =>
          startServer({
            databaseUrl: databaseUrl.toString(),
            port: 0,
            host: '127.0.0.1',
            quiet: true,
            config: {
              smtpUrl: null,
              mailDir: join(folder, 'mail'),
              analysisDebounceSeconds: 0.2,
              redisUrl: variant.redisUrl,
            },
          });
        const servers: RunningServer[] = [];
        let stream: ReturnType<typeof readAnalysisStream> | undefined;
        try {
          // Started together, so they also migrate the fresh schema at the same moment.
          const [instanceA, instanceB] = await Promise.all([start(), start()]);
          servers.push(instanceA, instanceB);
          expect(instanceA.url).not.toBe(instanceB.url);

          const { slug } = await seedDemoReview(instanceA.store, { seed: 3, participants: 40 });
          const review = await instanceA.store.findReviewBySlug(slug);
          if (!review) throw new Error('demo review missing');
          await instanceA.store.updateReview(review.id, {
            resultsVisibility: 'public',
            updatedAt: new Date().toISOString(),
          });

          stream = readAnalysisStream(`${instanceB.url}/api/reviews/${slug}/results/events`);
          // The stream opens with the version current then: none yet.
          expect(await stream.waitFor(() => true, 5000)).toBe(0);

          const participant = new Browser();
          await participant.openSession(instanceA.url);
          const joined = await participant.send(`${instanceA.url}/api/reviews/${slug}/join`, 'POST');
          expect(joined.status).toBe(200);
          const statementId = ((await joined.json()) as { nextStatement: { id: number } | null }).nextStatement?.id;
          if (statementId === undefined) throw new Error('no statement offered');
          const voted = await participant.send(`${instanceA.url}/api/reviews/${slug}/votes/${statementId}`, 'PUT', {
            value: 1,
          });
          expect(voted.status).toBe(200);

          const version = await stream.waitFor((announced) => announced >= 1, 20_000);
          expect(version).toBeGreaterThanOrEqual(1);

          // Nothing about the participant lives in one instance: B knows them by A's cookie.
          const myVotes = await participant.send(`${instanceB.url}/api/reviews/${slug}/my-votes`, 'GET');
          expect(myVotes.status).toBe(200);
          expect(JSON.stringify(await myVotes.json())).toContain(`"statementId":${statementId}`);

          // Both instances heard the vote and scheduled a run; the lock let one analyse those votes.
          await new Promise((resolve) => setTimeout(resolve, 1500));
          const admin = new pg.Client({ connectionString: testDatabaseUrl });
          await admin.connect();
          try {
            const { rows } = await admin.query<{ analyses: number; distinctVoteCounts: number }>(
              `select cast(count(*) as integer) as analyses,
                      cast(count(distinct vote_event_count) as integer) as "distinctVoteCounts"
                 from "${schema}".analyses where review_id = $1`,
              [review.id],
            );
            expect(rows[0]?.analyses).toBeGreaterThanOrEqual(1);
            expect(rows[0]?.analyses).toBe(rows[0]?.distinctVoteCounts);
          } finally {
            await admin.end();
          }
        } finally {
          stream?.close();
          // The last server's store drops nothing (not a test store), so drop the schema here.
          await Promise.allSettled(servers.map((server) => server.close()));
          const admin = new pg.Client({ connectionString: testDatabaseUrl });
          await admin.connect();
          await admin.query(`drop schema if exists "${schema}" cascade`);
          await admin.end();
          await rm(folder, { recursive: true, force: true });
        }
      },
      60_000,
    );
  }

  it.skipIf(redisSkip !== undefined)(
    'counts rate limits across instances when REDIS_URL is set',
    async () => {
      const schema = `cg_test_${randomBytes(6).toString('hex')}`;
      const databaseUrl = new URL(testDatabaseUrl);
      databaseUrl.searchParams.set('schema', schema);
      const folder = await mkdtemp(join(tmpdir(), 'cg-two-instances-'));
      const servers: RunningServer[] = [];
      try {
        const start = () =>
          startServer({
            databaseUrl: databaseUrl.toString(),
            port: 0,
            host: '127.0.0.1',
            quiet: true,
            config: { smtpUrl: null, mailDir: join(folder, 'mail'), rateLimitPerMinute: 4, redisUrl: testRedisUrl },
          });
        servers.push(await start(), await start());
        const statuses: number[] = [];
        for (let request = 0; request < 6; request++) {
          const server = servers[request % 2] as RunningServer;
          statuses.push((await fetch(`${server.url}/api/session`)).status);
        }
        // Alone, each instance would allow its 3 requests; together they hold the one limit of 4.
        expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      } finally {
        await Promise.allSettled(servers.map((server) => server.close()));
        const admin = new pg.Client({ connectionString: testDatabaseUrl });
        await admin.connect();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
        await rm(folder, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
