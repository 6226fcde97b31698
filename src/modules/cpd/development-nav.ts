import type { AppContext } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';

/** The sub-navigation of trios, leadership and 360s, and heads' peer review (mojSubNavigation items). */
export function developmentSubnav(c: AppContext, networkId: string) {
  const base = `/networks/${networkId}`;
  const items = [
    { text: 'Trios', href: `${base}/cpd/trios`, show: can(c.var.actor, 'trio.view', { networkId }) },
    { text: 'Leadership and 360', href: `${base}/cpd/leadership`, show: can(c.var.actor, 'leadership.view', { networkId }) },
    { text: 'Heads’ peer review', href: `${base}/cpd/peer-review`, show: can(c.var.actor, 'leadership.view', { networkId }) },
  ];
  return items.filter((i) => i.show).map((i) => ({ text: i.text, href: i.href, active: c.req.path.startsWith(i.href) }));
}
