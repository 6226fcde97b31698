import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { deploymentDayLogs } from '../brokerage-schema.ts';
import { changeDeployment } from '../deployments-changes.ts';
import { dayLogRefusal } from '../deployments-domain.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** The leader (or an admin) logs a day or half day worked; the first log starts an agreed deployment. */
export async function logDeploymentDay(
  ctx: CommandContext,
  input: { deployment: DeploymentRow; workedOn: string; halfDays: 1 | 2; activity: string },
) {
  const d = input.deployment;
  const logged = await ctx.db
    .select({ workedOn: deploymentDayLogs.workedOn, halfDays: deploymentDayLogs.halfDays })
    .from(deploymentDayLogs)
    .where(eq(deploymentDayLogs.deploymentId, d.id))
    .for('update');
  const refusal = dayLogRefusal(d, logged, input);
  if (refusal) throw conflict(refusal.path, refusal.message);
  if (d.status === 'agreed') await changeDeployment(ctx, d, 'start');
  const [row] = await ctx.db
    .insert(deploymentDayLogs)
    .values({
      deploymentId: d.id,
      workedOn: input.workedOn,
      halfDays: input.halfDays,
      activity: input.activity,
      loggedBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
    })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'deployment.day_logged',
    subjectType: 'deployment',
    subjectId: d.id,
    networkId: d.networkId,
    detail: { workedOn: input.workedOn, halfDays: input.halfDays },
  });
  return row!;
}
