import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { type CandidateRow, portfolioEvidence } from '../assessment-queries.ts';
import { lpPeerReviews, lpSubmissions } from '../outcomes-schema.ts';
import { isPortfolioOpen, portfolioStatusLabels } from '../portfolio-domain.ts';
import { lpCandidates, lpPortfolios } from '../schema.ts';

/**
 * The candidate submits their portfolio: its version is locked (status submitted, no more evidence
 * changes) and a submission keeps the evidence and claims as they were. A candidate paired for peer
 * review completes their review first.
 */
export async function submitPortfolio(ctx: CommandContext, input: { candidate: CandidateRow }) {
  const { candidate } = input;
  if (!candidate.portfolioId || !candidate.portfolioStatus)
    throw conflict('portfolio', 'Add evidence to your portfolio before submitting it');
  if (!isPortfolioOpen(candidate.portfolioStatus)) {
    throw conflict('portfolio', `The portfolio is already ${portfolioStatusLabels[candidate.portfolioStatus].toLowerCase()}`);
  }
  const [pending] = await ctx.db
    .select({ id: lpPeerReviews.id })
    .from(lpPeerReviews)
    .where(and(eq(lpPeerReviews.reviewerId, candidate.id), eq(lpPeerReviews.status, 'assigned')));
  if (pending) throw conflict('portfolio', 'Complete your peer review of a colleague’s portfolio before submitting your own');
  const evidence = await portfolioEvidence(ctx.db, candidate.portfolioId);
  if (evidence.length === 0) throw conflict('portfolio', 'Add evidence to your portfolio before submitting it');
  // Only from an open status: two submissions at once lock it once.
  const locked = await ctx.db
    .update(lpPortfolios)
    .set({ status: 'submitted', submittedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(lpPortfolios.id, candidate.portfolioId), inArray(lpPortfolios.status, ['draft', 'resubmit'])))
    .returning({ version: lpPortfolios.version });
  if (locked.length === 0) throw conflict('portfolio', 'The portfolio has already been submitted');
  const [submission] = await ctx.db
    .insert(lpSubmissions)
    .values({
      portfolioId: candidate.portfolioId,
      candidateId: candidate.id,
      networkId: candidate.networkId,
      frameworkVersionId: candidate.frameworkVersionId,
      portfolioVersion: locked[0]!.version,
      snapshot: evidence,
    })
    .returning();
  await ctx.db.update(lpCandidates).set({ stage: 'submitted' }).where(eq(lpCandidates.id, candidate.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.portfolio.submitted',
    subjectType: 'lp_submission',
    subjectId: submission!.id,
    networkId: candidate.networkId,
    detail: { candidateId: candidate.id, portfolioVersion: locked[0]!.version, evidenceItems: evidence.length },
  });
  return submission!;
}
