import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { deploymentCriteria, deploymentEvaluations, supportRequests } from '../brokerage-schema.ts';
import { changeDeployment } from '../deployments-changes.ts';
import type { SupportRating } from '../deployments-domain.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/**
 * The supported school rates the support and records each criterion's end measure against its baseline;
 * the deployment is then evaluated, and its request closed.
 */
export async function evaluateDeployment(
  ctx: CommandContext,
  input: { deployment: DeploymentRow; rating: SupportRating; comment: string | null; endMeasures: Record<string, string> },
) {
  const d = input.deployment;
  const criteria = await ctx.db.select().from(deploymentCriteria).where(eq(deploymentCriteria.deploymentId, d.id));
  for (const c of criteria) {
    const measure = input.endMeasures[c.id]?.trim();
    if (!measure) throw invalidField(`endMeasure-${c.id}`, `Enter the end measure for “${c.description}”`);
    await ctx.db.update(deploymentCriteria).set({ endMeasure: measure }).where(eq(deploymentCriteria.id, c.id));
  }
  const row = await changeDeployment(ctx, d, 'evaluate');
  const by = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  const values = { schoolRating: input.rating, schoolComment: input.comment, schoolEvaluatedBy: by, schoolEvaluatedAt: new Date() };
  await ctx.db
    .insert(deploymentEvaluations)
    .values({ deploymentId: d.id, ...values })
    .onConflictDoUpdate({ target: deploymentEvaluations.deploymentId, set: values });
  await ctx.db
    .update(supportRequests)
    .set({ status: 'closed', updatedAt: new Date() })
    .where(and(eq(supportRequests.id, d.requestId), eq(supportRequests.status, 'open')));
  return row;
}
