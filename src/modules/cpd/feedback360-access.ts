import type { AppContext } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import type { Network } from '../networks/pages.ts';
import { findFeedback } from './feedback360-queries.ts';
import { findPathwayItem } from './leadership-queries.ts';

// A 360 is its leader's alone (refused and audited for anyone else, the network admin included): pages and API.

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
