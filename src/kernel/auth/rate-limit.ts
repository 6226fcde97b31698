import { and, count, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInAttempts } from './schema.ts';

const WINDOW_MINUTES = 15;
/** Failed attempts allowed per window: per account, and per network address (schools share one address). */
export const limits = { account: 10, address: 100 };

const keys = (email: string, ip: string) => ({ account: `account:${email.trim().toLowerCase()}`, address: `ip:${ip}` });

export async function isThrottled(db: Db, email: string, ip: string): Promise<boolean> {
  const k = keys(email, ip);
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const rows = await db
    .select({ key: signInAttempts.key, n: count() })
    .from(signInAttempts)
    .where(and(inArray(signInAttempts.key, [k.account, k.address]), gt(signInAttempts.at, since)))
    .groupBy(signInAttempts.key);
  const n = (key: string) => rows.find((r) => r.key === key)?.n ?? 0;
  return n(k.account) >= limits.account || n(k.address) >= limits.address;
}

export async function recordFailedAttempt(db: Db, email: string, ip: string): Promise<void> {
  const k = keys(email, ip);
  await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(Date.now() - WINDOW_MINUTES * 60_000)));
  await db.insert(signInAttempts).values([{ key: k.account }, { key: k.address }]);
}

export async function clearAccountAttempts(db: Db, email: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, keys(email, '').account));
}
