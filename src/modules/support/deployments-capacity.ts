import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { sqlState } from '../../kernel/db/errors.ts';
import { conflict } from '../../kernel/http/errors.ts';
import { daysText, fromHalves, toHalves } from './deployments-domain.ts';
import { schoolYearLabel } from './requests-domain.ts';

// A leader's release days are a capacity: every write that adds days locks the designation row first
// (SELECT ... FOR UPDATE), so two brokers taking the same leader's last days queue, and the second
// sees the first's days. The constraint triggers deployments_within_release_days and trios_within_release_days
// are the last word.

/**
 * The days a designation has allocated in a school year: its live deployments plus the days its SLE gives
 * CPD trios formed that year. The one home is the database function designation_days_allocated
 * (migration 0016), which the triggers use too; every query of days allocated or left goes through here.
 */
export const allocatedDaysSql = (designationId: SQL, schoolYear: number | SQL, except: AllocationExcept = {}) =>
  except.deploymentId || except.trioId
    ? sql`designation_days_allocated(${designationId}, (${schoolYear})::int, ${except.deploymentId ?? null}::uuid, ${except.trioId ?? null}::uuid)`
    : // The same sum written as a subquery over designation_allocations (migration 0017), which the planner inlines:
      // read per row of a search, index probes instead of a function call each.
      sql`(select coalesce(sum(a.days), 0) from designation_allocations((${schoolYear})::int) a where a.designation_id = ${designationId})`;

/**
 * The same days for many designations at once: a relation (designation_id, days) over the school year's
 * allocations (the database function designation_allocations, which designation_days_allocated sums too;
 * migration 0017), to join when a search reads thousands of designations; a designation with none has no row.
 */
export const allocatedDaysByDesignationSql = (schoolYear: number | SQL) =>
  sql`(select designation_id, sum(days) as days from designation_allocations((${schoolYear})::int) group by designation_id)`;

/** A deployment or trio being changed, whose own days are left out of the sum. */
export interface AllocationExcept {
  deploymentId?: string;
  trioId?: string;
}

export interface Capacity {
  designationId: string;
  fullName: string;
  releaseDays: number;
  allocatedDays: number;
  schoolYear: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Lock the designation and read its days for the school year (leaving out one deployment or trio being changed). */
export async function lockCapacity(db: Db, designationId: string, schoolYear: number, except: AllocationExcept = {}): Promise<Capacity> {
  const [locked] = rowsOf<{ release_days: string; full_name: string }>(
    await db.execute(sql`select d.release_days, p.full_name from designations d join people p on p.id = d.person_id
      where d.id = ${designationId} for update of d`),
  );
  if (!locked) throw conflict('designationId', 'That designation no longer exists');
  const [sum] = rowsOf<{ allocated: string }>(
    await db.execute(sql`select ${allocatedDaysSql(sql`${designationId}::uuid`, schoolYear, except)}::text as allocated`),
  );
  return {
    designationId,
    fullName: locked.full_name,
    releaseDays: Number(locked.release_days),
    allocatedDays: Number(sum?.allocated ?? 0),
    schoolYear,
  };
}

/** What asks for the days: named in the refusal, whose field it marks. */
export interface Taker {
  field: string;
  noun: string;
}
const aDeployment: Taker = { field: 'days', noun: 'this deployment' };

/** The refusal when `days` more would take the leader past their release days, with the numbers. */
export function beyondRelease(c: Capacity, days: number, taker = aDeployment) {
  const left = fromHalves(toHalves(c.releaseDays) - toHalves(c.allocatedDays));
  return conflict(
    taker.field,
    `${c.fullName} has ${daysText(Math.max(0, left))} left of ${daysText(c.releaseDays)} released in ${schoolYearLabel(c.schoolYear)} ` +
      `(${daysText(c.allocatedDays)} already allocated); ${taker.noun} needs ${daysText(days)}`,
  );
}

export function assertFits(c: Capacity, days: number, taker = aDeployment) {
  if (toHalves(c.allocatedDays) + toHalves(days) > toHalves(c.releaseDays)) throw beyondRelease(c, days, taker);
}

/** True when the database's own guard refused the write (another path added days past the release). */
export function isReleaseDaysViolation(err: unknown): boolean {
  if (sqlState(err) !== '23514') return false;
  const e = err as { message?: string; cause?: { message?: string; constraint?: string } };
  return (
    e.cause?.constraint === 'deployments_within_release_days' ||
    e.cause?.constraint === 'trios_within_release_days' ||
    /Release days exceeded/.test(e.cause?.message ?? '') ||
    /Release days exceeded/.test(e.message ?? '')
  );
}

/**
 * Lock the designation and refuse release days below what its leader already holds in any school year
 * (409 naming the numbers). The trigger designations_release_days_cover_allocations is the last word.
 */
export async function assertReleaseCoversAllocations(db: Db, designationId: string, releaseDays: number) {
  const [locked] = rowsOf<{ full_name: string }>(
    await db.execute(sql`select p.full_name from designations d join people p on p.id = d.person_id
      where d.id = ${designationId} for update of d`),
  );
  if (!locked) throw conflict('designationId', 'That designation no longer exists');
  const [busiest] = rowsOf<{ school_year: number; allocated: string }>(
    await db.execute(sql`select y.school_year, ${allocatedDaysSql(sql`${designationId}::uuid`, sql`y.school_year`)}::text as allocated
      from (select school_year from deployments where designation_id = ${designationId}
        union select school_year from trios where sle_designation_id = ${designationId}) y
      order by 2 desc, 1 desc limit 1`),
  );
  if (busiest && toHalves(busiest.allocated) > toHalves(releaseDays)) throw releaseBelowAllocations(locked.full_name, busiest);
}

function releaseBelowAllocations(fullName: string, busiest: { school_year: number; allocated: string }) {
  return conflict(
    'releaseDays',
    `${fullName} already has ${daysText(busiest.allocated)} allocated in ${schoolYearLabel(Number(busiest.school_year))}: ` +
      `release days cannot be fewer than ${daysText(busiest.allocated)} (cancel or change those deployments or trios first)`,
  );
}

/** True when the database refused lowering a designation's release days below its allocations. */
export function isReleaseBelowAllocationsViolation(err: unknown): boolean {
  if (sqlState(err) !== '23514') return false;
  const e = err as { message?: string; cause?: { message?: string; constraint?: string } };
  return (
    e.cause?.constraint === 'designations_release_days_cover_allocations' ||
    /Release days below allocations/.test(e.cause?.message ?? '') ||
    /Release days below allocations/.test(e.message ?? '')
  );
}
