import type { CommandContext } from '../../../kernel/commands.ts';
import { changeDeployment } from '../deployments-changes.ts';
import type { DeploymentRow } from '../deployments-queries.ts';
import { freeVouchers } from '../money-vouchers.ts';

/** A broker cancels a deployment before it is completed; its days go back to the leader and its vouchers to the school. */
export async function cancelDeployment(ctx: CommandContext, input: { deployment: DeploymentRow; reason: string }) {
  const row = await changeDeployment(ctx, input.deployment, 'cancel', { closedReason: input.reason }, input.reason);
  // A cancelled deployment is not charged: its vouchers go back to the school for another.
  await freeVouchers(ctx.db, input.deployment.id);
  return row;
}
