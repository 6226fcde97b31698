import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { lpFeedback } from '../schema.ts';
import type { PortfolioRef } from './add-evidence.ts';
import { itemOf } from './change-evidence.ts';

/** A mentor's feedback on one evidence item, or on the whole portfolio when no item is given. */
export async function giveFeedback(ctx: CommandContext, ref: PortfolioRef, input: { evidenceId: string | null; body: string }) {
  if (input.evidenceId) await itemOf(ctx, ref, input.evidenceId);
  const [row] = await ctx.db
    .insert(lpFeedback)
    .values({ portfolioId: ref.portfolioId, evidenceId: input.evidenceId, authorId: actorPersonId(ctx.actor), body: input.body })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_feedback.given',
    subjectType: input.evidenceId ? 'lp_evidence' : 'lp_portfolio',
    subjectId: input.evidenceId ?? ref.portfolioId,
    networkId: ref.networkId,
    detail: { feedbackId: row!.id },
  });
  return row!;
}
