import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { lpEvidence } from '../schema.ts';
import { attach, type NewFile, type PortfolioRef } from './add-evidence.ts';
import { lockOpenPortfolio } from './evidence-input.ts';

async function itemOf(ctx: CommandContext, ref: PortfolioRef, evidenceId: string) {
  const [item] = await ctx.db
    .select()
    .from(lpEvidence)
    .where(and(eq(lpEvidence.id, evidenceId), eq(lpEvidence.portfolioId, ref.portfolioId)));
  if (!item) throw notFound('Evidence');
  return item;
}

/** Attach a further file to an item of an open portfolio. */
export async function attachEvidenceFile(ctx: CommandContext, ref: PortfolioRef, evidenceId: string, file: NewFile) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  await itemOf(ctx, ref, evidenceId);
  const upload = await attach(ctx, ref, evidenceId, file);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_evidence.file_attached',
    subjectType: 'lp_evidence',
    subjectId: evidenceId,
    networkId: ref.networkId,
    detail: { uploadId: upload.id, fileName: upload.fileName, contentType: upload.contentType, sizeBytes: upload.sizeBytes },
  });
  return upload;
}

/** The candidate marks an item ready for assessment (or takes the mark back) while the portfolio is open. */
export async function markEvidenceReady(ctx: CommandContext, ref: PortfolioRef, evidenceId: string, ready: boolean) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  await itemOf(ctx, ref, evidenceId);
  await ctx.db
    .update(lpEvidence)
    .set({ readyAt: ready ? new Date() : null, updatedAt: new Date() })
    .where(eq(lpEvidence.id, evidenceId));
  await recordAudit(ctx.db, ctx.actor, {
    action: ready ? 'lp_evidence.marked_ready' : 'lp_evidence.unmarked_ready',
    subjectType: 'lp_evidence',
    subjectId: evidenceId,
    networkId: ref.networkId,
  });
}

export { itemOf };
