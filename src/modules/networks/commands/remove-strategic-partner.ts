import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { strategicPartners } from '../schema.ts';

export interface RemoveStrategicPartnerInput {
  networkId: string;
  partnerId: string;
}

/** Remove a strategic partner of the network; the audit event keeps its name. */
export async function removeStrategicPartner(ctx: CommandContext, input: RemoveStrategicPartnerInput) {
  const [row] = await ctx.db
    .delete(strategicPartners)
    .where(and(eq(strategicPartners.id, input.partnerId), eq(strategicPartners.networkId, input.networkId)))
    .returning();
  if (!row) throw notFound('Strategic partner');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'strategic_partner.removed',
    subjectType: 'strategic_partner',
    subjectId: row.id,
    networkId: input.networkId,
    detail: { name: row.name, kind: row.kind },
  });
  return row;
}
