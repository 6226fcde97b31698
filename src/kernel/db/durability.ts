import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Logger } from '../log.ts';
import type { Database } from './client.ts';

/** Settings under which PostgreSQL may lose acknowledged writes (synchronous_commit) or corrupt data (fsync) on a crash. */
export async function unsafeDurabilitySettings(database: Database): Promise<string[]> {
  if (database.kind !== 'postgresql') return [];
  const result = await database.db.execute(sql`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit')`);
  const rows = (result as unknown as { rows: { name: string; setting: string }[] }).rows;
  return rows.filter((r) => r.setting === 'off').map((r) => `${r.name}=off`);
}

/**
 * At startup: warn loudly when PostgreSQL would not keep acknowledged writes through a crash, and refuse
 * to start in production unless ALLOW_UNSAFE_DURABILITY=true says someone chose this knowingly.
 */
export async function checkDurability(database: Database, config: Config, log: Logger): Promise<void> {
  const unsafe = await unsafeDurabilitySettings(database);
  if (unsafe.length === 0) return;
  const message = `PostgreSQL is running with ${unsafe.join(', ')}: a crash can lose acknowledged writes (fsync=off can also corrupt the database). Turn these back on.`;
  if (config.NODE_ENV === 'production' && !config.ALLOW_UNSAFE_DURABILITY) {
    log.error('UNSAFE DATABASE DURABILITY: refusing to start', { settings: unsafe });
    throw new Error(`${message} To start anyway, set ALLOW_UNSAFE_DURABILITY=true.`);
  }
  log.warn('UNSAFE DATABASE DURABILITY', { settings: unsafe, detail: message });
}
