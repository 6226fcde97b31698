import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { supportTargets } from '../money-schema.ts';

/** Set the network's deployment days and income targets for a school year (replacing any set before). */
export async function setSupportTarget(
  ctx: CommandContext,
  input: { networkId: string; startYear: number; days: number; incomePence: number },
) {
  const values = { days: String(input.days), incomePence: input.incomePence, updatedAt: sql`now()` };
  await ctx.db
    .insert(supportTargets)
    .values({ networkId: input.networkId, startYear: input.startYear, ...values })
    .onConflictDoUpdate({ target: [supportTargets.networkId, supportTargets.startYear], set: values });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'support_target.set',
    subjectType: 'support_target',
    subjectId: `${input.networkId}:${input.startYear}`,
    networkId: input.networkId,
    detail: { startYear: input.startYear, days: input.days, incomePence: input.incomePence },
  });
}
