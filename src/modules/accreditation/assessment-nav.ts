import type { AppContext } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';
import type { Network } from '../networks/pages.ts';
import { areaNav } from './cohorts-access.ts';

/**
 * The Accreditation area's sub-navigation on the outcomes pages: the area's own items (none current)
 * followed by peer reviews, submissions, certificates and reports, each only if the actor may open it.
 */
export function outcomesSubnav(c: AppContext, network: Network): { text: string; href: string; active: boolean }[] {
  const base = `/networks/${network.id}/accreditation`;
  const actor = c.var.actor;
  const s = { networkId: network.id };
  const items = [
    { text: 'Peer reviews', href: `${base}/peer-reviews`, show: can(actor, 'accreditation.view', s) },
    {
      text: 'Submissions',
      href: `${base}/submissions`,
      show: can(actor, 'lpOutcome.manage', s) || can(actor, 'lpModeration.sample', s),
    },
    { text: 'Certificates', href: `${base}/certificates`, show: can(actor, 'accreditation.view', s) },
    { text: 'Reports', href: `${base}/reports`, show: can(actor, 'lpReport.view', s) },
  ];
  const mine = items.filter((i) => i.show).map((i) => ({ text: i.text, href: i.href, active: c.req.path.startsWith(i.href) }));
  return [
    ...areaNav(c, network, 'home').map((i: { text: string; href: string }) => ({ text: i.text, href: i.href, active: false })),
    ...mine,
  ];
}
