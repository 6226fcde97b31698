import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { orderedPair } from '../partnerships-domain.ts';
import { openPartnership } from '../partnerships-queries.ts';
import { networkPartnerships, networks } from '../schema.ts';

export interface CreatePartnershipInput {
  networkId: string;
  partnerNetworkId: string;
  /** yyyy-mm-dd */
  startedOn: string;
}

/**
 * The operator's way (`alliance network partner`): two networks start collaborating at once, with no
 * proposal to answer, since operators set networks up. A pending proposal between them is accepted.
 * Admins in the app go through proposePartnership and changePartnership instead.
 */
export async function createPartnership(ctx: CommandContext, input: CreatePartnershipInput) {
  if (input.networkId === input.partnerNetworkId)
    throw invalidField('partnerNetworkId', 'Choose another network: a network cannot be its own partner');
  const found = await Promise.all(
    [input.networkId, input.partnerNetworkId].map(
      async (id) => (await ctx.db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, id)))[0],
    ),
  );
  const [own, partner] = found;
  if (!own || !partner)
    throw invalidField('partnerNetworkId', `There is no network with id ${own ? input.partnerNetworkId : input.networkId}`);
  const active = () => conflict('partnerNetworkId', `${own.name} is already in partnership with ${partner.name}`);

  const open = await openPartnership(ctx.db, own.id, partner.id);
  if (open?.status === 'active') throw active();
  const values = { status: 'active' as const, startedOn: input.startedOn };
  const [row] = open
    ? await ctx.db
        .update(networkPartnerships)
        .set({ ...values, respondedBy: null, respondedAt: new Date() })
        .where(eq(networkPartnerships.id, open.id))
        .returning()
    : await ctx.db
        .insert(networkPartnerships)
        .values({ ...orderedPair(own.id, partner.id), ...values })
        .returning()
        .catch(onUniqueViolation('network_partnerships_open_uq', active));
  // One event in each network's audit log: both admins see who linked them.
  for (const [networkId, other] of [
    [own.id, partner],
    [partner.id, own],
  ] as const) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'partnership.started',
      subjectType: 'partnership',
      subjectId: row!.id,
      networkId,
      detail: { partnerNetworkId: other.id, partnerName: other.name, startedOn: input.startedOn, acceptedProposal: Boolean(open) },
    });
  }
  return row!;
}
