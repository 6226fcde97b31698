import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { memberships, people, schools } from '../networks/schema.ts';
import { reviewGroupMembers, reviewGroups, reviewVisits } from './development-schema.ts';

export type ReviewGroupRow = typeof reviewGroups.$inferSelect;
export type ReviewVisitRow = typeof reviewVisits.$inferSelect;

const isMemberOf = (personId: string) =>
  sql`exists (select 1 from ${reviewGroupMembers} where ${reviewGroupMembers.groupId} = ${reviewGroups.id} and ${reviewGroupMembers.personId} = ${personId})`;

/** Review groups of the network: all of them (the admin), or only those `memberId` belongs to. */
export async function listGroups(db: Db, networkId: string, memberId: string | null, page: { page: number; perPage: number }) {
  const where = and(eq(reviewGroups.networkId, networkId), memberId ? isMemberOf(memberId) : undefined);
  const rows = await db
    .select()
    .from(reviewGroups)
    .where(where)
    .orderBy(asc(sql`lower(${reviewGroups.name})`), asc(reviewGroups.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(reviewGroups).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findGroup(db: Db, id: string): Promise<ReviewGroupRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(reviewGroups).where(eq(reviewGroups.id, id));
  return row ?? null;
}

export async function groupMembers(db: Db, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({
      groupId: reviewGroupMembers.groupId,
      personId: reviewGroupMembers.personId,
      fullName: people.fullName,
      schoolUrn: reviewGroupMembers.schoolUrn,
      schoolName: schools.name,
      position: reviewGroupMembers.position,
    })
    .from(reviewGroupMembers)
    .innerJoin(people, eq(people.id, reviewGroupMembers.personId))
    .innerJoin(schools, eq(schools.urn, reviewGroupMembers.schoolUrn))
    .where(inArray(reviewGroupMembers.groupId, groupIds))
    .orderBy(asc(reviewGroupMembers.position));
}

const reviewed = alias(people, 'reviewed');
const lead = alias(people, 'lead');

export async function groupVisits(db: Db, groupId: string) {
  return db
    .select({
      id: reviewVisits.id,
      cycle: reviewVisits.cycle,
      reviewedId: reviewVisits.reviewedId,
      reviewedName: reviewed.fullName,
      schoolName: schools.name,
      leadName: lead.fullName,
      visitOn: reviewVisits.visitOn,
      focus: reviewVisits.focus,
      findings: reviewVisits.findings,
      agreedActions: reviewVisits.agreedActions,
    })
    .from(reviewVisits)
    .innerJoin(reviewed, eq(reviewed.id, reviewVisits.reviewedId))
    .innerJoin(lead, eq(lead.id, reviewVisits.leadReviewerId))
    .innerJoin(schools, eq(schools.urn, reviewVisits.schoolUrn))
    .where(eq(reviewVisits.groupId, groupId))
    .orderBy(asc(reviewVisits.cycle), sql`${reviewVisits.visitOn} nulls last`, asc(reviewed.fullName));
}

export async function findVisit(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ visit: reviewVisits, reviewedName: reviewed.fullName, leadName: lead.fullName, schoolName: schools.name })
    .from(reviewVisits)
    .innerJoin(reviewed, eq(reviewed.id, reviewVisits.reviewedId))
    .innerJoin(lead, eq(lead.id, reviewVisits.leadReviewerId))
    .innerJoin(schools, eq(schools.urn, reviewVisits.schoolUrn))
    .where(eq(reviewVisits.id, id));
  return row ?? null;
}

/** School leaders of the network who have a school: the heads a group can be formed from. */
export async function headsToGroup(db: Db, networkId: string) {
  return db
    .selectDistinct({ id: people.id, fullName: people.fullName, schoolUrn: people.schoolUrn, schoolName: schools.name })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .innerJoin(schools, eq(schools.urn, people.schoolUrn))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'school_leader')))
    .orderBy(people.fullName, people.id)
    .limit(1000);
}
