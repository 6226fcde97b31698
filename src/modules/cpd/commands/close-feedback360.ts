import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { feedback360s } from '../development-schema.ts';
import type { FeedbackRow } from '../feedback360-queries.ts';

/** The leader closes their 360: unused links stop working and the report stops changing. */
export async function closeFeedback360(ctx: CommandContext, input: { feedback: FeedbackRow }) {
  if (input.feedback.status === 'closed') return;
  await ctx.db.update(feedback360s).set({ status: 'closed' }).where(eq(feedback360s.id, input.feedback.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'feedback360.closed',
    subjectType: 'feedback360',
    subjectId: input.feedback.id,
    networkId: input.feedback.networkId,
  });
}
