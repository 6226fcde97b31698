import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField, notFound } from '../../../kernel/http/errors.ts';
import { lpEvidence } from '../schema.ts';
import { isGroupMember, sharedItemFor } from '../sharing-queries.ts';
import { addEvidence, type EvidenceInput, type NewFile, type PortfolioRef } from './add-evidence.ts';
import { lockOpenPortfolio } from './evidence-input.ts';

/**
 * The candidate shares one of their items with a small group they belong to (`groupId`), or stops sharing it
 * (null), while the portfolio is open. The database refuses a group the author is not in.
 */
export async function shareEvidence(
  ctx: CommandContext,
  ref: PortfolioRef & { candidateId: string },
  evidenceId: string,
  groupId: string | null,
) {
  await lockOpenPortfolio(ctx, ref.portfolioId);
  const [item] = await ctx.db
    .select()
    .from(lpEvidence)
    .where(and(eq(lpEvidence.id, evidenceId), eq(lpEvidence.portfolioId, ref.portfolioId)));
  if (!item) throw notFound('Evidence');
  if (groupId !== null && !(await isGroupMember(ctx.db, groupId, ref.candidateId)))
    throw invalidField('groupId', 'Choose one of your own small groups');
  if (item.groupId === groupId) return item;
  const [changed] = await ctx.db
    .update(lpEvidence)
    .set({ groupId, updatedAt: new Date() })
    .where(eq(lpEvidence.id, evidenceId))
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: groupId ? 'lp_evidence.shared' : 'lp_evidence.unshared',
    subjectType: 'lp_evidence',
    subjectId: evidenceId,
    networkId: ref.networkId,
    detail: { portfolioId: ref.portfolioId, groupId: groupId ?? item.groupId },
  });
  return changed!;
}

/**
 * A group member puts an item shared with their group into their own portfolio as evidence they took part in:
 * their own copy of its account, with their own standards and levels, remembering which item it came from.
 */
export async function useSharedEvidence(
  ctx: CommandContext,
  ref: PortfolioRef & { candidateId: string },
  sharedId: string,
  input: Omit<EvidenceInput, 'sharedFromId'>,
  files: NewFile[] = [],
) {
  const shared = await sharedItemFor(ctx.db, ref.candidateId, sharedId);
  if (!shared) throw invalidField('sharedFromId', 'That item is no longer shared with your group');
  return addEvidence(ctx, ref, { ...input, sharedFromId: shared.id }, files);
}
