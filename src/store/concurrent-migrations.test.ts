import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresTestStoreFactory, testDatabaseUrl } from '../test-support/stores.js';
import { openPostgresStore } from './postgres.js';
import type { Store } from './store.js';

describe.skipIf(postgresTestStoreFactory.skipReason !== undefined)('concurrent migrations on postgres', () => {
  const opened: Store[] = [];
  afterEach(async () => {
    // The last store drops the shared schema, so close in order.
    for (const store of opened.splice(0)) await store.close();
  });

  async function openOnSchema(schema: string, dropSchemaOnClose: boolean): Promise<Store> {
    const store = await openPostgresStore({
      connectionString: testDatabaseUrl,
      schema,
      createSchema: true,
      dropSchemaOnClose,
      maxConnections: 3,
    });
    opened.push(store);
    return store;
  }

  it('lets two instances starting together migrate one fresh schema: one applies everything, the other waits and finds nothing to do', async () => {
    const schema = `cg_test_${randomBytes(6).toString('hex')}`;
    const first = await openOnSchema(schema, false);
    const second = await openOnSchema(schema, true);
    const [appliedByFirst, appliedBySecond] = await Promise.all([first.migrate(), second.migrate()]);
    const applied = [...appliedByFirst, ...appliedBySecond];
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);
    expect([appliedByFirst.length, appliedBySecond.length].sort((a, b) => a - b)[0]).toBe(0);
    // Both see a working, fully migrated database.
    expect(await first.migrate()).toEqual([]);
    expect(await second.countAccounts()).toBe(0);
  });

  it('waits while another session holds the schema migration lock', async () => {
    const schema = `cg_test_${randomBytes(6).toString('hex')}`;
    const store = await openOnSchema(schema, true);
    const other = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
    await other.connect();
    try {
      await other.query(`select pg_advisory_lock(hashtextextended('common_ground_migrate:' || current_schema(), 0))`);
      let finished = false;
      const migrating = store.migrate().then((applied) => {
        finished = true;
        return applied;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      await other.query(`select pg_advisory_unlock(hashtextextended('common_ground_migrate:' || current_schema(), 0))`);
      expect((await migrating).length).toBeGreaterThan(0);
    } finally {
      await other.end();
    }
  });
});
