import type { AppContext } from '../../kernel/http/context.ts';
import { type Action, can } from '../../policy.ts';

// School-to-school support is one area of the network's menu ("Support") with one sub-navigation: expertise
// (directory, designations, rounds), brokerage (offers, requests, deployments, allocation) and money (payment
// model, statements, reports). Each item shows only to those who may open it.

const items = (networkId: string): { text: string; href: string; action: Action }[] => {
  const base = `/networks/${networkId}`;
  return [
    { text: 'Directory', href: `${base}/directory`, action: 'directory.view' },
    { text: 'Designations', href: `${base}/designations`, action: 'designation.view' },
    { text: 'Designation rounds', href: `${base}/rounds`, action: 'round.view' },
    { text: 'Offers', href: `${base}/support/offers`, action: 'offer.view' },
    { text: 'Requests', href: `${base}/support/requests`, action: 'request.list' },
    { text: 'Deployments', href: `${base}/support/deployments`, action: 'deployment.list' },
    { text: 'Allocate', href: `${base}/support/allocate`, action: 'request.broker' },
    { text: 'Payment model', href: `${base}/support/money`, action: 'money.manage' },
    { text: 'Statements', href: `${base}/support/statements`, action: 'statement.list' },
    { text: 'Reports', href: `${base}/support/reports`, action: 'report.view' },
  ];
};

/** The support area's sub-navigation (MoJ sub navigation), the current page's item marked. */
export function supportSubNav(c: AppContext, networkId: string) {
  const path = c.req.path;
  return {
    label: 'School-to-school support',
    items: items(networkId)
      .filter((i) => can(c.var.actor, i.action, { networkId }))
      .map((i) => ({ text: i.text, href: i.href, active: path === i.href || path.startsWith(`${i.href}/`) })),
  };
}
