import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { people } from '../../networks/schema.ts';
import { lpPeerReviews } from '../outcomes-schema.ts';
import { type Checklist, checklistGaps, checklistQuestions } from '../review-domain.ts';
import type { ReviewRow } from '../review-queries.ts';

export interface PeerReviewInput {
  review: ReviewRow;
  checklist: Checklist;
  strengths: string;
  suggestions: string | null;
}

/** The reviewer completes the checklist; the candidate reviewed is told what to look at before submitting. */
export async function completePeerReview(ctx: CommandContext, input: PeerReviewInput) {
  const { review } = input;
  const changed = await ctx.db
    .update(lpPeerReviews)
    .set({
      status: 'completed',
      checklist: input.checklist,
      strengths: input.strengths,
      suggestions: input.suggestions,
      completedAt: new Date(),
    })
    .where(and(eq(lpPeerReviews.id, review.id), eq(lpPeerReviews.status, 'assigned')))
    .returning({ id: lpPeerReviews.id });
  if (changed.length === 0) throw conflict('strengths', 'This peer review has already been completed');
  const gaps = checklistGaps(input.checklist);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.peer_review.completed',
    subjectType: 'lp_peer_review',
    subjectId: review.id,
    networkId: review.revieweeNetworkId,
    detail: { reviewerId: review.reviewerId, revieweeId: review.revieweeId, gaps },
  });
  const [reviewee] = await ctx.db.select({ email: people.email }).from(people).where(eq(people.id, review.revieweePersonId));
  const questions = new Map(checklistQuestions.map((q) => [q.key, q.text]));
  await ctx.mailer.send({
    to: reviewee!.email,
    subject: 'Your portfolio has been peer reviewed',
    text: `${review.reviewerName} has peer reviewed your Lead Practitioner portfolio.\n\n${
      gaps.length
        ? `Worth another look before you submit:\n${gaps.map((g) => `- ${questions.get(g)}`).join('\n')}`
        : 'Every point of the checklist was met.'
    }\n\nRead the whole review in Alliance: ${ctx.config.appUrl}/networks/${review.revieweeNetworkId}/accreditation/peer-reviews/${review.id}`,
  });
}
