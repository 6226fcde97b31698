import type { CommandContext } from '../../../kernel/commands.ts';
import { changeDeployment } from '../deployments-changes.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** The leader consents to a proposed deployment (or declines it, with a reason). */
export async function consentToDeployment(
  ctx: CommandContext,
  input: { deployment: DeploymentRow; consent: boolean; reason?: string | null },
) {
  if (!input.consent)
    return changeDeployment(ctx, input.deployment, 'decline', { closedReason: input.reason ?? 'Declined by the leader' }, input.reason);
  return changeDeployment(ctx, input.deployment, 'consent', { leaderConsentAt: new Date() });
}
