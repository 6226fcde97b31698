import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { reviewVisits } from '../development-schema.ts';
import type { ReviewVisitRow } from '../peer-review-queries.ts';

export interface VisitRecord {
  visitOn: string | null;
  focus: string | null;
  findings: string | null;
  agreedActions: string | null;
}

/** A member of the group records the visit: its date, focus, findings and the actions agreed with the head. */
export async function recordReviewVisit(ctx: CommandContext, input: { visit: ReviewVisitRow } & VisitRecord) {
  const { visit, ...values } = input;
  await ctx.db.update(reviewVisits).set(values).where(eq(reviewVisits.id, visit.id));
  // The audit names the visit, not what was found: findings stay within the group.
  await recordAudit(ctx.db, ctx.actor, {
    action: 'peer_review.visit_recorded',
    subjectType: 'review_visit',
    subjectId: visit.id,
    networkId: visit.networkId,
    detail: { groupId: visit.groupId, visitOn: values.visitOn },
  });
}
