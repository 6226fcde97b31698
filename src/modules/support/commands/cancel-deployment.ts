import type { CommandContext } from '../../../kernel/commands.ts';
import { changeDeployment } from '../deployments-changes.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** A broker cancels a deployment before it is completed; its days go back to the leader. */
export async function cancelDeployment(ctx: CommandContext, input: { deployment: DeploymentRow; reason: string }) {
  return changeDeployment(ctx, input.deployment, 'cancel', { closedReason: input.reason }, input.reason);
}
