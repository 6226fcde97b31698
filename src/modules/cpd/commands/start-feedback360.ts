import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { feedback360s } from '../development-schema.ts';
import { countQualities } from '../leadership-queries.ts';

/** A leader starts a 360 on themself against the network's current framework. */
export async function startFeedback360(ctx: CommandContext, input: { networkId: string; title: string }) {
  const leaderId = actorPersonId(ctx.actor);
  if (!leaderId) throw invalidField('leaderId', 'Only a person can start a 360 on themself');
  if ((await countQualities(ctx.db, input.networkId)) === 0)
    throw conflict('title', 'The network has no leadership framework yet: ask a network admin to set one up');
  const [row] = await ctx.db.insert(feedback360s).values({ networkId: input.networkId, leaderId, title: input.title }).returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'feedback360.started',
    subjectType: 'feedback360',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { title: input.title },
  });
  return row!;
}
