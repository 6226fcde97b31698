import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/client.ts';
import { forbidden, notFound } from '../../kernel/http/errors.ts';
import { type PartnershipStep, sideFor } from './partnerships-domain.ts';
import { findPartnership } from './partnerships-queries.ts';

const wrongSide: Record<PartnershipStep, string> = {
  accept: 'Only a network admin of the network the proposal was made to can accept it.',
  decline: 'Only a network admin of the network the proposal was made to can decline it.',
  withdraw: 'Only a network admin of the network that made the proposal can withdraw it.',
  end: 'Only a network admin of one of the two networks can end this partnership.',
};

/**
 * The partnership a step names, once the acting network (whose admin the actor is: checked by
 * `networkFor(c, 'network.manage')`) is the side that may take the step. An admin of both networks
 * still acts as one of them, from that network's page. Unknown id: 404. Wrong side or a third network:
 * 403, recorded (before any transaction) in the log of the network whose consent was at stake and in
 * the acting network's.
 */
export async function partnershipForStep(db: Db, actor: Actor, partnershipId: string, actingNetworkId: string, step: PartnershipStep) {
  const partnership = await findPartnership(db, partnershipId);
  if (!partnership) throw notFound('Partnership');
  const side = sideFor(partnership, step, actingNetworkId);
  if (side === actingNetworkId) return partnership;
  for (const networkId of new Set([side, actingNetworkId])) {
    await recordAudit(db, actor, {
      action: 'access.refused',
      subjectType: `partnership.${step}`,
      subjectId: partnership.id,
      networkId,
      detail: { action: `partnership.${step}`, actingNetworkId },
    });
  }
  throw forbidden(wrongSide[step]);
}
