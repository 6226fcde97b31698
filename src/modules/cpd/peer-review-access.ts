import type { AppContext } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import type { Network } from '../networks/pages.ts';
import { participantSubject } from './development-policy.ts';
import { findGroup, findVisit, groupMembers, type ReviewGroupRow } from './peer-review-queries.ts';

// Who may open a review group and its visits, for pages and API alike: the group's heads only (refused and audited).

/** The review group in the path, for one of its heads; another network's group is 404 once refused or allowed. */
export async function groupFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const group = await findGroup(db, c.req.param('groupId') ?? '');
  if (!group) throw notFound('Review group');
  const members = await groupMembers(db, [group.id]);
  await authorize(
    db,
    c.var.actor,
    'peerReview.take_part',
    participantSubject(
      group.networkId,
      members.map((m) => m.personId),
      c.var.actor,
    ),
  );
  if (group.networkId !== network.id) throw notFound('Review group');
  return { group, members };
}

/** The visit in the path, which must belong to the group. */
export async function visitFor(c: AppContext, network: Network, group: ReviewGroupRow) {
  const found = await findVisit(c.var.deps.database.db, c.req.param('visitId') ?? '');
  if (!found || found.visit.groupId !== group.id || found.visit.networkId !== network.id) throw notFound('Visit');
  return found;
}
