import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { deploymentNotes } from '../brokerage-schema.ts';
import type { DeploymentRow } from '../deployments-queries.ts';

/** A note on a deployment from one of its parties. */
export async function addDeploymentNote(ctx: CommandContext, input: { deployment: DeploymentRow; body: string }) {
  const authorId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  await ctx.db.insert(deploymentNotes).values({ deploymentId: input.deployment.id, authorId, body: input.body });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'deployment.note_added',
    subjectType: 'deployment',
    subjectId: input.deployment.id,
    networkId: input.deployment.networkId,
  });
}
