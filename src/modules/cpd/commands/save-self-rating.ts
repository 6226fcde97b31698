import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { feedback360SelfScores, feedback360s } from '../development-schema.ts';
import type { FeedbackRow } from '../feedback360-queries.ts';
import { listQualities } from '../leadership-queries.ts';
import { scoresFor } from './answer-feedback360.ts';

/** The leader rates themself on every quality; the 360 then opens for raters. */
export async function saveSelfRating(ctx: CommandContext, input: { feedback: FeedbackRow; scores: Record<string, number> }) {
  if (input.feedback.status === 'closed') throw conflict('feedback', 'This 360 is closed');
  const qualities = await listQualities(ctx.db, input.feedback.networkId);
  const rows = scoresFor(qualities, input.scores);
  await ctx.db.delete(feedback360SelfScores).where(eq(feedback360SelfScores.feedbackId, input.feedback.id));
  await ctx.db.insert(feedback360SelfScores).values(rows.map((r) => ({ feedbackId: input.feedback.id, ...r })));
  await ctx.db.update(feedback360s).set({ status: 'open' }).where(eq(feedback360s.id, input.feedback.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'feedback360.self_rated',
    subjectType: 'feedback360',
    subjectId: input.feedback.id,
    networkId: input.feedback.networkId,
  });
}
