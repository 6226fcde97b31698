import type { AppContext } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';

/** Sub-navigation of the accreditation outcomes pages: what the actor may open, the current one marked. */
export function outcomesSubnav(c: AppContext, networkId: string) {
  const base = `/networks/${networkId}/accreditation`;
  const actor = c.var.actor;
  const s = { networkId };
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
  return items.filter((i) => i.show).map((i) => ({ text: i.text, href: i.href, active: c.req.path.startsWith(i.href) }));
}
