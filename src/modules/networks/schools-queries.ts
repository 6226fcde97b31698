import { and, asc, desc, eq, getTableColumns, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from './queries.ts';
import { networkSchools, schoolImports, schools } from './schema.ts';

export interface SchoolSearch {
  /** Part of the name, or a URN. */
  q?: string | undefined;
  phase?: string | undefined;
  localAuthority?: string | undefined;
  ofstedRating?: string | undefined;
  /** Only schools that are current members of this network. */
  memberOf?: string | undefined;
  /** Say for each school whether it is a current member of this network. */
  markMembersOf?: string | undefined;
  page: number;
  perPage: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A current member on the database's today: same rule as isCurrentMember in domain.ts. */
const currentMemberOf = (networkId: string) =>
  sql`exists (select 1 from ${networkSchools} where ${networkSchools.schoolUrn} = ${schools.urn} and ${networkSchools.networkId} = ${networkId}
    and ${networkSchools.joinedOn} <= current_date and (${networkSchools.leftOn} is null or ${networkSchools.leftOn} > current_date))`;

function conditions(s: SchoolSearch): SQL[] {
  const where: SQL[] = [];
  const q = s.q?.trim().toLowerCase();
  if (q) {
    // lower(name) like '%q%' is answered by the trigram index; a numeric q may also be a URN.
    const byName = sql`lower(${schools.name}) like ${`%${escapeLike(q)}%`}`;
    where.push(/^\d{1,9}$/.test(q) ? sql`(${schools.urn} = ${Number(q)} or ${byName})` : byName);
  }
  if (s.phase) where.push(eq(schools.phase, s.phase));
  if (s.localAuthority) where.push(eq(schools.localAuthority, s.localAuthority));
  if (s.ofstedRating) where.push(eq(schools.ofstedRating, s.ofstedRating));
  if (s.memberOf) where.push(currentMemberOf(s.memberOf));
  return where;
}

/** The search as one statement (rows and the total), also used by the benchmark as its direct-query ceiling. */
export function schoolSearchQuery(db: Db, s: SchoolSearch) {
  const member = s.markMembersOf ?? s.memberOf;
  return db
    .select({
      ...getTableColumns(schools),
      isMember: member ? sql<boolean>`${currentMemberOf(member)}` : sql<boolean>`false`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(schools)
    .where(and(...conditions(s)))
    .orderBy(asc(schools.name), asc(schools.urn))
    .limit(s.perPage)
    .offset((s.page - 1) * s.perPage);
}

export async function searchSchools(db: Db, s: SchoolSearch) {
  const rows = await schoolSearchQuery(db, s);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && s.page > 1) {
    // Past the last page the window gives no total: count separately.
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schools)
      .where(and(...conditions(s)));
    total = row?.n ?? 0;
  }
  return { rows: rows.map(({ total: _t, ...school }) => school), total };
}

export type SchoolRow = typeof schools.$inferSelect;

export async function findSchool(db: Db, urn: number): Promise<SchoolRow | null> {
  if (!Number.isSafeInteger(urn) || urn < 1 || urn > 2_147_483_647) return null;
  return (await db.select().from(schools).where(eq(schools.urn, urn)))[0] ?? null;
}

/** Every spell of the school in the network, latest first (a school may leave and rejoin). */
export function schoolMembershipHistory(db: Db, networkId: string, urn: number) {
  return db
    .select()
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, networkId), eq(networkSchools.schoolUrn, urn)))
    .orderBy(desc(networkSchools.joinedOn));
}

/** Values to offer in the filters, from the schools on record. */
export async function schoolFilterOptions(db: Db) {
  const distinct = async (column: typeof schools.phase | typeof schools.localAuthority | typeof schools.ofstedRating) =>
    (await db.selectDistinct({ v: column }).from(schools).where(isNotNull(column)).orderBy(asc(column))).map((r) => r.v as string);
  const [phases, localAuthorities, ofstedRatings] = await Promise.all([
    distinct(schools.phase),
    distinct(schools.localAuthority),
    distinct(schools.ofstedRating),
  ]);
  return { phases, localAuthorities, ofstedRatings };
}

export async function findSchoolImport(db: Db, id: string) {
  if (!isUuid(id)) return null;
  return (await db.select().from(schoolImports).where(eq(schoolImports.id, id)))[0] ?? null;
}
