import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField, notFound } from '../../../kernel/http/errors.ts';
import { orderedPair } from '../partnerships-domain.ts';
import { mailNetworkAdmins } from '../partnerships-mail.ts';
import { openPartnership } from '../partnerships-queries.ts';
import { networkPartnerships, networks } from '../schema.ts';

export interface ProposePartnershipInput {
  /** The proposing network (its admin is acting). */
  networkId: string;
  partnerNetworkId: string;
  message: string | null;
}

const findName = async (ctx: CommandContext, id: string) =>
  (await ctx.db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, id)))[0] ?? null;

/**
 * A network proposes to work in partnership with another; nothing is shared until the other network's
 * admins accept. Audited in both networks; the other network's admins are emailed.
 */
export async function proposePartnership(ctx: CommandContext, input: ProposePartnershipInput) {
  if (input.networkId === input.partnerNetworkId)
    throw invalidField('partnerNetworkId', 'Choose another network: a network cannot be its own partner');
  const own = await findName(ctx, input.networkId);
  if (!own) throw notFound('Network');
  const partner = await findName(ctx, input.partnerNetworkId);
  if (!partner) throw invalidField('partnerNetworkId', 'There is no such network: choose one from the list');

  const already = (status: string, proposedByPartner: boolean) =>
    conflict(
      'partnerNetworkId',
      status === 'active'
        ? `${own.name} is already in partnership with ${partner.name}`
        : proposedByPartner
          ? `${partner.name} has already proposed a partnership: accept or decline it below`
          : `A partnership with ${partner.name} has already been proposed and is waiting for their answer`,
    );
  const open = await openPartnership(ctx.db, own.id, partner.id);
  if (open) throw already(open.status, open.proposedByNetwork === partner.id);
  const [row] = await ctx.db
    .insert(networkPartnerships)
    .values({
      ...orderedPair(own.id, partner.id),
      status: 'proposed',
      proposedByNetwork: own.id,
      proposedBy: actorPersonId(ctx.actor),
      message: input.message,
    })
    .returning()
    // Two admins proposing at once (from either side): the open-row index lets one through.
    .catch(onUniqueViolation('network_partnerships_open_uq', () => already('proposed', false)));
  for (const [networkId, other] of [
    [own.id, partner],
    [partner.id, own],
  ] as const) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'partnership.proposed',
      subjectType: 'partnership',
      subjectId: row!.id,
      networkId,
      detail: { partnerNetworkId: other.id, partnerName: other.name, proposedBy: own.name, message: input.message },
    });
  }
  const who = ctx.actor.kind === 'person' ? `${ctx.actor.name} of ${own.name}` : own.name;
  await mailNetworkAdmins(
    ctx,
    partner.id,
    `${own.name} proposes a partnership on Alliance`,
    `${who} proposes that ${partner.name} and ${own.name} work in partnership on Alliance: the two networks would see each other's directory of expertise and support offers.${input.message ? `\n\nTheir message:\n\n${input.message}` : ''}\n\nAs a network admin of ${partner.name}, you can accept or decline.`,
  );
  return row!;
}
