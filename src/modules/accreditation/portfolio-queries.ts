import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { uploads } from '../../kernel/uploads/schema.ts';
import { people } from '../networks/schema.ts';
import { isUuid } from './cohorts-queries.ts';
import type { CoverageClaim, CoverageComment } from './framework-domain.ts';
import {
  lpCandidates,
  lpCohorts,
  lpEvidence,
  lpEvidenceAttachments,
  lpEvidenceLinks,
  lpEvidenceStandards,
  lpFeedback,
  lpMentorAssignments,
  lpPortfolios,
} from './schema.ts';

/** A candidate with their cohort and portfolio: what every portfolio route loads first. */
export async function loadCandidatePortfolio(db: Db, candidateId: string) {
  if (!isUuid(candidateId)) return null;
  const [row] = await db
    .select({ candidate: lpCandidates, cohort: lpCohorts, portfolio: lpPortfolios, fullName: people.fullName })
    .from(lpCandidates)
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId))
    .innerJoin(lpPortfolios, eq(lpPortfolios.candidateId, lpCandidates.id))
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .where(eq(lpCandidates.id, candidateId));
  return row ?? null;
}
export type CandidatePortfolio = NonNullable<Awaited<ReturnType<typeof loadCandidatePortfolio>>>;

/** Whether `personId` mentors (or has mentored) this candidate. */
export async function isMentorOf(db: Db, candidateId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lpMentorAssignments.id })
    .from(lpMentorAssignments)
    .where(and(eq(lpMentorAssignments.candidateId, candidateId), eq(lpMentorAssignments.mentorId, personId)))
    .limit(1);
  return Boolean(row);
}

/** The candidates a person mentors today, across cohorts. */
export async function menteesOf(db: Db, mentorId: string, today: string) {
  return db
    .select({
      candidateId: lpCandidates.id,
      fullName: people.fullName,
      cohortName: lpCohorts.name,
      startsOn: lpMentorAssignments.startsOn,
      endsOn: lpMentorAssignments.endsOn,
    })
    .from(lpMentorAssignments)
    .innerJoin(lpCandidates, eq(lpCandidates.id, lpMentorAssignments.candidateId))
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId))
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .where(
      and(eq(lpMentorAssignments.mentorId, mentorId), lte(lpMentorAssignments.startsOn, today), gte(lpMentorAssignments.endsOn, today)),
    )
    .orderBy(asc(people.fullName));
}

/** The person's own candidacies (a candidate sees their portfolio from here). */
export async function candidaciesOf(db: Db, personId: string) {
  return db
    .select({ candidateId: lpCandidates.id, cohortName: lpCohorts.name, stage: lpCandidates.stage, status: lpPortfolios.status })
    .from(lpCandidates)
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId))
    .innerJoin(lpPortfolios, eq(lpPortfolios.candidateId, lpCandidates.id))
    .where(eq(lpCandidates.personId, personId))
    .orderBy(asc(lpCohorts.startsOn));
}

/** The links of these evidence items. */
export const evidenceLinksOf = (db: Db, evidenceIds: string[]) =>
  db.select().from(lpEvidenceLinks).where(inArray(lpEvidenceLinks.evidenceId, evidenceIds));

/** The attached files of these evidence items, oldest first. */
export const evidenceFilesOf = (db: Db, evidenceIds: string[]) =>
  db
    .select({
      evidenceId: lpEvidenceAttachments.evidenceId,
      id: uploads.id,
      fileName: uploads.fileName,
      sizeBytes: uploads.sizeBytes,
      contentType: uploads.contentType,
    })
    .from(lpEvidenceAttachments)
    .innerJoin(uploads, eq(uploads.id, lpEvidenceAttachments.uploadId))
    .where(inArray(lpEvidenceAttachments.evidenceId, evidenceIds))
    .orderBy(asc(uploads.createdAt));

/** Every evidence item of a portfolio with its claims, links, attachments and feedback, oldest first. */
export async function portfolioEvidence(db: Db, portfolioId: string) {
  const items = await db
    .select()
    .from(lpEvidence)
    .where(eq(lpEvidence.portfolioId, portfolioId))
    .orderBy(asc(lpEvidence.occurredOn), asc(lpEvidence.createdAt));
  const ids = items.map((i) => i.id);
  const none = ids.length === 0;
  const [claims, links, files, feedback] = await Promise.all([
    none ? [] : db.select().from(lpEvidenceStandards).where(inArray(lpEvidenceStandards.evidenceId, ids)),
    none ? [] : evidenceLinksOf(db, ids),
    none ? [] : evidenceFilesOf(db, ids),
    portfolioFeedback(db, portfolioId),
  ]);
  return {
    items: items.map((item) => ({
      ...item,
      claims: claims.filter((c) => c.evidenceId === item.id),
      links: links.filter((l) => l.evidenceId === item.id),
      files: files.filter((f) => f.evidenceId === item.id),
      feedback: feedback.filter((f) => f.evidenceId === item.id),
    })),
    overallFeedback: feedback.filter((f) => f.evidenceId === null),
  };
}
export type EvidenceItem = Awaited<ReturnType<typeof portfolioEvidence>>['items'][number];

export async function portfolioFeedback(db: Db, portfolioId: string) {
  return db
    .select({
      id: lpFeedback.id,
      evidenceId: lpFeedback.evidenceId,
      body: lpFeedback.body,
      createdAt: lpFeedback.createdAt,
      authorName: people.fullName,
    })
    .from(lpFeedback)
    .leftJoin(people, eq(people.id, lpFeedback.authorId))
    .where(eq(lpFeedback.portfolioId, portfolioId))
    .orderBy(asc(lpFeedback.createdAt));
}

/** Claims and comments in the shape the coverage grid takes. */
export function coverageInputs(items: EvidenceItem[]): { claims: CoverageClaim[]; comments: CoverageComment[] } {
  return {
    claims: items.flatMap((i) =>
      i.claims.map((c) => ({
        evidenceId: i.id,
        evidenceTitle: i.title,
        standardId: c.standardId,
        claimedLevel: c.claimedLevel,
        ready: i.readyAt !== null,
      })),
    ),
    comments: items.flatMap((i) => i.feedback.map((f) => ({ evidenceId: i.id, author: f.authorName ?? 'A former mentor', body: f.body }))),
  };
}

/** The attachment with the portfolio it belongs to (for the access check before a download). */
export async function findAttachment(db: Db, uploadId: string) {
  if (!isUuid(uploadId)) return null;
  const [row] = await db
    .select({ upload: uploads, evidenceId: lpEvidence.id, candidateId: lpPortfolios.candidateId })
    .from(lpEvidenceAttachments)
    .innerJoin(uploads, eq(uploads.id, lpEvidenceAttachments.uploadId))
    .innerJoin(lpEvidence, eq(lpEvidence.id, lpEvidenceAttachments.evidenceId))
    .innerJoin(lpPortfolios, eq(lpPortfolios.id, lpEvidence.portfolioId))
    .where(eq(uploads.id, uploadId));
  return row ?? null;
}
