import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { specialisms } from '../schema.ts';

export interface RemoveSpecialismInput {
  networkId: string;
  specialismId: string;
}

/** Remove one of the network's own specialisms. Shared rows never match: they have no network. */
export async function removeSpecialism(ctx: CommandContext, input: RemoveSpecialismInput) {
  const [row] = await ctx.db
    .delete(specialisms)
    .where(and(eq(specialisms.id, input.specialismId), eq(specialisms.networkId, input.networkId)))
    .returning();
  if (!row) throw notFound('Specialism');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'specialism.removed',
    subjectType: 'specialism',
    subjectId: row.id,
    networkId: input.networkId,
    detail: { code: row.code, name: row.name, area: row.area },
  });
  return row;
}
