import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresTestStoreFactory, testDatabaseUrl } from '../../test-support/stores.js';
import type { AnalysisSaved } from './analysis-events.js';
import { openLivePool, PostgresAnalysisLock, PostgresTransport } from './postgres-live.js';
import { RedisTransport } from './redis-live.js';
import { type LiveTransport, SharedLiveBus } from './shared-live-bus.js';

const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisSkipReason(): Promise<string | undefined> {
  const client = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    if (process.env.CI) return undefined;
    return `Redis is not reachable at ${testRedisUrl} (${error instanceof Error ? error.message : String(error)}); CI is unset, so Redis tests are skipped.`;
  } finally {
    client.disconnect();
  }
}

const redisSkip = await redisSkipReason();
if (redisSkip) console.warn(`[shared-live-bus.test] ${redisSkip}`);

/** Resolves with the first value `subscribe` delivers, or rejects after `ms`. */
function nextValue<T>(subscribe: (deliver: (value: T) => void) => () => void, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`nothing arrived within ${ms} ms`));
    }, ms);
    const unsubscribe = subscribe((value) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TransportKind {
  name: string;
  skipReason: string | undefined;
  /** A transport for one app instance; `close()` on the bus closes it. */
  create(): LiveTransport;
  cleanUp(): Promise<void>;
}

const schema = `cg_test_${randomBytes(6).toString('hex')}`;
const pools: pg.Pool[] = [];

const transports: TransportKind[] = [
  {
    name: 'PostgreSQL LISTEN/NOTIFY',
    skipReason: postgresTestStoreFactory.skipReason,
    create() {
      const pool = openLivePool({ connectionString: testDatabaseUrl, schema }, () => {});
      pools.push(pool);
      return new PostgresTransport({ connectionString: testDatabaseUrl, schema }, pool, { reconnectDelayMs: 100 });
    },
    async cleanUp() {
      await Promise.all(pools.splice(0).map((pool) => pool.end()));
    },
  },
  {
    name: 'Redis pub/sub',
    skipReason: redisSkip,
    create: () => new RedisTransport(testRedisUrl),
    cleanUp: async () => {},
  },
];

for (const kind of transports) {
  describe.skipIf(kind.skipReason !== undefined)(`live bus over ${kind.name}`, () => {
    const buses: SharedLiveBus[] = [];
    const scope = `test:${randomBytes(6).toString('hex')}`;
    const start = async (busScope = scope) => {
      const bus = await SharedLiveBus.start(kind.create(), { scope: busScope, reviewChangedThrottleMs: 100 });
      buses.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
      await kind.cleanUp();
    });

    it('delivers an analysis saved on one instance to the other, and once to its own listeners', async () => {
      const [first, second] = [await start(), await start()];
      const heardHere: AnalysisSaved[] = [];
      first.analysisEvents.subscribe(7, (event) => heardHere.push(event));
      const heardThere = nextValue<AnalysisSaved>((deliver) => second.analysisEvents.subscribe(7, deliver));
      const heardByEveryReviewListener = nextValue<AnalysisSaved>((deliver) =>
        second.analysisEvents.subscribeAll(deliver),
      );
      first.analysisEvents.publish({ reviewId: 7, version: 3 });
      expect(await heardThere).toEqual({ reviewId: 7, version: 3 });
      expect(await heardByEveryReviewListener).toEqual({ reviewId: 7, version: 3 });
      // Our own message also comes back through the transport; it must not be delivered twice.
      await wait(200);
      expect(heardHere).toEqual([{ reviewId: 7, version: 3 }]);
    });

    it('tells the other instances of a review change, not the sender, and throttles a burst', async () => {
      const [first, second] = [await start(), await start()];
      const heardBySender: number[] = [];
      first.reviewChanges.subscribe((reviewId) => heardBySender.push(reviewId));
      const heardByOther: number[] = [];
      second.reviewChanges.subscribe((reviewId) => heardByOther.push(reviewId));
      for (let vote = 0; vote < 20; vote++) first.reviewChanges.publish(11);
      await wait(600);
      expect(heardBySender).toEqual([]);
      // The first change at once, and one more when the throttle window ends, for the burst's tail.
      expect(heardByOther).toEqual([11, 11]);
    });

    it('ignores messages about another database', async () => {
      const ours = await start();
      const theirs = await start(`${scope}:elsewhere`);
      const heard: AnalysisSaved[] = [];
      ours.analysisEvents.subscribeAll((event) => heard.push(event));
      theirs.analysisEvents.publish({ reviewId: 1, version: 1 });
      const control = await start();
      const controlHeard = nextValue<AnalysisSaved>((deliver) => ours.analysisEvents.subscribe(2, deliver));
      control.analysisEvents.publish({ reviewId: 2, version: 5 });
      expect(await controlHeard).toEqual({ reviewId: 2, version: 5 });
      await wait(200);
      expect(heard).toEqual([{ reviewId: 2, version: 5 }]);
    });
  });
}

describe.skipIf(postgresTestStoreFactory.skipReason !== undefined)('PostgreSQL live connections', () => {
  const lockSchema = `cg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create schema "${lockSchema}"`);
  });
  afterAll(async () => {
    await admin.query(`drop schema if exists "${lockSchema}" cascade`);
    await admin.end();
  });

  it('lets one instance at a time analyse a review; the other skips, and other reviews are free', async () => {
    const connection = { connectionString: testDatabaseUrl, schema: lockSchema };
    const [firstPool, secondPool] = [openLivePool(connection, () => {}), openLivePool(connection, () => {})];
    try {
      const [first, second] = [new PostgresAnalysisLock(firstPool), new PostgresAnalysisLock(secondPool)];
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered: () => void = () => {};
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const firstRun = first.runExclusive(5, async () => {
        entered();
        await held;
      });
      await inside;
      let secondRan = false;
      expect(
        await second.runExclusive(5, async () => {
          secondRan = true;
        }),
      ).toBe(false);
      expect(secondRan).toBe(false);
      expect(await second.runExclusive(6, async () => {})).toBe(true);
      release();
      expect(await firstRun).toBe(true);
      expect(await second.runExclusive(5, async () => {})).toBe(true);
    } finally {
      await Promise.all([firstPool.end(), secondPool.end()]);
    }
  });

  it('listens again after its connection is cut, and hears later announcements', async () => {
    const connection = { connectionString: testDatabaseUrl, schema: lockSchema };
    const [firstPool, secondPool] = [openLivePool(connection, () => {}), openLivePool(connection, () => {})];
    let reconnected: () => void = () => {};
    const back = new Promise<void>((resolve) => {
      reconnected = resolve;
    });
    const errors: unknown[] = [];
    const listening = new PostgresTransport(connection, secondPool, {
      reconnectDelayMs: 50,
      onReconnected: () => reconnected(),
      onError: (error) => errors.push(error),
    });
    const scope = `test:${randomBytes(6).toString('hex')}`;
    const sender = await SharedLiveBus.start(new PostgresTransport(connection, firstPool), { scope });
    const receiver = await SharedLiveBus.start(listening, { scope });
    try {
      await listening.dropConnectionForTest();
      await back;
      expect(errors.length).toBeGreaterThan(0);
      const heard = nextValue<AnalysisSaved>((deliver) => receiver.analysisEvents.subscribe(3, deliver));
      sender.analysisEvents.publish({ reviewId: 3, version: 2 });
      expect(await heard).toEqual({ reviewId: 3, version: 2 });
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await Promise.all([firstPool.end(), secondPool.end()]);
    }
  });
});
