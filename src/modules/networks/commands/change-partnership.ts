import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, forbidden, notFound } from '../../../kernel/http/errors.ts';
import { isSide, type PartnershipStep, partnerOf, sideFor, stepOutcome, stepRefusal } from '../partnerships-domain.ts';
import { mailNetworkAdmins } from '../partnerships-mail.ts';
import { findPartnership, networkNames } from '../partnerships-queries.ts';
import { networkPartnerships } from '../schema.ts';

export interface ChangePartnershipInput {
  partnershipId: string;
  /** The network whose admin is acting: it must be the side allowed to take the step. */
  networkId: string;
  step: PartnershipStep;
  /** yyyy-mm-dd: the first day of an accepted partnership, the last day of an ended one. */
  on: string;
}

const pastTense: Record<PartnershipStep, string> = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn', end: 'ended' };

/**
 * Answer or close a partnership: the other network accepts or declines a proposal, the proposer withdraws
 * it, either side ends an active partnership. The row keeps its history; audited in both networks, and
 * the other side's admins are emailed.
 */
export async function changePartnership(ctx: CommandContext, input: ChangePartnershipInput) {
  const p = await findPartnership(ctx.db, input.partnershipId, true);
  if (!p || !isSide(p, input.networkId)) throw notFound('Partnership');
  // The route has checked (and audited) this already; here it guards every other caller.
  if (sideFor(p, input.step, input.networkId) !== input.networkId) throw forbidden();
  const refusal = stepRefusal(p.status, input.step);
  if (refusal) throw conflict('partnerships', refusal);

  const by = actorPersonId(ctx.actor);
  const responded = { respondedBy: by, respondedAt: new Date() };
  const change =
    input.step === 'end'
      ? // Never before its first day.
        { status: 'ended' as const, endedOn: p.startedOn && p.startedOn > input.on ? p.startedOn : input.on }
      : input.step === 'accept'
        ? { status: 'active' as const, startedOn: input.on, ...responded }
        : { status: stepOutcome(input.step), ...responded };
  const [row] = await ctx.db.update(networkPartnerships).set(change).where(eq(networkPartnerships.id, p.id)).returning();

  const otherId = partnerOf(p, input.networkId);
  const names = await networkNames(ctx.db, [p.networkA, p.networkB]);
  const [own, other] = [names.get(input.networkId) ?? input.networkId, names.get(otherId) ?? otherId];
  const done = pastTense[input.step];
  for (const [networkId, partnerId] of [
    [input.networkId, otherId],
    [otherId, input.networkId],
  ] as const) {
    await recordAudit(ctx.db, ctx.actor, {
      action: `partnership.${done}`,
      subjectType: 'partnership',
      subjectId: p.id,
      networkId,
      detail: {
        partnerNetworkId: partnerId,
        partnerName: names.get(partnerId) ?? null,
        by: own,
        startedOn: row!.startedOn,
        endedOn: row!.endedOn,
      },
    });
  }
  const what =
    input.step === 'end'
      ? 'the partnership with'
      : input.step === 'withdraw'
        ? 'its partnership proposal to'
        : 'the partnership proposal from';
  await mailNetworkAdmins(
    ctx,
    otherId,
    `${own} has ${done} ${what} ${other}`,
    `${own} has ${done} ${what} ${other} on Alliance.${
      input.step === 'accept'
        ? ' From today, the two networks see each other’s directory of expertise and support offers.'
        : input.step === 'end'
          ? ' The two networks no longer see each other’s directory of expertise and support offers.'
          : ''
    }`,
  );
  return row!;
}
