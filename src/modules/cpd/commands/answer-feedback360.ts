import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { hashSecret } from '../../../kernel/auth/secrets.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { HttpError, invalidField } from '../../../kernel/http/errors.ts';
import { feedback360Raters, feedback360ResponseScores, feedback360Responses, feedback360s } from '../development-schema.ts';
import { listQualities, type QualityRow } from '../leadership-queries.ts';

/** One score (1 to 5) for each quality of the framework, or a message naming the first missing one. */
export function scoresFor(qualities: QualityRow[], scores: Record<string, number>) {
  return qualities.map((q) => {
    const score = scores[q.id];
    if (!score || !Number.isInteger(score) || score < 1 || score > 5) throw invalidField(`score-${q.id}`, `Choose a rating for ${q.name}`);
    return { qualityId: q.id, score };
  });
}

export const linkUsed = () =>
  new HttpError(409, 'This link has already been used', 'Each feedback link works once, and this one has been used.');
export const linkUnknown = () =>
  new HttpError(404, 'This feedback link is not valid', 'Check that you copied the whole link from the email.');
export const feedbackClosed = () =>
  new HttpError(409, 'This 360 is closed', 'The leader has closed this 360, so it takes no more answers.');

/**
 * A rater answers through their link. The link is spent by a conditional update in the same transaction
 * as the answer, so a link used twice (even at once) records one answer. The answer keeps no trace of
 * who gave it: no rater id, and an audit event without the actor.
 */
export async function answerFeedback360(
  ctx: Omit<CommandContext, 'actor'>,
  input: { token: string; scores: Record<string, number>; comment: string | null },
) {
  const [rater] = await ctx.db
    .update(feedback360Raters)
    .set({ respondedAt: new Date() })
    .where(and(eq(feedback360Raters.tokenHash, hashSecret(input.token)), isNull(feedback360Raters.respondedAt)))
    .returning();
  if (!rater) {
    const [known] = await ctx.db
      .select({ id: feedback360Raters.id })
      .from(feedback360Raters)
      .where(eq(feedback360Raters.tokenHash, hashSecret(input.token)));
    throw known ? linkUsed() : linkUnknown();
  }
  const [feedback] = await ctx.db.select().from(feedback360s).where(eq(feedback360s.id, rater.feedbackId));
  if (feedback!.status === 'closed') throw feedbackClosed();
  const rows = scoresFor(await listQualities(ctx.db, feedback!.networkId), input.scores);
  const [response] = await ctx.db.insert(feedback360Responses).values({ feedbackId: feedback!.id, comment: input.comment }).returning();
  await ctx.db.insert(feedback360ResponseScores).values(rows.map((r) => ({ responseId: response!.id, ...r })));
  await recordAudit(ctx.db, null, {
    action: 'feedback360.answered',
    subjectType: 'feedback360',
    subjectId: feedback!.id,
    networkId: feedback!.networkId,
  });
  return { feedback: feedback! };
}
