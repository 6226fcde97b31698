import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { schools, specialisms } from '../networks/schema.ts';
import { deployments, supportOfferProviders, supportOffers, supportRequests } from './brokerage-schema.ts';
import { allocatedDaysSql } from './deployments-capacity.ts';
import type { Candidate, MatchRequest } from './matching-domain.ts';
import type { RequestStatus } from './requests-domain.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The live deployment of a request (not declined or cancelled), if any. */
const liveDeployment = sql<string | null>`(select d.id from ${deployments} d where d.request_id = ${supportRequests.id}
  and d.status not in ('declined','cancelled') limit 1)`;
const liveStatus = sql<string | null>`(select d.status from ${deployments} d where d.request_id = ${supportRequests.id}
  and d.status not in ('declined','cancelled') limit 1)`;

function selectRequests(db: Db) {
  return db
    .select({
      id: supportRequests.id,
      networkId: supportRequests.networkId,
      schoolUrn: supportRequests.schoolUrn,
      schoolName: schools.name,
      easting: schools.easting,
      northing: schools.northing,
      kind: supportRequests.kind,
      offerId: supportRequests.offerId,
      offerTitle: supportOffers.title,
      specialismId: supportRequests.specialismId,
      specialismName: specialisms.name,
      phase: supportRequests.phase,
      objectives: supportRequests.objectives,
      days: sql<number>`${supportRequests.days}::float8`,
      preferredStartOn: supportRequests.preferredStartOn,
      preferredEndOn: supportRequests.preferredEndOn,
      status: supportRequests.status,
      findings: supportRequests.findings,
      followUpOf: supportRequests.followUpOf,
      raisedBy: supportRequests.raisedBy,
      createdAt: supportRequests.createdAt,
      deploymentId: liveDeployment,
      deploymentStatus: liveStatus,
    })
    .from(supportRequests)
    .innerJoin(schools, eq(schools.urn, supportRequests.schoolUrn))
    .leftJoin(specialisms, eq(specialisms.id, supportRequests.specialismId))
    .leftJoin(supportOffers, eq(supportOffers.id, supportRequests.offerId));
}

export type RequestRow = Awaited<ReturnType<typeof selectRequests>>[number];

export async function findRequest(db: Db, id: string): Promise<RequestRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectRequests(db).where(eq(supportRequests.id, id));
  return row ?? null;
}

export interface RequestFilter {
  status?: RequestStatus | undefined;
  /** Only this school's requests (a school leader sees their own school's only). */
  schoolUrn?: number | undefined;
  /** Only open requests without a live deployment. */
  unallocated?: boolean | undefined;
}

export async function listRequests(db: Db, networkId: string, f: RequestFilter, page: { page: number; perPage: number }) {
  const where: SQL | undefined = and(
    eq(supportRequests.networkId, networkId),
    f.status ? eq(supportRequests.status, f.status) : undefined,
    f.schoolUrn !== undefined ? eq(supportRequests.schoolUrn, f.schoolUrn) : undefined,
    f.unallocated ? sql`${liveDeployment} is null` : undefined,
  );
  const rows = await selectRequests(db)
    .where(where)
    .orderBy(desc(supportRequests.createdAt), asc(supportRequests.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(supportRequests).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** How many requests one "allocate all" run takes, oldest first; a broker runs it again for the rest. */
export const ALLOCATE_AT_MOST = 1_000;

const unallocated = (networkId: string) =>
  and(eq(supportRequests.networkId, networkId), eq(supportRequests.status, 'open'), sql`${liveDeployment} is null`);

/** Open requests with no live deployment: what "allocate all" works on (oldest first). */
export function unallocatedRequests(db: Db, networkId: string, limit = ALLOCATE_AT_MOST) {
  return selectRequests(db).where(unallocated(networkId)).orderBy(asc(supportRequests.createdAt), asc(supportRequests.id)).limit(limit);
}

export async function countUnallocatedRequests(db: Db, networkId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(supportRequests).where(unallocated(networkId));
  return row?.n ?? 0;
}

export async function offerProviderIds(db: Db, offerId: string | null): Promise<string[]> {
  if (!offerId) return [];
  const rows = await db
    .select({ id: supportOfferProviders.personId })
    .from(supportOfferProviders)
    .where(eq(supportOfferProviders.offerId, offerId));
  return rows.map((r) => r.id);
}

/** A request as the matcher sees it. */
export async function matchRequestOf(db: Db, r: RequestRow): Promise<MatchRequest> {
  return {
    schoolUrn: r.schoolUrn,
    specialismId: r.specialismId,
    specialismName: r.specialismName,
    phase: r.phase,
    days: Number(r.days),
    startsOn: r.preferredStartOn,
    location: r.easting !== null && r.northing !== null ? { easting: r.easting, northing: r.northing } : null,
    offerProviderIds: await offerProviderIds(db, r.offerId),
  };
}

/** The candidates' statement (exported for the benchmark's EXPLAIN ANALYZE). */
export function matchCandidatesSql(networkId: string, schoolYear: number, specialismId?: string | null) {
  // Start from the specialism's holders (an index probe) rather than testing every designation of the network.
  return sql`
      -- Per candidate, index probes for its specialisms, days allocated and ratings (hundreds of candidates, not
      -- the whole network's tables hashed). One JSON value for all of them: the driver parses one value, not
      -- hundreds of rows of cells (most of the time on PGlite).
      with c as (
        select d.id, d.person_id, d.kind, d.phase, d.status, d.starts_on, d.ends_on, d.release_days from designations d
        ${specialismId ? sql`join designation_specialisms h on h.designation_id = d.id and h.specialism_id = ${specialismId}` : sql``}
        where d.network_id = ${networkId}
      )
      select coalesce(json_agg(t order by t.full_name, t.designation_id), '[]'::json) as candidates from (
      select c.id as designation_id, c.person_id, p.full_name, p.school_urn, s.name as school_name, c.kind, c.phase, c.status,
        c.starts_on::text, c.ends_on::text, c.release_days::text, s.easting, s.northing,
        array(select x.specialism_id::text from designation_specialisms x where x.designation_id = c.id) as specialism_ids,
        ${allocatedDaysSql(sql`c.id`, schoolYear)}::text as allocated,
        array(select case e.school_rating when 'excellent' then 4 when 'good' then 3 when 'satisfactory' then 2 else 1 end
          from deployments dep join deployment_evaluations e on e.deployment_id = dep.id
          where dep.leader_id = c.person_id and e.school_rating is not null) as ratings
      from c join people p on p.id = c.person_id left join schools s on s.urn = p.school_urn) t`;
}

/**
 * Every designation in the network (current or not: the matcher explains exclusions) with the days it has
 * allocated in `schoolYear` (live deployments and CPD trios: allocatedDaysSql) and the ratings of its holder's evaluated deployments.
 */
export async function matchCandidates(db: Db, networkId: string, schoolYear: number, specialismId?: string | null): Promise<Candidate[]> {
  type Row = {
    designation_id: string;
    person_id: string;
    full_name: string;
    school_urn: number | null;
    school_name: string | null;
    kind: Candidate['kind'];
    phase: Candidate['phase'];
    status: Candidate['status'];
    starts_on: string;
    ends_on: string;
    specialism_ids: string[] | string;
    release_days: string;
    allocated: string;
    easting: number | null;
    northing: number | null;
    ratings: number[] | string | null;
  };
  const [result] = rowsOf<{ candidates: Row[] | string }>(await db.execute(matchCandidatesSql(networkId, schoolYear, specialismId)));
  const rows: Row[] = typeof result?.candidates === 'string' ? JSON.parse(result.candidates) : (result?.candidates ?? []);
  const list = <T>(v: T[] | string | null): T[] =>
    v === null ? [] : Array.isArray(v) ? v : (v.replace(/[{}]/g, '').split(',').filter(Boolean) as unknown as T[]);
  return rows.map((r) => ({
    designationId: r.designation_id,
    personId: r.person_id,
    fullName: r.full_name,
    schoolUrn: r.school_urn,
    schoolName: r.school_name,
    kind: r.kind,
    phase: r.phase,
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    specialismIds: list<string>(r.specialism_ids),
    releaseDays: Number(r.release_days),
    allocatedDays: Number(r.allocated),
    location: r.easting !== null && r.northing !== null ? { easting: r.easting, northing: r.northing } : null,
    ratings: list<number | string>(r.ratings).map(Number),
  }));
}

/** Names of specialisms by id. */
export async function specialismNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: specialisms.id, name: specialisms.name }).from(specialisms).where(inArray(specialisms.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The network's current member schools, for choosing the school a request is for. */
export function memberSchools(db: Db, networkId: string) {
  return db.execute(sql`select s.urn, s.name from network_schools ns join schools s on s.urn = ns.school_urn
    where ns.network_id = ${networkId} and ns.left_on is null order by lower(s.name), s.urn`) as unknown as Promise<{
    rows: { urn: number; name: string }[];
  }>;
}
