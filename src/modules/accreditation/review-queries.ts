import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { people } from '../networks/schema.ts';
import { lpPeerReviews } from './outcomes-schema.ts';
import { lpCandidates, lpCohorts } from './schema.ts';

/** A cohort, if it exists (with its owning network and framework version). */
export async function findCohort(db: Db, cohortId: string) {
  const [row] = await db
    .select({ id: lpCohorts.id, name: lpCohorts.name, networkId: lpCohorts.networkId, frameworkVersionId: lpCohorts.frameworkVersionId })
    .from(lpCohorts)
    .where(sql`${lpCohorts.id}::text = ${cohortId}`);
  return row ?? null;
}
export type CohortRow = NonNullable<Awaited<ReturnType<typeof findCohort>>>;

/** The cohort's candidates still taking part, by name. */
export async function cohortCandidates(db: Db, cohortId: string) {
  return db
    .select({
      id: lpCandidates.id,
      personId: lpCandidates.personId,
      fullName: people.fullName,
      email: people.email,
      schoolUrn: lpCandidates.schoolUrn,
    })
    .from(lpCandidates)
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .where(and(eq(lpCandidates.cohortId, cohortId), ne(lpCandidates.stage, 'withdrawn')))
    .orderBy(asc(people.fullName));
}

const reviewer = alias(lpCandidates, 'reviewer');
const reviewee = alias(lpCandidates, 'reviewee');
const reviewerPerson = alias(people, 'reviewer_person');
const revieweePerson = alias(people, 'reviewee_person');

const reviewColumns = {
  id: lpPeerReviews.id,
  cohortId: lpPeerReviews.cohortId,
  status: lpPeerReviews.status,
  checklist: lpPeerReviews.checklist,
  strengths: lpPeerReviews.strengths,
  suggestions: lpPeerReviews.suggestions,
  completedAt: lpPeerReviews.completedAt,
  reviewerId: lpPeerReviews.reviewerId,
  reviewerNetworkId: reviewer.networkId,
  reviewerPersonId: reviewer.personId,
  reviewerName: reviewerPerson.fullName,
  revieweeId: lpPeerReviews.revieweeId,
  revieweeNetworkId: reviewee.networkId,
  revieweePersonId: reviewee.personId,
  revieweeName: revieweePerson.fullName,
};

function reviewsQuery(db: Db) {
  return db
    .select(reviewColumns)
    .from(lpPeerReviews)
    .innerJoin(reviewer, eq(reviewer.id, lpPeerReviews.reviewerId))
    .innerJoin(reviewerPerson, eq(reviewerPerson.id, reviewer.personId))
    .innerJoin(reviewee, eq(reviewee.id, lpPeerReviews.revieweeId))
    .innerJoin(revieweePerson, eq(revieweePerson.id, reviewee.personId));
}

export async function findReview(db: Db, reviewId: string) {
  const [row] = await reviewsQuery(db).where(sql`${lpPeerReviews.id}::text = ${reviewId}`);
  return row ?? null;
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

export const cohortReviews = (db: Db, cohortId: string) =>
  reviewsQuery(db).where(eq(lpPeerReviews.cohortId, cohortId)).orderBy(asc(reviewerPerson.fullName));

/** Reviews a candidate gives or receives (by candidate ids). */
export const reviewsOfCandidates = (db: Db, candidateIds: string[]) =>
  candidateIds.length
    ? reviewsQuery(db).where(sql`${lpPeerReviews.reviewerId} in ${candidateIds} or ${lpPeerReviews.revieweeId} in ${candidateIds}`)
    : Promise.resolve([]);

/** The candidacies of a person in a network (a person may be a candidate in more than one cohort over time). */
export async function candidaciesOf(db: Db, networkId: string, personId: string) {
  return db
    .select({ id: lpCandidates.id, cohortId: lpCandidates.cohortId, cohortName: lpCohorts.name, stage: lpCandidates.stage })
    .from(lpCandidates)
    .innerJoin(lpCohorts, eq(lpCohorts.id, lpCandidates.cohortId))
    .where(and(eq(lpCandidates.networkId, networkId), eq(lpCandidates.personId, personId)))
    .orderBy(asc(lpCohorts.startsOn));
}

export async function candidatesById(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: lpCandidates.id, stage: lpCandidates.stage }).from(lpCandidates).where(inArray(lpCandidates.id, ids));
}
