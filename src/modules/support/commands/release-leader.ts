import type { CommandContext } from '../../../kernel/commands.ts';
import { changeDeployment } from '../deployments-changes.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** The leader's own headteacher releases them for a proposed deployment (or refuses, which declines it). */
export async function releaseLeader(ctx: CommandContext, input: { deployment: DeploymentRow; release: boolean; reason?: string | null }) {
  const by = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  if (!input.release)
    return changeDeployment(
      ctx,
      input.deployment,
      'decline',
      { closedReason: input.reason ?? 'Not released by the leader’s school' },
      input.reason,
    );
  return changeDeployment(ctx, input.deployment, 'release', { releasedAt: new Date(), releasedBy: by });
}
