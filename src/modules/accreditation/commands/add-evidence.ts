import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { storeUpload, uploadLimitsOf } from '../../../kernel/uploads/store.ts';
import { type Claim, checkClaims, type EvidenceType } from '../evidence-domain.ts';
import type { LoadedFramework } from '../framework-queries.ts';
import { lpEvidence, lpEvidenceAttachments, lpEvidenceLinks, lpEvidenceStandards } from '../schema.ts';
import { lockOpenPortfolio } from './evidence-input.ts';

export interface EvidenceInput {
  title: string;
  whatWasDone: string;
  withWhom: string | null;
  occurredOn: string;
  impact: string;
  impactMeasure: string | null;
  type: EvidenceType;
  claims: Claim[];
  links: { url: string; label: string | null }[];
  /** The group member's item this one was made from (useSharedEvidence checks it is shared with them). */
  sharedFromId?: string | null;
}

export interface PortfolioRef {
  portfolioId: string;
  networkId: string;
  candidatePersonId: string;
  framework: LoadedFramework;
}

export interface NewFile {
  fileName: string;
  bytes: Uint8Array;
}

/** The candidate adds an evidence item mapped to standards at claimed levels, with links and files, while the portfolio is open. */
export async function addEvidence(ctx: CommandContext, ref: PortfolioRef, input: EvidenceInput, files: NewFile[] = []) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  const problem = checkClaims(input.claims, ref.framework);
  if (problem) throw invalidField('claims', problem);
  if (input.occurredOn > new Date().toISOString().slice(0, 10)) throw invalidField('occurredOn', 'The date must be today or in the past');
  const { claims, links, ...fields } = input;
  const [item] = await ctx.db
    .insert(lpEvidence)
    .values({ portfolioId: ref.portfolioId, ...fields })
    .returning();
  await ctx.db
    .insert(lpEvidenceStandards)
    .values(
      claims.map((c) => ({ evidenceId: item!.id, standardId: c.standardId, versionId: ref.framework.versionId, claimedLevel: c.level })),
    );
  if (links.length) await ctx.db.insert(lpEvidenceLinks).values(links.map((l) => ({ evidenceId: item!.id, ...l })));
  for (const file of files) await attach(ctx, ref, item!.id, file);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_evidence.added',
    subjectType: 'lp_evidence',
    subjectId: item!.id,
    networkId: ref.networkId,
    detail: { portfolioId: ref.portfolioId, title: input.title, claims, files: files.length, sharedFromId: input.sharedFromId ?? null },
  });
  return item!;
}

/** Store a checked file (type, size, quota) and attach it to the item. */
export async function attach(ctx: CommandContext, ref: PortfolioRef, evidenceId: string, file: NewFile) {
  const upload = await storeUpload(
    ctx.db,
    {
      ownerId: ref.candidatePersonId,
      networkId: ref.networkId,
      fileName: file.fileName,
      bytes: file.bytes,
    },
    uploadLimitsOf(ctx.config),
  );
  await ctx.db.insert(lpEvidenceAttachments).values({ evidenceId, uploadId: upload.id });
  return upload;
}
