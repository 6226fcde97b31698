import { sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { sqlState } from '../../kernel/db/errors.ts';
import { conflict } from '../../kernel/http/errors.ts';
import { daysText, fromHalves, toHalves } from './deployments-domain.ts';
import { schoolYearLabel } from './requests-domain.ts';

// A leader's release days are a capacity: every write that adds days locks the designation row first
// (SELECT ... FOR UPDATE), so two brokers taking the same leader's last days queue, and the second
// sees the first's days. The constraint trigger deployments_within_release_days is the last word.

export interface Capacity {
  designationId: string;
  fullName: string;
  releaseDays: number;
  allocatedDays: number;
  schoolYear: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Lock the designation and read its days for the school year (leaving out one deployment being changed). */
export async function lockCapacity(db: Db, designationId: string, schoolYear: number, exceptDeploymentId?: string): Promise<Capacity> {
  const [locked] = rowsOf<{ release_days: string; full_name: string }>(
    await db.execute(sql`select d.release_days, p.full_name from designations d join people p on p.id = d.person_id
      where d.id = ${designationId} for update of d`),
  );
  if (!locked) throw conflict('designationId', 'That designation no longer exists');
  const [sum] = rowsOf<{ allocated: string }>(
    await db.execute(sql`select coalesce(sum(days), 0)::text as allocated from deployments
      where designation_id = ${designationId} and school_year = ${schoolYear} and status not in ('declined','cancelled')
      ${exceptDeploymentId ? sql`and id <> ${exceptDeploymentId}` : sql``}`),
  );
  return {
    designationId,
    fullName: locked.full_name,
    releaseDays: Number(locked.release_days),
    allocatedDays: Number(sum?.allocated ?? 0),
    schoolYear,
  };
}

/** The refusal when `days` more would take the leader past their release days, with the numbers. */
export function beyondRelease(c: Capacity, days: number) {
  const left = fromHalves(toHalves(c.releaseDays) - toHalves(c.allocatedDays));
  return conflict(
    'days',
    `${c.fullName} has ${daysText(Math.max(0, left))} left of ${daysText(c.releaseDays)} released in ${schoolYearLabel(c.schoolYear)} ` +
      `(${daysText(c.allocatedDays)} already allocated); this deployment needs ${daysText(days)}`,
  );
}

export function assertFits(c: Capacity, days: number) {
  if (toHalves(c.allocatedDays) + toHalves(days) > toHalves(c.releaseDays)) throw beyondRelease(c, days);
}

/** True when the database's own guard refused the write (another path added days past the release). */
export function isReleaseDaysViolation(err: unknown): boolean {
  if (sqlState(err) !== '23514') return false;
  const e = err as { message?: string; cause?: { message?: string; constraint?: string } };
  return (
    e.cause?.constraint === 'deployments_within_release_days' ||
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
    await db.execute(sql`select school_year, sum(days)::text as allocated from deployments
      where designation_id = ${designationId} and status not in ('declined','cancelled')
      group by school_year order by sum(days) desc, school_year desc limit 1`),
  );
  if (busiest && toHalves(busiest.allocated) > toHalves(releaseDays)) throw releaseBelowAllocations(locked.full_name, busiest);
}

function releaseBelowAllocations(fullName: string, busiest: { school_year: number; allocated: string }) {
  return conflict(
    'releaseDays',
    `${fullName} already has ${daysText(busiest.allocated)} allocated in ${schoolYearLabel(Number(busiest.school_year))}: ` +
      `release days cannot be fewer than ${daysText(busiest.allocated)} (cancel or change those deployments first)`,
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
