import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import type { CpdSettings } from '../cpd-settings-domain.ts';
import { cpdSettingsOf } from '../cpd-settings-queries.ts';
import { cpdSettings } from '../schema.ts';

/** Save the network's CPD targets and time limits; the audit event keeps what they were and what they became. */
export async function saveCpdSettings(ctx: CommandContext, input: CpdSettings & { networkId: string }) {
  const { networkId, ...settings } = input;
  const before = await cpdSettingsOf(ctx.db, networkId);
  const values = { ...settings, targetDays: String(settings.targetDays) };
  await ctx.db
    .insert(cpdSettings)
    .values({ networkId, ...values })
    .onConflictDoUpdate({ target: cpdSettings.networkId, set: values });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.settings_saved',
    subjectType: 'network',
    subjectId: networkId,
    networkId,
    detail: { before, after: settings },
  });
  return settings;
}
