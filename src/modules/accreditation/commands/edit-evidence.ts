import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import type { Db } from '../../../kernel/db/client.ts';
import { invalidField, notFound } from '../../../kernel/http/errors.ts';
import { uploads } from '../../../kernel/uploads/schema.ts';
import { checkClaims } from '../evidence-domain.ts';
import { lpSubmissions } from '../outcomes-schema.ts';
import { lpEvidence, lpEvidenceAttachments, lpEvidenceLinks, lpEvidenceStandards } from '../schema.ts';
import type { EvidenceInput, PortfolioRef } from './add-evidence.ts';
import { itemOf } from './change-evidence.ts';
import { lockOpenPortfolio } from './evidence-input.ts';

// The candidate changes or removes their evidence while the portfolio is open (draft, or reopened for
// resubmission); both take the portfolio lock first, so a submission cannot slip in between.

/** Change an item's details, claims and links (its files stay; they are added and removed on their own). */
export async function editEvidence(ctx: CommandContext, ref: PortfolioRef, evidenceId: string, input: EvidenceInput) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  await itemOf(ctx, ref, evidenceId);
  const problem = checkClaims(input.claims, ref.framework);
  if (problem) throw invalidField('claims', problem);
  if (input.occurredOn > new Date().toISOString().slice(0, 10)) throw invalidField('occurredOn', 'The date must be today or in the past');
  const { claims, links, ...fields } = input;
  await ctx.db
    .update(lpEvidence)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(lpEvidence.id, evidenceId));
  await ctx.db.delete(lpEvidenceStandards).where(eq(lpEvidenceStandards.evidenceId, evidenceId));
  await ctx.db
    .insert(lpEvidenceStandards)
    .values(claims.map((c) => ({ evidenceId, standardId: c.standardId, versionId: ref.framework.versionId, claimedLevel: c.level })));
  await ctx.db.delete(lpEvidenceLinks).where(eq(lpEvidenceLinks.evidenceId, evidenceId));
  if (links.length) await ctx.db.insert(lpEvidenceLinks).values(links.map((l) => ({ evidenceId, ...l })));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_evidence.changed',
    subjectType: 'lp_evidence',
    subjectId: evidenceId,
    networkId: ref.networkId,
    detail: { portfolioId: ref.portfolioId, title: input.title, claims },
  });
}

/** Remove an item with its claims, links, feedback and files. */
export async function removeEvidence(ctx: CommandContext, ref: PortfolioRef, evidenceId: string) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  const item = await itemOf(ctx, ref, evidenceId);
  const files = await ctx.db
    .select({ id: lpEvidenceAttachments.uploadId })
    .from(lpEvidenceAttachments)
    .where(eq(lpEvidenceAttachments.evidenceId, evidenceId));
  await ctx.db.delete(lpEvidence).where(eq(lpEvidence.id, evidenceId));
  await deleteUnsubmittedFiles(
    ctx.db,
    ref.portfolioId,
    files.map((f) => f.id),
  );
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_evidence.removed',
    subjectType: 'lp_evidence',
    subjectId: evidenceId,
    networkId: ref.networkId,
    detail: { portfolioId: ref.portfolioId, title: item.title, files: files.length },
  });
}

/** Take one file off an item. */
export async function removeEvidenceFile(ctx: CommandContext, ref: PortfolioRef, evidenceId: string, uploadId: string) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  await itemOf(ctx, ref, evidenceId);
  const [link] = await ctx.db
    .delete(lpEvidenceAttachments)
    .where(and(eq(lpEvidenceAttachments.evidenceId, evidenceId), eq(lpEvidenceAttachments.uploadId, uploadId)))
    .returning();
  if (!link) throw notFound('File');
  await deleteUnsubmittedFiles(ctx.db, ref.portfolioId, [uploadId]);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_evidence.file_removed',
    subjectType: 'lp_evidence',
    subjectId: evidenceId,
    networkId: ref.networkId,
    detail: { uploadId },
  });
}

/**
 * Delete the stored files (freeing the candidate's quota) unless an earlier submitted version of the
 * portfolio lists them: its assessor and moderator still read that version.
 */
async function deleteUnsubmittedFiles(db: Db, portfolioId: string, uploadIds: string[]) {
  const unsubmitted = [];
  for (const id of uploadIds) {
    const listed = JSON.stringify([{ files: [{ id }] }]);
    const [kept] = await db
      .select({ id: lpSubmissions.id })
      .from(lpSubmissions)
      .where(and(eq(lpSubmissions.portfolioId, portfolioId), sql`${lpSubmissions.snapshot} @> ${listed}::jsonb`))
      .limit(1);
    if (!kept) unsubmitted.push(id);
  }
  if (unsubmitted.length) await db.delete(uploads).where(inArray(uploads.id, unsubmitted));
}
