import { and, asc, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { uploads } from '../../kernel/uploads/schema.ts';
import { people } from '../networks/schema.ts';
import { isUuid } from './cohorts-queries.ts';
import { evidenceFilesOf, evidenceLinksOf } from './portfolio-queries.ts';
import { lpCandidates, lpEvidence, lpEvidenceAttachments, lpGroupMembers, lpGroups, lpPortfolios } from './schema.ts';

// Evidence shared with a small group (seed 000): who may see it is membership of the group today, so an
// item stops being shared when it is removed or its author leaves (a trigger clears group_id then).

/** The small groups a candidate belongs to. */
export async function groupsOfCandidate(db: Db, candidateId: string) {
  return db
    .select({ id: lpGroups.id, name: lpGroups.name })
    .from(lpGroupMembers)
    .innerJoin(lpGroups, eq(lpGroups.id, lpGroupMembers.groupId))
    .where(eq(lpGroupMembers.candidateId, candidateId))
    .orderBy(asc(lpGroups.name));
}

const viewer = alias(lpGroupMembers, 'viewer');

/** Items other members shared with the candidate's groups, with their author, group, links and files. */
export async function sharedWithCandidate(db: Db, candidateId: string) {
  const items = await db
    .select({
      id: lpEvidence.id,
      title: lpEvidence.title,
      type: lpEvidence.type,
      whatWasDone: lpEvidence.whatWasDone,
      withWhom: lpEvidence.withWhom,
      occurredOn: lpEvidence.occurredOn,
      impact: lpEvidence.impact,
      impactMeasure: lpEvidence.impactMeasure,
      groupId: lpGroups.id,
      groupName: lpGroups.name,
      authorCandidateId: lpCandidates.id,
      authorName: people.fullName,
    })
    .from(lpEvidence)
    .innerJoin(lpGroups, eq(lpGroups.id, lpEvidence.groupId))
    .innerJoin(viewer, and(eq(viewer.groupId, lpEvidence.groupId), eq(viewer.candidateId, candidateId)))
    .innerJoin(lpPortfolios, eq(lpPortfolios.id, lpEvidence.portfolioId))
    .innerJoin(lpCandidates, eq(lpCandidates.id, lpPortfolios.candidateId))
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .where(ne(lpCandidates.id, candidateId))
    .orderBy(asc(lpEvidence.occurredOn), asc(lpEvidence.createdAt));
  const ids = items.map((i) => i.id);
  const [links, files] = ids.length ? await Promise.all([evidenceLinksOf(db, ids), evidenceFilesOf(db, ids)]) : [[], []];
  return items.map((i) => ({
    ...i,
    links: links.filter((l) => l.evidenceId === i.id),
    files: files.filter((f) => f.evidenceId === i.id),
  }));
}
export type SharedItem = Awaited<ReturnType<typeof sharedWithCandidate>>[number];

/** The shared item, if it is shared today with a group the candidate is in (and is not their own). */
export async function sharedItemFor(db: Db, candidateId: string, evidenceId: string) {
  if (!isUuid(evidenceId)) return null;
  return (await sharedWithCandidate(db, candidateId)).find((i) => i.id === evidenceId) ?? null;
}

/** An attachment with the group its item is shared with (null when not shared), for the check before a download. */
export async function findSharedAttachment(db: Db, uploadId: string) {
  if (!isUuid(uploadId)) return null;
  const [row] = await db
    .select({ upload: uploads, groupId: lpEvidence.groupId })
    .from(lpEvidenceAttachments)
    .innerJoin(uploads, eq(uploads.id, lpEvidenceAttachments.uploadId))
    .innerJoin(lpEvidence, eq(lpEvidence.id, lpEvidenceAttachments.evidenceId))
    .where(eq(uploads.id, uploadId));
  return row ?? null;
}

/** Whether the candidate belongs to the group. */
export async function isGroupMember(db: Db, groupId: string, candidateId: string) {
  const [row] = await db
    .select({ g: lpGroupMembers.groupId })
    .from(lpGroupMembers)
    .where(and(eq(lpGroupMembers.groupId, groupId), eq(lpGroupMembers.candidateId, candidateId)));
  return Boolean(row);
}
