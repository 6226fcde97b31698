import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import type { DesignationRow } from '../designations-queries.ts';
import { mayWithdraw } from '../domain.ts';
import { designations } from '../schema.ts';

/** End an active designation early; the row stays as history. */
export async function withdrawDesignation(ctx: CommandContext, input: { designation: DesignationRow }) {
  const { designation } = input;
  if (!mayWithdraw(designation)) throw conflict('status', `This designation is already ${designation.status}`);
  // Only from active: two withdrawals at once change it once.
  const changed = await ctx.db
    .update(designations)
    .set({ status: 'withdrawn', updatedAt: new Date() })
    .where(and(eq(designations.id, designation.id), eq(designations.status, 'active')))
    .returning({ id: designations.id });
  if (changed.length === 0) throw conflict('status', 'This designation is no longer active');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'designation.withdrawn',
    subjectType: 'designation',
    subjectId: designation.id,
    networkId: designation.networkId,
    detail: { personId: designation.personId, kind: designation.kind },
  });
}
