import type { AppContext } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';

/** The CPD area's sub-navigation (mojSubNavigation items), showing what the actor may open. */
export function cpdSubnav(c: AppContext, networkId: string) {
  const base = `/networks/${networkId}/cpd`;
  const items = [
    { text: 'Sessions', href: base, show: can(c.var.actor, 'cpd.view', { networkId }) },
    { text: 'Programmes', href: `${base}/programmes`, show: can(c.var.actor, 'cpd.view', { networkId }) },
    { text: 'Bookings', href: `${base}/bookings`, show: can(c.var.actor, 'cpd.view', { networkId }) },
    { text: 'Trios', href: `${base}/trios`, show: can(c.var.actor, 'trio.view', { networkId }) },
    { text: 'Leadership and 360', href: `${base}/leadership`, show: can(c.var.actor, 'leadership.view', { networkId }) },
    { text: 'Heads’ peer review', href: `${base}/peer-review`, show: can(c.var.actor, 'leadership.view', { networkId }) },
    { text: 'Reports', href: `${base}/reports`, show: can(c.var.actor, 'cpd.report', { networkId }) },
    { text: 'Settings', href: `${base}/settings`, show: can(c.var.actor, 'cpd.manage', { networkId }) },
  ];
  const path = c.req.path;
  const current =
    items.filter((i) => i.href !== base && path.startsWith(i.href)).at(-1)?.href ??
    (path.startsWith(`${base}/sessions`) || path === base ? base : null);
  return items.filter((i) => i.show).map((i) => ({ text: i.text, href: i.href, active: i.href === current }));
}
