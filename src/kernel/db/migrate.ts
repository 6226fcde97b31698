import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

export async function migrate(database: Database): Promise<void> {
  await database.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  // biome-ignore lint/suspicious/noExplicitAny: both migrators take the same drizzle database.
  const db = database.db as any;
  if (database.kind === 'pglite') await migratePglite(db, { migrationsFolder });
  else await migrateNodePg(db, { migrationsFolder });
}

function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** True when every committed migration has been applied. */
export async function isMigrated(database: Database): Promise<boolean> {
  try {
    const result = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as {
      rows: { n: number }[];
    };
    const n = result.rows[0]?.n ?? 0;
    return n >= expectedMigrationCount();
  } catch {
    return false;
  }
}
