import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { deploymentEvaluations } from '../brokerage-schema.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** The leader's reflection on a completed or evaluated deployment, for their profile and the reports. */
export async function reflectOnDeployment(ctx: CommandContext, input: { deployment: DeploymentRow; reflection: string }) {
  const d = input.deployment;
  if (d.status !== 'completed' && d.status !== 'evaluated') throw conflict('reflection', 'Reflect once the deployment is completed');
  const values = { leaderReflection: input.reflection, leaderReflectedAt: new Date() };
  await ctx.db
    .insert(deploymentEvaluations)
    .values({ deploymentId: d.id, ...values })
    .onConflictDoUpdate({ target: deploymentEvaluations.deploymentId, set: values });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'deployment.reflected',
    subjectType: 'deployment',
    subjectId: d.id,
    networkId: d.networkId,
  });
}
