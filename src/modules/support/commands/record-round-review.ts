import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { mailPanel } from '../rounds-mail.ts';
import type { RoundDetail } from '../rounds-queries.ts';
import { designationRoundReviews } from '../rounds-schema.ts';

export interface ReviewInput {
  round: RoundDetail;
  heldOn: string;
  attendees: string;
  notes: string;
  actions: string | null;
}

/** Record the round's review meeting (seed 004: the deployment process from end to end, and feedback). */
export async function recordRoundReview(ctx: CommandContext, input: ReviewInput) {
  const [review] = await ctx.db
    .insert(designationRoundReviews)
    .values({
      roundId: input.round.id,
      heldOn: input.heldOn,
      attendees: input.attendees,
      notes: input.notes,
      actions: input.actions,
      recordedBy: actorPersonId(ctx.actor),
    })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'round.review_recorded',
    subjectType: 'designation_round',
    subjectId: input.round.id,
    networkId: input.round.networkId,
    detail: { reviewId: review!.id, heldOn: input.heldOn },
  });
  const link = `${ctx.config.appUrl}/networks/${input.round.networkId}/rounds/${input.round.id}#reviews`;
  await mailPanel(
    ctx,
    input.round.networkId,
    `Review meeting notes: ${input.round.title}`,
    `Notes of the review meeting on ${input.heldOn} have been recorded.`,
    link,
  );
  return review!;
}
