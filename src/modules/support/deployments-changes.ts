import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { CommandContext } from '../../kernel/commands.ts';
import { conflict } from '../../kernel/http/errors.ts';
import { deploymentStatusEvents, deployments } from './brokerage-schema.ts';
import { type DeploymentEvent, deploymentEventLabels, deploymentStatusLabels, eventRefusal, statusAfter } from './deployments-domain.ts';
import { type DeploymentRow, deploymentParties } from './deployments-queries.ts';

type Patch = Partial<typeof deployments.$inferInsert>;

/**
 * Apply `event` to a deployment: the state machine decides, the update only lands if nobody changed the
 * status meanwhile, and the change is written to the timeline and the audit log and mailed to the parties.
 */
export async function changeDeployment(
  ctx: CommandContext,
  d: DeploymentRow,
  event: DeploymentEvent,
  patch: Patch = {},
  note?: string | null,
) {
  const refusal = eventRefusal(d, event);
  if (refusal) throw conflict('status', refusal);
  const to = statusAfter(d, event);
  const [row] = await ctx.db
    .update(deployments)
    .set({ ...patch, status: to, updatedAt: new Date() })
    .where(and(eq(deployments.id, d.id), eq(deployments.status, d.status)))
    .returning();
  if (!row) throw conflict('status', 'Someone else changed this deployment just now: look at it again');
  const actorId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  await ctx.db
    .insert(deploymentStatusEvents)
    .values({ deploymentId: d.id, fromStatus: d.status, toStatus: to, event, actorId, note: note ?? null });
  await recordAudit(ctx.db, ctx.actor, {
    action: `deployment.${event}`,
    subjectType: 'deployment',
    subjectId: d.id,
    networkId: d.networkId,
    detail: { from: d.status, to, ...(note ? { note } : {}) },
  });
  await mailParties(
    ctx,
    d,
    `${deploymentEventLabels[event]}: ${d.leaderName} at ${d.schoolName}`,
    `The deployment is now ${deploymentStatusLabels[to].toLowerCase()}.${note ? `\n\n${note}` : ''}`,
  );
  return row;
}

/** Tell the leader, both schools' leaders and the requester; each gets a link to the deployment. */
export async function mailParties(ctx: CommandContext, d: DeploymentRow, subject: string, body: string) {
  const link = `${ctx.config.appUrl}/networks/${d.networkId}/support/deployments/${d.id}`;
  for (const p of await deploymentParties(ctx.db, d)) {
    await ctx.mailer.send({ to: p.email, subject, text: `Hello ${p.fullName},\n\n${body}\n\nSee the deployment:\n\n${link}\n` });
  }
}
