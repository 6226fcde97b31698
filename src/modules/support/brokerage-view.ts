import { type DeploymentStatus, deploymentPath, deploymentStatusLabels } from './deployments-domain.ts';

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
