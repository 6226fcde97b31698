import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { orderedPair } from '../partnerships-domain.ts';
import { findPartnership } from '../partnerships-queries.ts';
import { conflict } from '../people-domain.ts';
import { networkPartnerships, networks } from '../schema.ts';

export interface EndPartnershipInput {
  networkId: string;
  partnerNetworkId: string;
  /** yyyy-mm-dd: from this day the networks no longer see each other's directory. */
  endedOn: string;
}

/** Either side may end a partnership; the row is kept with its end date. */
export async function endPartnership(ctx: CommandContext, input: EndPartnershipInput) {
  const existing = await findPartnership(ctx.db, input.networkId, input.partnerNetworkId, true);
  if (!existing) throw notFound('Partnership');
  if (existing.endedOn !== null && existing.endedOn <= input.endedOn)
    throw conflict('partnerNetworkId', 'This partnership has already ended');
  // A partnership that has not started yet ends on its first day, never before it.
  const [, endedOn] = [input.endedOn, existing.startedOn].sort() as [string, string];
  const pair = orderedPair(input.networkId, input.partnerNetworkId);
  const [row] = await ctx.db
    .update(networkPartnerships)
    .set({ endedOn })
    .where(and(eq(networkPartnerships.networkA, pair.networkA), eq(networkPartnerships.networkB, pair.networkB)))
    .returning();
  const names = await ctx.db
    .select({ id: networks.id, name: networks.name })
    .from(networks)
    .where(inArray(networks.id, [input.networkId, input.partnerNetworkId]));
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? id;
  for (const [networkId, otherId] of [
    [input.networkId, input.partnerNetworkId],
    [input.partnerNetworkId, input.networkId],
  ] as const) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'partnership.ended',
      subjectType: 'network',
      subjectId: otherId,
      networkId,
      detail: { partnerName: nameOf(otherId), startedOn: existing.startedOn, endedOn },
    });
  }
  return row!;
}
