import type { AppContext } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import type { Network } from '../networks/pages.ts';
import { findFeedback } from './feedback360-queries.ts';
import { findPathwayItem, findQuality, type QualityRow } from './leadership-queries.ts';

// Who may open a leadership record, for pages and API alike: a 360 and a pathway item are their leader's alone
// (refused and audited for anyone else, the network admin included); the framework's qualities are the admins'.

/** The 360 in the path, for its leader; another network's is 404 once the decision is made. */
export async function feedbackFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const f = await findFeedback(db, c.req.param('feedbackId') ?? '');
  if (!f) throw notFound('360');
  await authorize(db, c.var.actor, 'feedback360.own', { networkId: f.networkId, personId: f.leaderId });
  if (f.networkId !== network.id) throw notFound('360');
  return f;
}

/** The signed-in person's id (null for an operator). */
export const me = (c: AppContext) => (c.var.actor?.kind === 'person' ? c.var.actor.personId : null);

/** The pathway item in the path, for the person whose pathway it is. */
export async function pathwayItemFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const item = await findPathwayItem(db, c.req.param('itemId') ?? '');
  if (!item) throw notFound('Pathway item');
  await authorize(db, c.var.actor, 'feedback360.own', { networkId: item.networkId, personId: item.personId });
  if (item.networkId !== network.id) throw notFound('Pathway item');
  return item;
}

/** A current quality of the network's framework, for those who manage the framework. */
export async function qualityFor(c: AppContext, network: Network): Promise<QualityRow> {
  const quality = await findQuality(c.var.deps.database.db, c.req.param('qualityId') ?? '');
  if (!quality || quality.retiredAt) throw notFound('Quality');
  await authorize(c.var.deps.database.db, c.var.actor, 'leadership.manage', { networkId: quality.networkId });
  if (quality.networkId !== network.id) throw notFound('Quality');
  return quality;
}
