import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import type { Phase } from '../networks/domain.ts';
import { containsPattern } from '../networks/people-queries.ts';
import { allocatedDaysByDesignationSql, allocatedDaysSql } from './deployments-capacity.ts';
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

/** The directory search as one statement (exported for the benchmark's EXPLAIN ANALYZE). */
export function directorySearchSql(networkId: string, today: string, f: DirectoryFilter, page: { page: number; perPage: number }) {
  // The designations that count, as conditions on `d`: used to find the people and again for their details.
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
  const current = sql.join(conditions, sql` and `);
  const q = f.q?.trim();
  const year = schoolYearOf(today);
  const holders =
    f.minDaysLeft !== undefined
      ? sql`select d.person_id from designations d left join ${allocatedDaysByDesignationSql(year)} a on a.designation_id = d.id
          where ${current} and d.release_days - coalesce(a.days, 0) >= ${f.minDaysLeft}`
      : sql`select d.person_id from designations d where ${current}`;
  // Schools are joined for every hit only to measure distance; a name is matched through the schools'
  // trigram index (lower(name)), not by reading all 30,000 of them.
  const text = q
    ? sql`and (p.full_name ilike ${containsPattern(q)} or p.school_urn in (select urn from schools where lower(name) like lower(${containsPattern(q)}))
        or p.id in (select d.person_id
        from designations d join designation_specialisms ds on ds.designation_id = d.id join specialisms sp on sp.id = ds.specialism_id
        where ${current} and sp.name ilike ${containsPattern(q)}))`
    : sql``;
  const distance = f.from
    ? sql`sqrt(power(s.easting - ${f.from.easting}::float8, 2) + power(s.northing - ${f.from.northing}::float8, 2)) / 1000.0`
    : sql`null::float8`;
  const orderOf = (alias: string) =>
    f.from
      ? sql.raw(`${alias}.distance_km asc nulls last, lower(${alias}.full_name), ${alias}.id`)
      : sql.raw(`lower(${alias}.full_name), ${alias}.id`);
  return sql`
    with hits as (
      select p.id, p.full_name, p.school_urn, ${distance} as distance_km
      from people p ${f.from ? sql`left join schools s on s.urn = p.school_urn` : sql``}
      where p.id in (${holders}) ${text}
    ),
    page as (
      select h.*, count(*) over ()::int as total from hits h order by ${orderOf('h')}
      limit ${page.perPage} offset ${(page.page - 1) * page.perPage}
    )
    select pg.id as "personId", pg.full_name as "fullName", s.urn as "schoolUrn", s.name as "schoolName", pg.distance_km,
      (select json_agg(json_build_object('id', d.id, 'kind', d.kind, 'phase', d.phase, 'releaseDays', d.release_days::float8,
          'daysLeft', (d.release_days - ${allocatedDaysSql(sql`d.id`, year)})::float8) order by d.kind, d.id)
         from designations d where d.person_id = pg.id and ${current}) as designations,
      coalesce((select json_agg(distinct sp.name) from designations d
         join designation_specialisms ds on ds.designation_id = d.id
         join specialisms sp on sp.id = ds.specialism_id where d.person_id = pg.id and ${current}), '[]'::json) as specialisms,
      pg.total
    from page pg left join schools s on s.urn = pg.school_urn
    order by ${orderOf('pg')}`;
}

/**
 * People holding a designation of the network current on `today` that matches the filters, each with
 * those designations (and the days left of each this school year) and their specialisms; nearest first when
 * a school to measure from is given.
 *
 * Two steps in one statement, so a national directory answers in milliseconds: first the page of people
 * (filters, order, count) touching only the columns they need, then the designations, days left and
 * specialisms of that page's people alone. Days left across many designations (the `minDaysLeft` filter) come
 * from allocatedDaysByDesignationSql, joined once, not a function call per designation.
 */
export async function searchDirectory(
  db: Db,
  networkId: string,
  today: string,
  f: DirectoryFilter,
  page: { page: number; perPage: number },
) {
  const result = await db.execute(directorySearchSql(networkId, today, f, page));
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
