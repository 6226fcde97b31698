import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { isUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import type { CohortDetail } from '../cohorts-queries.ts';
import { lpCandidates, lpGroupMembers, lpGroups } from '../schema.ts';

/** A small group of the cohort's candidates who collaborate on shared evidence (seed 000). */
export async function createGroup(
  ctx: CommandContext,
  cohort: CohortDetail,
  input: { name: string; focus: string | null; candidateIds: string[] },
) {
  const ids = [...new Set(input.candidateIds)];
  if (ids.length) {
    const found = await ctx.db
      .select({ id: lpCandidates.id })
      .from(lpCandidates)
      .where(and(eq(lpCandidates.cohortId, cohort.id), inArray(lpCandidates.id, ids)));
    if (found.length !== ids.length) throw invalidField('candidateIds', 'Choose candidates of this cohort');
  }
  const [group] = await ctx.db
    .insert(lpGroups)
    .values({ cohortId: cohort.id, name: input.name, focus: input.focus })
    .returning()
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('name', 'The cohort already has a group with that name');
      throw err;
    });
  if (ids.length) await ctx.db.insert(lpGroupMembers).values(ids.map((candidateId) => ({ groupId: group!.id, candidateId })));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_group.created',
    subjectType: 'lp_group',
    subjectId: group!.id,
    networkId: cohort.networkId,
    detail: { cohortId: cohort.id, name: input.name, candidateIds: ids },
  });
  return group!;
}
