import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { isUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { grantRole } from '../../networks/commands/grant-role.ts';
import { memberships, people } from '../../networks/schema.ts';
import type { CohortDetail } from '../cohorts-queries.ts';
import { lpCandidates, lpPortfolios } from '../schema.ts';

export interface EnrolCandidateInput {
  personId: string;
  headConsentName: string;
  headConsentOn: string;
}

/**
 * Enrol a member of one of the cohort's networks, with their head's consent on record; they get an empty
 * draft portfolio and the LP candidate role in their own network.
 */
export async function enrolCandidate(ctx: CommandContext, cohort: CohortDetail, input: EnrolCandidateInput) {
  const cohortNetworks = cohort.networks.map((n) => n.id);
  const homes = await ctx.db.select({ networkId: memberships.networkId }).from(memberships).where(eq(memberships.personId, input.personId));
  // The candidate's own network: the cohort's owner if they belong to it, else the partner they belong to.
  const networkId = [cohort.networkId, ...cohortNetworks].find((id) => homes.some((h) => h.networkId === id));
  if (!networkId) throw invalidField('personId', 'Choose a member of a network taking part in this cohort');
  if (input.headConsentOn > new Date().toISOString().slice(0, 10)) {
    throw invalidField('headConsentOn', 'The date of consent must be today or in the past');
  }
  const [person] = await ctx.db.select({ schoolUrn: people.schoolUrn }).from(people).where(eq(people.id, input.personId));
  const [candidate] = await ctx.db
    .insert(lpCandidates)
    .values({
      cohortId: cohort.id,
      networkId,
      personId: input.personId,
      schoolUrn: person?.schoolUrn ?? null,
      headConsentName: input.headConsentName,
      headConsentOn: input.headConsentOn,
    })
    .returning()
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('personId', 'This person is already enrolled in the cohort');
      throw err;
    });
  await ctx.db.insert(lpPortfolios).values({ candidateId: candidate!.id });
  await grantRole(ctx, { networkId, personId: input.personId, role: 'lp_candidate' });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_candidate.enrolled',
    subjectType: 'lp_candidate',
    subjectId: candidate!.id,
    networkId,
    detail: { cohortId: cohort.id, personId: input.personId, headConsentName: input.headConsentName, headConsentOn: input.headConsentOn },
  });
  return candidate!;
}

export async function findCandidateInCohort(ctx: CommandContext, cohortId: string, candidateId: string) {
  const [row] = await ctx.db
    .select()
    .from(lpCandidates)
    .where(and(eq(lpCandidates.id, candidateId), eq(lpCandidates.cohortId, cohortId)));
  return row ?? null;
}
