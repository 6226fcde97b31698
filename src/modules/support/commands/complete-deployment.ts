import type { CommandContext } from '../../../kernel/commands.ts';
import { changeDeployment } from '../deployments-changes.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** The support is done: the school can now evaluate it. */
export async function completeDeployment(ctx: CommandContext, input: { deployment: DeploymentRow }) {
  return changeDeployment(ctx, input.deployment, 'complete');
}
