import type { AppContext } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';
import { type DeploymentStatus, deploymentPath, deploymentStatusLabels } from './deployments-domain.ts';

/** The support area's own sub-navigation: offers, requests, deployments and allocation, as the actor may open them. */
export function supportSubNav(c: AppContext, networkId: string) {
  const base = `/networks/${networkId}/support`;
  const items = [
    { text: 'Offers', href: `${base}/offers`, show: can(c.var.actor, 'offer.view', { networkId }) },
    { text: 'Requests', href: `${base}/requests`, show: can(c.var.actor, 'request.list', { networkId }) },
    { text: 'Deployments', href: `${base}/deployments`, show: can(c.var.actor, 'deployment.list', { networkId }) },
    { text: 'Allocate', href: `${base}/allocate`, show: can(c.var.actor, 'request.broker', { networkId }) },
  ];
  return {
    label: 'Support',
    items: items.filter((i) => i.show).map((i) => ({ text: i.text, href: i.href, active: c.req.path.startsWith(i.href) })),
  };
}

const tagClass: Record<DeploymentStatus, string> = {
  proposed: 'govuk-tag--light-blue',
  agreed: 'govuk-tag--blue',
  active: 'govuk-tag--purple',
  completed: 'govuk-tag--turquoise',
  evaluated: 'govuk-tag--green',
  declined: 'govuk-tag--grey',
  cancelled: 'govuk-tag--grey',
};
export const statusTag = (s: DeploymentStatus) => ({ text: deploymentStatusLabels[s], classes: tagClass[s] });

/** The main path with where the deployment is on it, for the progress list on its page. */
export function progressSteps(status: DeploymentStatus) {
  const at = deploymentPath.indexOf(status);
  return deploymentPath.map((s, i) => ({
    text: deploymentStatusLabels[s],
    state: at < 0 ? 'off' : i < at ? 'done' : i === at ? 'current' : 'todo',
  }));
}

export const pounds = (pence: number | null) => (pence === null ? 'By the day rate' : `£${(pence / 100).toFixed(2)}`);
