import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { standardOrder } from './framework-queries.ts';
import { lpCertificates, lpSubmissions, lpSupportDays } from './outcomes-schema.ts';
import {
  lpAttendance,
  lpCandidates,
  lpCohorts,
  lpEvidence,
  lpEvidenceStandards,
  lpMeetings,
  lpPortfolios,
  lpStandardGroups,
  lpStandards,
} from './schema.ts';

export const cohortsOf = (db: Db, networkId: string) =>
  db
    .select({ id: lpCohorts.id, name: lpCohorts.name, frameworkVersionId: lpCohorts.frameworkVersionId })
    .from(lpCohorts)
    .where(eq(lpCohorts.networkId, networkId))
    .orderBy(asc(lpCohorts.startsOn));

/** Candidates of a cohort by stage. */
export const candidatesByStage = (db: Db, cohortId: string) =>
  db
    .select({ stage: lpCandidates.stage, n: count() })
    .from(lpCandidates)
    .where(eq(lpCandidates.cohortId, cohortId))
    .groupBy(lpCandidates.stage);

/** Each meeting of a cohort with how many were present, sent apologies or were absent. */
export const meetingAttendance = (db: Db, cohortId: string) =>
  db
    .select({
      heldOn: lpMeetings.heldOn,
      title: lpMeetings.title,
      present: sql<number>`count(*) filter (where ${lpAttendance.status} = 'present')::int`,
      apologies: sql<number>`count(*) filter (where ${lpAttendance.status} = 'apologies')::int`,
      absent: sql<number>`count(*) filter (where ${lpAttendance.status} = 'absent')::int`,
    })
    .from(lpMeetings)
    .leftJoin(lpAttendance, eq(lpAttendance.meetingId, lpMeetings.id))
    .where(eq(lpMeetings.cohortId, cohortId))
    .groupBy(lpMeetings.id, lpMeetings.heldOn, lpMeetings.title)
    .orderBy(asc(lpMeetings.heldOn));

/**
 * Per standard of the cohort's framework: how many candidates have any evidence claimed against it, and
 * how many claim the pass level or above (from their highest claim).
 */
export async function coverageByStandard(db: Db, cohortId: string, versionId: string, passLevel: number) {
  const highest = db
    .select({
      candidateId: lpPortfolios.candidateId,
      standardId: lpEvidenceStandards.standardId,
      top: sql<number>`max(${lpEvidenceStandards.claimedLevel})`.as('top'),
    })
    .from(lpEvidenceStandards)
    .innerJoin(lpEvidence, eq(lpEvidence.id, lpEvidenceStandards.evidenceId))
    .innerJoin(lpPortfolios, eq(lpPortfolios.id, lpEvidence.portfolioId))
    .innerJoin(lpCandidates, eq(lpCandidates.id, lpPortfolios.candidateId))
    .where(eq(lpCandidates.cohortId, cohortId))
    .groupBy(lpPortfolios.candidateId, lpEvidenceStandards.standardId)
    .as('highest');
  return db
    .select({
      code: lpStandards.code,
      title: lpStandards.title,
      evidenced: sql<number>`count(${highest.candidateId})::int`,
      atPassLevel: sql<number>`count(${highest.candidateId}) filter (where ${highest.top} >= ${passLevel})::int`,
    })
    .from(lpStandards)
    .innerJoin(lpStandardGroups, eq(lpStandardGroups.id, lpStandards.groupId))
    .leftJoin(highest, eq(highest.standardId, lpStandards.id))
    .where(eq(lpStandards.versionId, versionId))
    .groupBy(lpStandards.id, lpStandards.code, lpStandards.title, lpStandards.position, lpStandardGroups.position)
    .orderBy(...standardOrder);
}

/** Decided submissions of a cohort: how many accredited, how many asked to resubmit. */
export async function outcomesOf(db: Db, cohortId: string) {
  const [row] = await db
    .select({
      decided: sql<number>`count(*) filter (where ${lpSubmissions.status} = 'decided')::int`,
      accredited: sql<number>`count(*) filter (where ${lpSubmissions.outcome} = 'accredited')::int`,
      resubmit: sql<number>`count(*) filter (where ${lpSubmissions.outcome} = 'resubmit')::int`,
    })
    .from(lpSubmissions)
    .innerJoin(lpCandidates, eq(lpCandidates.id, lpSubmissions.candidateId))
    .where(eq(lpCandidates.cohortId, cohortId));
  return row ?? { decided: 0, accredited: 0, resubmit: 0 };
}

/** Each certificate of the network with the support days logged in one academic year. */
export const supportAgainstCommitment = (db: Db, networkId: string, academicYear: number) =>
  db
    .select({
      holderName: lpCertificates.holderName,
      issuedOn: lpCertificates.issuedOn,
      expiresOn: lpCertificates.expiresOn,
      days: sql<string>`coalesce(sum(${lpSupportDays.days}), 0)`,
    })
    .from(lpCertificates)
    .leftJoin(lpSupportDays, and(eq(lpSupportDays.certificateId, lpCertificates.id), eq(lpSupportDays.academicYear, academicYear)))
    .where(eq(lpCertificates.networkId, networkId))
    .groupBy(lpCertificates.id, lpCertificates.holderName, lpCertificates.issuedOn, lpCertificates.expiresOn)
    .orderBy(asc(lpCertificates.holderName));
