import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { privacySettings } from '../schema.ts';

/** Set how long a network keeps former members' personal data (null: no automatic deletion). */
export async function setRetention(ctx: CommandContext, input: { networkId: string; retentionMonths: number | null }): Promise<void> {
  await ctx.db
    .insert(privacySettings)
    .values({ networkId: input.networkId, retentionMonths: input.retentionMonths })
    .onConflictDoUpdate({ target: privacySettings.networkId, set: { retentionMonths: input.retentionMonths, updatedAt: new Date() } });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'privacy.retention_set',
    subjectType: 'network',
    subjectId: input.networkId,
    networkId: input.networkId,
    detail: { retentionMonths: input.retentionMonths },
  });
}
