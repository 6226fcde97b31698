import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import type { Phase } from '../networks/domain.ts';
import { containsPattern } from '../networks/people-queries.ts';
import { allocatedDaysSql } from './deployments-capacity.ts';
import type { DesignationKind } from './domain.ts';
import { schoolYearOf } from './requests-domain.ts';

export interface DirectoryFilter {
  specialismId?: string | undefined;
  phase?: Phase | undefined;
  kind?: DesignationKind | undefined;
  /** Free text: part of the leader's name, their school's name or one of their specialisms. */
  q?: string | undefined;
  /** Only leaders with at least this many days left this school year under a matching designation. */
  minDaysLeft?: number | undefined;
  /** Grid reference of the school to measure from (metres). */
  from?: { easting: number; northing: number } | undefined;
}

export interface DirectoryEntry {
  personId: string;
  fullName: string;
  schoolUrn: number | null;
  schoolName: string | null;
  distanceKm: number | null;
  /** `daysLeft`: release days less the days of live deployments this school year. */
  designations: { id: string; kind: DesignationKind; phase: Phase; releaseDays: number; daysLeft: number }[];
  specialisms: string[];
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * People holding a designation of the network current on `today` that matches the filters, each with
 * those designations (and the days left of each this school year) and their specialisms; nearest first when
 * a school to measure from is given.
 */
export async function searchDirectory(
  db: Db,
  networkId: string,
  today: string,
  f: DirectoryFilter,
  page: { page: number; perPage: number },
) {
  const conditions: SQL[] = [
    sql`d.network_id = ${networkId}`,
    sql`d.status = 'active'`,
    sql`d.starts_on <= ${today}::date`,
    sql`${today}::date < d.ends_on`,
  ];
  if (f.kind) conditions.push(sql`d.kind = ${f.kind}`);
  if (f.phase) conditions.push(sql`d.phase = ${f.phase}`);
  if (f.specialismId)
    conditions.push(
      sql`exists (select 1 from designation_specialisms x where x.designation_id = d.id and x.specialism_id = ${f.specialismId}::uuid)`,
    );
  const q = f.q?.trim();
  const year = schoolYearOf(today);
  const distance = f.from
    ? sql`sqrt(power(s.easting - ${f.from.easting}::float8, 2) + power(s.northing - ${f.from.northing}::float8, 2)) / 1000.0`
    : sql`null::float8`;
  const order = f.from ? sql`distance_km asc nulls last, lower(p.full_name), p.id` : sql`lower(p.full_name), p.id`;
  const result = await db.execute(sql`
    with matching as (
      select d.id, d.person_id, d.kind, d.phase, d.release_days,
        d.release_days - ${allocatedDaysSql(sql`d.id`, year)} as days_left
      from designations d where ${sql.join(conditions, sql` and `)}
    )
    select p.id as "personId", p.full_name as "fullName", s.urn as "schoolUrn", s.name as "schoolName",
      ${distance} as distance_km,
      (select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'phase', m.phase, 'releaseDays', m.release_days::float8, 'daysLeft', m.days_left::float8) order by m.kind, m.id)
         from matching m where m.person_id = p.id) as designations,
      coalesce((select json_agg(distinct sp.name) from matching m
         join designation_specialisms ds on ds.designation_id = m.id
         join specialisms sp on sp.id = ds.specialism_id where m.person_id = p.id), '[]'::json) as specialisms,
      count(*) over ()::int as total
    from people p left join schools s on s.urn = p.school_urn
    where p.id in (select person_id from matching ${f.minDaysLeft !== undefined ? sql`where days_left >= ${f.minDaysLeft}` : sql``})
      ${
        q
          ? sql`and (p.full_name ilike ${containsPattern(q)} or s.name ilike ${containsPattern(q)} or exists (select 1 from matching m
              join designation_specialisms ds on ds.designation_id = m.id join specialisms sp on sp.id = ds.specialism_id
              where m.person_id = p.id and sp.name ilike ${containsPattern(q)}))`
          : sql``
      }
    order by ${order}
    limit ${page.perPage} offset ${(page.page - 1) * page.perPage}`);
  const rows = rowsOf<Omit<DirectoryEntry, 'distanceKm'> & { distance_km: number | null; total: number }>(result);
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const entries: DirectoryEntry[] = rows.map((r) => ({
    personId: r.personId,
    fullName: r.fullName,
    schoolUrn: r.schoolUrn,
    schoolName: r.schoolName,
    distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 10) / 10,
    designations: parse(r.designations),
    specialisms: parse(r.specialisms).sort((a, b) => a.localeCompare(b)),
  }));
  // A page past the end has no rows to carry the window count: count again only then.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.page > 1) total = (await searchDirectory(db, networkId, today, f, { page: 1, perPage: 1 })).total;
  return { entries, total: Number(total) };
}
