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
const currentMemberOf = (networkId: unknown) =>
  sql`exists (select 1 from ${networkSchools} where ${networkSchools.schoolUrn} = ${schools.urn} and ${networkSchools.networkId} = ${networkId}
    and ${networkSchools.joinedOn} <= current_date and (${networkSchools.leftOn} is null or ${networkSchools.leftOn} > current_date))`;

/** The values of one search, by the names its statement's placeholders use. */
function searchValues(s: SchoolSearch) {
  const q = s.q?.trim().toLowerCase() || undefined;
  return {
    pattern: q === undefined ? undefined : `%${escapeLike(q)}%`,
    urn: q !== undefined && /^\d{1,9}$/.test(q) ? Number(q) : undefined,
    phase: s.phase || undefined,
    localAuthority: s.localAuthority || undefined,
    ofstedRating: s.ofstedRating || undefined,
    memberOf: s.memberOf || undefined,
    member: s.markMembersOf || s.memberOf || undefined,
    limit: s.perPage,
    offset: (s.page - 1) * s.perPage,
  };
}
type SearchValues = ReturnType<typeof searchValues>;

/** Which filters a search uses: searches of one shape share one statement. */
const shapeOf = (v: SearchValues) =>
  (['pattern', 'urn', 'phase', 'localAuthority', 'ofstedRating', 'memberOf', 'member'] as const)
    .map((key) => (v[key] === undefined ? '0' : '1'))
    .join('');

/**
 * The search as one statement (rows and the total). `bind` gives each value as itself (a one-off query, as
 * the benchmark's direct-query ceiling sends it) or as a named placeholder (a statement prepared once).
 */
type Bind = (key: keyof SearchValues) => unknown;

function searchConditions(v: SearchValues, bind: Bind): SQL[] {
  const where: SQL[] = [];
  if (v.pattern !== undefined) {
    // lower(name) like '%q%' is answered by the trigram index; a numeric q may also be a URN.
    const byName = sql`lower(${schools.name}) like ${bind('pattern')}`;
    where.push(v.urn !== undefined ? sql`(${schools.urn} = ${bind('urn')} or ${byName})` : byName);
  }
  if (v.phase !== undefined) where.push(sql`${schools.phase} = ${bind('phase')}`);
  if (v.localAuthority !== undefined) where.push(sql`${schools.localAuthority} = ${bind('localAuthority')}`);
  if (v.ofstedRating !== undefined) where.push(sql`${schools.ofstedRating} = ${bind('ofstedRating')}`);
  if (v.memberOf !== undefined) where.push(currentMemberOf(bind('memberOf')));
  return where;
}

function buildSearch(db: Db, v: SearchValues, bind: Bind) {
  return db
    .select({
      ...getTableColumns(schools),
      isMember: v.member !== undefined ? sql<boolean>`${currentMemberOf(bind('member'))}` : sql<boolean>`false`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(schools)
    .where(and(...searchConditions(v, bind)))
    .orderBy(asc(schools.name), asc(schools.urn))
    .limit(bind('limit') as number)
    .offset(bind('offset') as number);
}

/** The search as a one-off statement; the benchmark sends its SQL straight to the driver as the ceiling. */
export function schoolSearchQuery(db: Db, s: SchoolSearch) {
  const v = searchValues(s);
  return buildSearch(db, v, (key) => v[key]);
}

// Searches are the busiest reads: build each shape's statement once per database (named, so PostgreSQL
// also plans it once per connection) instead of on every request.
type PreparedSearch = { execute(values: SearchValues): Promise<Awaited<ReturnType<typeof schoolSearchQuery>>> };
const preparedSearches = new WeakMap<Db, Map<string, PreparedSearch>>();

function preparedSearch(db: Db, v: SearchValues): PreparedSearch {
  const byShape = preparedSearches.get(db) ?? new Map<string, PreparedSearch>();
  preparedSearches.set(db, byShape);
  const shape = shapeOf(v);
  let prepared = byShape.get(shape);
  if (!prepared) {
    prepared = buildSearch(db, v, (key) => sql.placeholder(key)).prepare(`school_search_${shape}`) as PreparedSearch;
    byShape.set(shape, prepared);
  }
  return prepared;
}

export async function searchSchools(db: Db, s: SchoolSearch) {
  const v = searchValues(s);
  const rows = await preparedSearch(db, v).execute(v);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && s.page > 1) {
    // Past the last page the window gives no total: count separately.
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schools)
      .where(and(...searchConditions(v, (key) => v[key])));
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
