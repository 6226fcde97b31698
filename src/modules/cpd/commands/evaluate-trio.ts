import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { trios } from '../development-schema.ts';
import type { TrioView } from '../trios-queries.ts';

/** The trio (usually its SLE) records its evaluation of the impact, and may mark the trio finished. */
export async function evaluateTrio(ctx: CommandContext, input: { trio: TrioView; evaluation: string; finished: boolean }) {
  await ctx.db
    .update(trios)
    .set({ evaluation: input.evaluation, evaluatedAt: new Date(), status: input.finished ? 'completed' : input.trio.status })
    .where(eq(trios.id, input.trio.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.evaluated',
    subjectType: 'trio',
    subjectId: input.trio.id,
    networkId: input.trio.networkId,
    detail: { finished: input.finished },
  });
}
