import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testTarget } from '../../../test/support/database.ts';
import type { Database } from './client.ts';

let database: Database & { url?: string };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe.runIf(testTarget === 'postgresql')('a PostgreSQL pool', () => {
  it('outlives its idle connections being ended by the server, and answers on fresh ones', async () => {
    // Open a few connections, and leave them idle in the pool.
    await Promise.all(Array.from({ length: 3 }, () => database.exec('select pg_sleep(0.05)')));
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const name = new URL(database.url!).pathname.slice(1);
      const ended = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(database.exec('select 1')).resolves.toBeUndefined();
  });
});
