import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { deploymentMilestones } from '../brokerage-schema.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** A milestone with its due date (for example: "mid-point review with the head"). */
export async function addDeploymentMilestone(ctx: CommandContext, input: { deployment: DeploymentRow; title: string; dueOn: string }) {
  await ctx.db.insert(deploymentMilestones).values({ deploymentId: input.deployment.id, title: input.title, dueOn: input.dueOn });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'deployment.milestone_added',
    subjectType: 'deployment',
    subjectId: input.deployment.id,
    networkId: input.deployment.networkId,
    detail: { title: input.title, dueOn: input.dueOn },
  });
}
