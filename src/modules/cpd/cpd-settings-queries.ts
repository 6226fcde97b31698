import { eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { type CpdSettings, cpdSettingsDefaults } from './cpd-settings-domain.ts';
import { cpdSettings } from './schema.ts';

/** The network's CPD settings, or the defaults for any it has not set. */
export async function cpdSettingsOf(db: Db, networkId: string): Promise<CpdSettings> {
  const [row] = await db.select().from(cpdSettings).where(eq(cpdSettings.networkId, networkId));
  if (!row) return { ...cpdSettingsDefaults };
  return {
    targetDays: Number(row.targetDays),
    targetPositivePercent: row.targetPositivePercent,
    offerHours: row.offerHours,
    followUpWeeks: row.followUpWeeks,
  };
}
