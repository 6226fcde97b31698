import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { uploads } from '../../kernel/uploads/schema.ts';
import { people } from '../networks/schema.ts';
import type { StandardJudgement, SubmissionStatus } from './assessment-domain.ts';
import { standardOrder } from './framework-queries.ts';
import { lpAssessments, lpSubmissions } from './outcomes-schema.ts';
import {
  lpCandidates,
  lpCohorts,
  lpEvidence,
  lpEvidenceAttachments,
  lpEvidenceLinks,
  lpEvidenceStandards,
  lpFrameworks,
  lpFrameworkVersions,
  lpLevels,
  lpMentorAssignments,
  lpPortfolios,
  lpStandardGroups,
  lpStandards,
} from './schema.ts';

/** A candidate with what assessment needs: person, cohort, portfolio and the cohort's framework version. */
export async function findCandidate(db: Db, candidateId: string) {
  const [row] = await db
    .select({
      id: lpCandidates.id,
      networkId: lpCandidates.networkId,
      cohortId: lpCandidates.cohortId,
      cohortName: lpCohorts.name,
      cohortNetworkId: lpCohorts.networkId,
      personId: lpCandidates.personId,
      fullName: people.fullName,
      email: people.email,
      schoolUrn: lpCandidates.schoolUrn,
      stage: lpCandidates.stage,
      frameworkVersionId: lpCohorts.frameworkVersionId,
      portfolioId: lpPortfolios.id,
      portfolioStatus: lpPortfolios.status,
      portfolioVersion: lpPortfolios.version,
    })
    .from(lpCandidates)
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId))
    .leftJoin(lpPortfolios, eq(lpPortfolios.candidateId, lpCandidates.id))
    .where(sql`${lpCandidates.id}::text = ${candidateId}`);
  return row ?? null;
}
export type CandidateRow = NonNullable<Awaited<ReturnType<typeof findCandidate>>>;

/** The framework version's name, pass rule, term, standards (in order) and levels. */
export async function frameworkOf(db: Db, versionId: string) {
  const [version] = await db
    .select({
      id: lpFrameworkVersions.id,
      name: lpFrameworks.name,
      version: lpFrameworkVersions.version,
      passMinLevel: lpFrameworkVersions.passMinLevel,
      passMinStandards: lpFrameworkVersions.passMinStandards,
      validityYears: lpFrameworkVersions.validityYears,
    })
    .from(lpFrameworkVersions)
    .innerJoin(lpFrameworks, eq(lpFrameworks.id, lpFrameworkVersions.frameworkId))
    .where(eq(lpFrameworkVersions.id, versionId));
  const standards = await db
    .select({ id: lpStandards.id, code: lpStandards.code, title: lpStandards.title })
    .from(lpStandards)
    .innerJoin(lpStandardGroups, eq(lpStandardGroups.id, lpStandards.groupId))
    .where(eq(lpStandards.versionId, versionId))
    .orderBy(...standardOrder);
  const levels = await db
    .select({ level: lpLevels.level, name: lpLevels.name, description: lpLevels.description })
    .from(lpLevels)
    .where(eq(lpLevels.versionId, versionId))
    .orderBy(asc(lpLevels.level));
  return { ...version!, rule: { minLevel: version!.passMinLevel, minStandards: version!.passMinStandards }, standards, levels };
}
export type FrameworkView = Awaited<ReturnType<typeof frameworkOf>>;

export const passRuleText = (f: FrameworkView) =>
  `Level ${f.passMinLevel} (${f.levels.find((l) => l.level === f.passMinLevel)?.name ?? ''}) or above on at least ${f.passMinStandards} of the ${f.standards.length} standards of ${f.name}.`;

/** A portfolio's evidence with its claims: what a peer reviewer reads and what a submission keeps. */
export async function portfolioEvidence(db: Db, portfolioId: string) {
  const items = await db
    .select({
      id: lpEvidence.id,
      title: lpEvidence.title,
      whatWasDone: lpEvidence.whatWasDone,
      withWhom: lpEvidence.withWhom,
      occurredOn: lpEvidence.occurredOn,
      impact: lpEvidence.impact,
      impactMeasure: lpEvidence.impactMeasure,
      type: lpEvidence.type,
    })
    .from(lpEvidence)
    .where(eq(lpEvidence.portfolioId, portfolioId))
    .orderBy(asc(lpEvidence.occurredOn), asc(lpEvidence.title));
  const claims = items.length
    ? await db
        .select({ evidenceId: lpEvidenceStandards.evidenceId, code: lpStandards.code, claimedLevel: lpEvidenceStandards.claimedLevel })
        .from(lpEvidenceStandards)
        .innerJoin(lpStandards, eq(lpStandards.id, lpEvidenceStandards.standardId))
        .innerJoin(lpStandardGroups, eq(lpStandardGroups.id, lpStandards.groupId))
        .where(
          inArray(
            lpEvidenceStandards.evidenceId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(...standardOrder)
    : [];
  const ids = items.map((i) => i.id);
  const [links, files] = ids.length
    ? await Promise.all([
        db
          .select({ evidenceId: lpEvidenceLinks.evidenceId, url: lpEvidenceLinks.url, label: lpEvidenceLinks.label })
          .from(lpEvidenceLinks)
          .where(inArray(lpEvidenceLinks.evidenceId, ids)),
        db
          .select({
            evidenceId: lpEvidenceAttachments.evidenceId,
            id: uploads.id,
            fileName: uploads.fileName,
            sizeBytes: uploads.sizeBytes,
          })
          .from(lpEvidenceAttachments)
          .innerJoin(uploads, eq(uploads.id, lpEvidenceAttachments.uploadId))
          .where(inArray(lpEvidenceAttachments.evidenceId, ids))
          .orderBy(asc(uploads.createdAt)),
      ])
    : [[], []];
  return items.map((i) => ({
    ...i,
    claims: claims.filter((c) => c.evidenceId === i.id).map((c) => ({ code: c.code, level: c.claimedLevel })),
    links: links.filter((l) => l.evidenceId === i.id).map((l) => ({ url: l.url, label: l.label })),
    /** Attachments by upload id (a submission's snapshot keeps them; its reviewers download them from there). */
    files: files.filter((f) => f.evidenceId === i.id).map((f) => ({ id: f.id, fileName: f.fileName, sizeBytes: f.sizeBytes })),
  }));
}

/** Whether the upload is one of the files a submission's snapshot lists (snapshots from before files were kept list none). */
export function snapshotHasFile(snapshot: EvidenceSnapshot, uploadId: string) {
  return snapshot.some((item) => (item.files ?? []).some((f) => f.id === uploadId));
}
export type EvidenceSnapshot = Awaited<ReturnType<typeof portfolioEvidence>>;

/** People mentoring the candidate at any time (they may not assess them). */
export async function mentorIdsOf(db: Db, candidateId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: lpMentorAssignments.mentorId })
    .from(lpMentorAssignments)
    .where(eq(lpMentorAssignments.candidateId, candidateId));
  return rows.map((r) => r.id);
}

const assessor = sql<string | null>`(select full_name from people where people.id = ${lpSubmissions.assessorId})`;
const moderator = sql<string | null>`(select full_name from people where people.id = ${lpSubmissions.moderatorId})`;

const submissionColumns = {
  id: lpSubmissions.id,
  networkId: lpSubmissions.networkId,
  candidateId: lpSubmissions.candidateId,
  portfolioId: lpSubmissions.portfolioId,
  frameworkVersionId: lpSubmissions.frameworkVersionId,
  portfolioVersion: lpSubmissions.portfolioVersion,
  snapshot: lpSubmissions.snapshot,
  submittedAt: lpSubmissions.submittedAt,
  status: lpSubmissions.status,
  assessorId: lpSubmissions.assessorId,
  assessorName: assessor,
  moderatorId: lpSubmissions.moderatorId,
  moderatorName: moderator,
  moderationNote: lpSubmissions.moderationNote,
  outcome: lpSubmissions.outcome,
  toWorkOn: lpSubmissions.toWorkOn,
  decidedAt: lpSubmissions.decidedAt,
  candidatePersonId: lpCandidates.personId,
  candidateName: people.fullName,
  cohortId: lpCandidates.cohortId,
  cohortName: lpCohorts.name,
};

export async function findSubmission(db: Db, submissionId: string) {
  const [row] = await db
    .select(submissionColumns)
    .from(lpSubmissions)
    .innerJoin(lpCandidates, eq(lpCandidates.id, lpSubmissions.candidateId))
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId))
    .where(sql`${lpSubmissions.id}::text = ${submissionId}`);
  return row ? { ...row, snapshot: row.snapshot as EvidenceSnapshot } : null;
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

/** The candidate's latest submission, if any. */
export async function latestSubmission(db: Db, candidateId: string) {
  const [row] = await db
    .select({ id: lpSubmissions.id })
    .from(lpSubmissions)
    .where(eq(lpSubmissions.candidateId, candidateId))
    .orderBy(desc(lpSubmissions.portfolioVersion))
    .limit(1);
  return row ? findSubmission(db, row.id) : null;
}

export interface SubmissionFilter {
  /** Limit to what this person assesses or moderates, plus (for moderators) what they may sample. */
  forPerson?: { personId: string; mayModerate: boolean };
  status?: SubmissionStatus;
}

/** Submissions of a network, newest first; an assessor sees theirs, a moderator also those open to sampling. */
export async function listSubmissions(db: Db, networkId: string, filter: SubmissionFilter, paging: { page: number; perPage: number }) {
  const conditions: (SQL | undefined)[] = [eq(lpSubmissions.networkId, networkId)];
  if (filter.status) conditions.push(eq(lpSubmissions.status, filter.status));
  if (filter.forPerson) {
    const { personId, mayModerate } = filter.forPerson;
    conditions.push(
      or(
        eq(lpSubmissions.assessorId, personId),
        eq(lpSubmissions.moderatorId, personId),
        mayModerate ? and(inArray(lpSubmissions.status, ['awaiting_assessor', 'in_assessment'])) : undefined,
      ),
    );
  }
  const where = and(...conditions);
  const base = db
    .select(submissionColumns)
    .from(lpSubmissions)
    .innerJoin(lpCandidates, eq(lpCandidates.id, lpSubmissions.candidateId))
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId));
  const [rows, [total]] = await Promise.all([
    base
      .where(where)
      .orderBy(desc(lpSubmissions.submittedAt), asc(lpSubmissions.id))
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage),
    db.select({ n: count() }).from(lpSubmissions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function judgementsOf(db: Db, submissionId: string) {
  return db
    .select({
      standardId: lpAssessments.standardId,
      level: lpAssessments.level,
      feedback: lpAssessments.feedback,
      moderatedLevel: lpAssessments.moderatedLevel,
      overturned: lpAssessments.overturned,
      moderationNote: lpAssessments.moderationNote,
    })
    .from(lpAssessments)
    .where(eq(lpAssessments.submissionId, submissionId));
}
export type JudgementRow = Awaited<ReturnType<typeof judgementsOf>>[number] & StandardJudgement;
