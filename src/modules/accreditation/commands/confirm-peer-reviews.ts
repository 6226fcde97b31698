import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, HttpError } from '../../../kernel/http/errors.ts';
import { lpPeerReviews } from '../outcomes-schema.ts';
import { type Pairing, pairingIssues } from '../review-domain.ts';
import { type CohortRow, cohortCandidates } from '../review-queries.ts';
import { lpCandidates } from '../schema.ts';

/**
 * The manager confirms who peer reviews whom (usually Alliance's proposal): replaces the cohort's
 * pairings while no review has been completed, moves candidates to the peer-review stage and tells
 * each reviewer whose portfolio they have.
 */
export async function confirmPeerReviews(ctx: CommandContext, input: { cohort: CohortRow; pairings: Pairing[] }) {
  const { cohort } = input;
  const candidates = await cohortCandidates(ctx.db, cohort.id);
  const names = new Map(candidates.map((c) => [c.id, c.fullName]));
  const issues = pairingIssues(
    candidates.map((c) => c.id),
    input.pairings,
    names,
  );
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  const done = await ctx.db
    .select({ id: lpPeerReviews.id })
    .from(lpPeerReviews)
    .where(and(eq(lpPeerReviews.cohortId, cohort.id), eq(lpPeerReviews.status, 'completed')))
    .limit(1);
  if (done.length) throw conflict('pairings', 'Peer reviews have been completed in this cohort: its pairings can no longer change');
  await ctx.db.delete(lpPeerReviews).where(eq(lpPeerReviews.cohortId, cohort.id));
  if (input.pairings.length) {
    await ctx.db.insert(lpPeerReviews).values(input.pairings.map((p) => ({ cohortId: cohort.id, ...p, assignedBy: actorId(ctx) })));
    await ctx.db
      .update(lpCandidates)
      .set({ stage: 'peer_review' })
      .where(
        and(
          inArray(
            lpCandidates.id,
            input.pairings.map((p) => p.reviewerId),
          ),
          inArray(lpCandidates.stage, ['enrolled', 'building']),
        ),
      );
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.peer_reviews.confirmed',
    subjectType: 'lp_cohort',
    subjectId: cohort.id,
    networkId: cohort.networkId,
    detail: { pairings: input.pairings },
  });
  const emails = new Map(candidates.map((c) => [c.id, c.email]));
  for (const p of input.pairings) {
    await ctx.mailer.send({
      to: emails.get(p.reviewerId)!,
      subject: `Peer review: ${names.get(p.revieweeId)}'s portfolio`,
      text: `You have been asked to peer review ${names.get(p.revieweeId)}'s Lead Practitioner portfolio in ${cohort.name} before it is submitted.\n\nSign in to Alliance and open the cohort's peer reviews to read the portfolio and complete the checklist.\n\n${ctx.config.appUrl}/networks/${cohort.networkId}/accreditation/peer-reviews`,
    });
  }
}

const actorId = (ctx: CommandContext) => (ctx.actor.kind === 'person' ? ctx.actor.personId : null);
