import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { type Database, openDatabase } from '../../src/kernel/db/client.ts';
import { migrate, migrationsFolder } from '../../src/kernel/db/migrate.ts';
import { createScratchDatabase } from './postgres.ts';

/** Which database this test run targets: set per vitest project (see vitest.config.ts). */
export const testTarget = (process.env.TEST_TARGET ?? 'pglite') as 'pglite' | 'postgresql';

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/alliance/', import.meta.url));

/**
 * A migrated PGlite data folder, dumped once per set of migrations and cached: loading it takes about a
 * second, where creating and migrating a fresh PGlite takes several.
 */
async function migratedPgliteSnapshot(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).sort()) {
    if (file.endsWith('.sql')) hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  }
  const snapshot = path.join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([readFileSync(snapshot)]);
  } catch {
    const fresh = await openDatabase({});
    await migrate(fresh);
    const client = (fresh.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('none');
    await fresh.close();
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${snapshot}.${process.pid}.tmp`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, snapshot);
    return dump;
  }
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server at TEST_DATABASE_URL (dropped again by `close`).
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (testTarget === 'pglite') {
    const database = await openDatabase({ loadDataDir: await migratedPgliteSnapshot() });
    await migrate(database); // a no-op unless the snapshot is stale
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_TARGET=postgresql needs TEST_DATABASE_URL');
  const scratch = await createScratchDatabase(adminUrl, 'alliance_t');
  const database = await openDatabase({ url: scratch.url, poolSize: 5 });
  await migrate(database);
  return {
    ...database,
    url: scratch.url,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
