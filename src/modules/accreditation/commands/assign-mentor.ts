import { and, eq, gte, lte } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { grantRole } from '../../networks/commands/grant-role.ts';
import { memberships } from '../../networks/schema.ts';
import type { CohortDetail } from '../cohorts-queries.ts';
import { exceedsMentorLimit, type MentorLoad } from '../mentors-domain.ts';
import { lpCandidates, lpCohorts, lpMentorAssignments } from '../schema.ts';

export interface MentorPairing {
  candidateId: string;
  mentorId: string;
  startsOn: string;
  endsOn: string;
}

/**
 * Confirm mentor pairings (one, or a whole proposed rotation). Each pairing replaces the candidate's
 * mentoring over its dates; no mentor may go past the cohort's limit on any day. The cohort row is locked
 * first, so two managers confirming at once cannot together exceed a limit.
 */
export async function assignMentors(ctx: CommandContext, cohort: CohortDetail, pairings: MentorPairing[]) {
  await ctx.db.select({ id: lpCohorts.id }).from(lpCohorts).where(eq(lpCohorts.id, cohort.id)).for('update');
  const candidates = await ctx.db.select().from(lpCandidates).where(eq(lpCandidates.cohortId, cohort.id));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const networkIds = cohort.networks.map((n) => n.id);
  for (const p of pairings) {
    const candidate = byId.get(p.candidateId);
    if (!candidate) throw invalidField('candidateId', 'Choose a candidate of this cohort');
    if (p.mentorId === candidate.personId) throw invalidField('mentorId', 'A candidate cannot mentor themselves');
    if (p.endsOn < p.startsOn) throw invalidField('endsOn', 'The end date must be on or after the start date');
    if (p.startsOn < cohort.startsOn || p.endsOn > cohort.endsOn)
      throw invalidField('startsOn', 'Mentoring must fall within the cohort’s dates');
  }
  // Each candidate's new pairings replace whatever they had over the same dates.
  for (const p of pairings) {
    await ctx.db
      .delete(lpMentorAssignments)
      .where(
        and(
          eq(lpMentorAssignments.candidateId, p.candidateId),
          lte(lpMentorAssignments.startsOn, p.endsOn),
          gte(lpMentorAssignments.endsOn, p.startsOn),
        ),
      );
  }
  const existing: MentorLoad[] = await ctx.db
    .select({
      mentorId: lpMentorAssignments.mentorId,
      candidateId: lpMentorAssignments.candidateId,
      startsOn: lpMentorAssignments.startsOn,
      endsOn: lpMentorAssignments.endsOn,
    })
    .from(lpMentorAssignments)
    .where(eq(lpMentorAssignments.cohortId, cohort.id));
  for (const p of pairings) {
    if (exceedsMentorLimit(existing, p, cohort.maxMenteesPerMentor)) {
      throw conflict(
        'mentorId',
        `This mentor already has ${cohort.maxMenteesPerMentor} candidates over those dates, the most this cohort allows`,
      );
    }
    existing.push(p);
  }
  for (const p of pairings) {
    const homes = await ctx.db.select({ networkId: memberships.networkId }).from(memberships).where(eq(memberships.personId, p.mentorId));
    const home = networkIds.find((id) => homes.some((h) => h.networkId === id));
    if (!home) throw invalidField('mentorId', 'Choose a mentor from a network taking part in this cohort');
    await grantRole(ctx, { networkId: home, personId: p.mentorId, role: 'mentor' });
  }
  if (pairings.length) {
    await ctx.db
      .insert(lpMentorAssignments)
      .values(pairings.map((p) => ({ cohortId: cohort.id, ...p, confirmedBy: actorPersonId(ctx.actor) })));
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_mentors.assigned',
    subjectType: 'lp_cohort',
    subjectId: cohort.id,
    networkId: cohort.networkId,
    detail: { pairings },
  });
}
