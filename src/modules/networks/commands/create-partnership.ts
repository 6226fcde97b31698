import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { isActivePartnership, orderedPair } from '../partnerships-domain.ts';
import { findPartnership } from '../partnerships-queries.ts';
import { conflict, invalidField } from '../people-domain.ts';
import { networkPartnerships, networks } from '../schema.ts';

export interface CreatePartnershipInput {
  networkId: string;
  partnerNetworkId: string;
  /** yyyy-mm-dd */
  startedOn: string;
}

/**
 * Two networks start collaborating: each then sees the other's directory and offers. Whoever calls this
 * must be allowed to act for both networks (an admin of both, or the operator). A partnership that
 * ended starts again (the table keeps one row per pair; the audit log keeps the earlier spell).
 */
export async function createPartnership(ctx: CommandContext, input: CreatePartnershipInput) {
  if (input.networkId === input.partnerNetworkId)
    throw invalidField('partnerNetworkId', 'Choose another network: a network cannot be its own partner');
  const [own] = await ctx.db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, input.networkId));
  if (!own) throw notFound('Network');
  const [partner] = await ctx.db
    .select({ id: networks.id, name: networks.name })
    .from(networks)
    .where(eq(networks.id, input.partnerNetworkId));
  if (!partner) throw invalidField('partnerNetworkId', 'There is no such network: choose one from the list');

  const existing = await findPartnership(ctx.db, own.id, partner.id, true);
  if (existing && (existing.endedOn === null || isActivePartnership(existing, input.startedOn)))
    throw conflict('partnerNetworkId', `${own.name} is already in partnership with ${partner.name}`);
  const pair = orderedPair(own.id, partner.id);
  const [row] = existing
    ? await ctx.db
        .update(networkPartnerships)
        .set({ startedOn: input.startedOn, endedOn: null })
        .where(and(eq(networkPartnerships.networkA, pair.networkA), eq(networkPartnerships.networkB, pair.networkB)))
        .returning()
    : await ctx.db
        .insert(networkPartnerships)
        .values({ ...pair, startedOn: input.startedOn })
        // Two admins at once: the primary key lets only one through.
        .onConflictDoNothing()
        .returning();
  if (!row) throw conflict('partnerNetworkId', `${own.name} is already in partnership with ${partner.name}`);
  // One event in each network's audit log: both admins see who linked them.
  for (const [networkId, other] of [
    [own.id, partner],
    [partner.id, own],
  ] as const) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'partnership.started',
      subjectType: 'network',
      subjectId: other.id,
      networkId,
      detail: { partnerName: other.name, startedOn: input.startedOn, restarted: Boolean(existing) },
    });
  }
  return row;
}
