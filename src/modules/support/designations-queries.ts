import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import type { Phase } from '../networks/domain.ts';
import { containsPattern } from '../networks/people-queries.ts';
import { isUuid } from '../networks/queries.ts';
import { memberships, people, schools, specialisms } from '../networks/schema.ts';
import type { DesignationKind, DesignationStatus } from './domain.ts';
import { designationSpecialisms, designations } from './schema.ts';

export interface DesignationFilter {
  kind?: DesignationKind | undefined;
  status?: DesignationStatus | undefined;
  q?: string | undefined;
  personId?: string | undefined;
}

const specialismNames = sql<
  string[]
>`array(select ${specialisms.name} from ${designationSpecialisms} join ${specialisms} on ${specialisms.id} = ${designationSpecialisms.specialismId} where ${designationSpecialisms.designationId} = ${designations.id} order by lower(${specialisms.name}))`;
const specialismIds = sql<
  string[]
>`array(select ${designationSpecialisms.specialismId}::text from ${designationSpecialisms} where ${designationSpecialisms.designationId} = ${designations.id})`;

function selectDesignations(db: Db) {
  return db
    .select({
      id: designations.id,
      networkId: designations.networkId,
      personId: designations.personId,
      fullName: people.fullName,
      schoolUrn: people.schoolUrn,
      schoolName: schools.name,
      /** The leader's leadership level (the person's record: one truth for designations and applications). */
      leadershipLevel: people.leadershipLevel,
      kind: designations.kind,
      phase: designations.phase,
      releaseDays: sql<number>`${designations.releaseDays}::float8`,
      startsOn: designations.startsOn,
      endsOn: designations.endsOn,
      reviewOn: designations.reviewOn,
      status: designations.status,
      specialisms: specialismNames,
      specialismIds,
    })
    .from(designations)
    .innerJoin(people, eq(people.id, designations.personId))
    .leftJoin(schools, eq(schools.urn, people.schoolUrn));
}

export type DesignationRow = Awaited<ReturnType<typeof selectDesignations>>[number];

const designationsWhere = (networkId: string, f: DesignationFilter): SQL | undefined =>
  and(
    eq(designations.networkId, networkId),
    f.kind ? eq(designations.kind, f.kind) : undefined,
    f.status ? eq(designations.status, f.status) : undefined,
    f.q?.trim() ? ilike(people.fullName, containsPattern(f.q.trim())) : undefined,
    f.personId ? eq(designations.personId, f.personId) : undefined,
  );

/** A network's designations, newest term first, paged. */
export async function listDesignations(db: Db, networkId: string, f: DesignationFilter, page: { page: number; perPage: number }) {
  const where = designationsWhere(networkId, f);
  const rows = await selectDesignations(db)
    .where(where)
    .orderBy(desc(designations.startsOn), asc(sql`lower(${people.fullName})`), asc(designations.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(designations).innerJoin(people, eq(people.id, designations.personId)).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findDesignation(db: Db, id: string): Promise<DesignationRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectDesignations(db).where(eq(designations.id, id));
  return row ?? null;
}

/** How many of these specialisms the network may use: shared rows and its own. */
export async function countUsableSpecialisms(db: Db, networkId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(specialisms)
    .where(and(inArray(specialisms.id, ids), or(isNull(specialisms.networkId), eq(specialisms.networkId, networkId))));
  return row?.n ?? 0;
}

export async function isNetworkMember(db: Db, networkId: string, personId: string) {
  if (!isUuid(personId)) return false;
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.personId, personId)))
    .limit(1);
  return rows.length > 0;
}

/** Members to choose a designated person from, by name. */
export async function membersToDesignate(db: Db, networkId: string) {
  return db
    .selectDistinct({ id: people.id, fullName: people.fullName, lower: sql<string>`lower(${people.fullName})` })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(eq(memberships.networkId, networkId))
    .orderBy(sql`lower(${people.fullName})`, people.id)
    .limit(2000);
}

export type { Phase };
