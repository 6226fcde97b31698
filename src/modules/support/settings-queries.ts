import { eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { DEFAULT_REACH_KM } from './matching-domain.ts';
import { supportSettings } from './money-schema.ts';

/** The network's support settings that are not money, or the defaults when it has not set them. */
export async function supportSettingsOf(db: Db, networkId: string): Promise<{ reachKm: number; saved: boolean }> {
  const [row] = await db.select({ reachKm: supportSettings.reachKm }).from(supportSettings).where(eq(supportSettings.networkId, networkId));
  return row ? { reachKm: row.reachKm, saved: true } : { reachKm: DEFAULT_REACH_KM, saved: false };
}

/** How far the network's leaders may travel to a school (km): read once per ranking or allocation run. */
export const reachKmOf = async (db: Db, networkId: string) => (await supportSettingsOf(db, networkId)).reachKm;
