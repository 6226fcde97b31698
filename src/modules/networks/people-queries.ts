import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/client.ts';
import { sortRoles } from './people-domain.ts';
import { isUuid } from './queries.ts';
import { memberships, people, schools } from './schema.ts';

export interface PeopleFilter {
  q?: string | undefined;
  role?: Role | undefined;
  schoolUrn?: number | undefined;
}

/** `%text%` for ILIKE, with the user's own % and _ taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A person is in a network only through a membership of it (optionally holding `role`). */
const memberOf = (networkId: string, role?: Role) =>
  sql`exists (select 1 from ${memberships} where ${memberships.personId} = ${people.id} and ${memberships.networkId} = ${networkId}${role ? sql` and ${memberships.role} = ${role}` : sql``})`;

function peopleWhere(networkId: string, f: PeopleFilter): SQL | undefined {
  const q = f.q?.trim();
  return and(
    memberOf(networkId, f.role),
    q ? or(ilike(people.fullName, containsPattern(q)), ilike(people.email, containsPattern(q))) : undefined,
    f.schoolUrn ? eq(people.schoolUrn, f.schoolUrn) : undefined,
  );
}

const rolesHere = (networkId: string) =>
  sql<
    string[]
  >`array(select ${memberships.role} from ${memberships} where ${memberships.personId} = ${people.id} and ${memberships.networkId} = ${networkId})`;

function selectPeople(db: Db, networkId: string) {
  return db
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      schoolUrn: people.schoolUrn,
      schoolName: schools.name,
      jobTitle: people.jobTitle,
      leadershipLevel: people.leadershipLevel,
      roles: rolesHere(networkId),
    })
    .from(people)
    .leftJoin(schools, eq(schools.urn, people.schoolUrn));
}

export type PersonRow = Omit<Awaited<ReturnType<typeof selectPeople>>[number], 'roles'> & { roles: Role[] };
const withSortedRoles = <T extends { roles: string[] }>(r: T) => ({ ...r, roles: sortRoles(r.roles) });

/** Members of a network, by name; paged when `page` is given (the CSV export takes them all). */
export async function listPeople(db: Db, networkId: string, f: PeopleFilter, page?: { page: number; perPage: number }) {
  const where = peopleWhere(networkId, f);
  const query = selectPeople(db, networkId)
    .where(where)
    .orderBy(asc(sql`lower(${people.fullName})`), asc(people.id));
  const rows = page ? await query.limit(page.perPage).offset((page.page - 1) * page.perPage) : await query;
  const [total] = await db.select({ n: count() }).from(people).where(where);
  return { rows: rows.map(withSortedRoles) as PersonRow[], total: total?.n ?? 0 };
}

/** The person, only if they are a member of this network; their roles are this network's only. */
export async function findPersonInNetwork(db: Db, networkId: string, personId: string): Promise<PersonRow | null> {
  if (!isUuid(personId)) return null;
  const [row] = await selectPeople(db, networkId).where(and(eq(people.id, personId), memberOf(networkId)));
  return row ? (withSortedRoles(row) as PersonRow) : null;
}

/** Schools whose staff are members of the network, for the people filter. */
export async function schoolsOfMembers(db: Db, networkId: string) {
  return db
    .selectDistinct({ urn: schools.urn, name: schools.name })
    .from(schools)
    .innerJoin(people, eq(people.schoolUrn, schools.urn))
    .where(memberOf(networkId))
    .orderBy(schools.name, schools.urn);
}

export async function schoolExists(db: Db, urn: number) {
  return (await db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, urn))).length > 0;
}

export async function listMemberships(db: Db, networkId: string, page: { page: number; perPage: number }) {
  const where = eq(memberships.networkId, networkId);
  const rows = await db
    .select({
      id: memberships.id,
      personId: memberships.personId,
      fullName: people.fullName,
      role: memberships.role,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(where)
    .orderBy(asc(sql`lower(${people.fullName})`), asc(memberships.personId), asc(memberships.role))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(memberships).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findMembership(db: Db, id: string) {
  if (!isUuid(id)) return null;
  return (await db.select().from(memberships).where(eq(memberships.id, id)))[0] ?? null;
}
