import type { FieldIssue } from '../../kernel/http/errors.ts';

export const designationKinds = ['sle', 'lle', 'nle', 'lead_practitioner', 'ast', 'lead_mentor'] as const;
export type DesignationKind = (typeof designationKinds)[number];
export const designationKindLabels: Record<DesignationKind, string> = {
  sle: 'Specialist leader of education (SLE)',
  lle: 'Local leader of education (LLE)',
  nle: 'National leader of education (NLE)',
  lead_practitioner: 'Lead practitioner',
  ast: 'Advanced skills teacher (AST)',
  lead_mentor: 'Lead mentor',
};
export const designationKindShort: Record<DesignationKind, string> = {
  sle: 'SLE',
  lle: 'LLE',
  nle: 'NLE',
  lead_practitioner: 'Lead practitioner',
  ast: 'AST',
  lead_mentor: 'Lead mentor',
};

export const designationStatuses = ['active', 'lapsed', 'withdrawn'] as const;
export type DesignationStatus = (typeof designationStatuses)[number];
export const designationStatusLabels: Record<DesignationStatus, string> = { active: 'Active', lapsed: 'Lapsed', withdrawn: 'Withdrawn' };

/** A school year has 190 teaching days: no school can release a leader for more. */
export const MAX_RELEASE_DAYS = 190;

export interface DesignationTerm {
  releaseDays: number;
  startsOn: string;
  endsOn: string;
  reviewOn: string | null;
}

/** The rules a designation's numbers and dates must keep; each broken rule names its field. */
export function termIssues(t: DesignationTerm): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(t.releaseDays > 0) || t.releaseDays > MAX_RELEASE_DAYS)
    issues.push({ path: 'releaseDays', message: `Release days must be more than 0 and no more than ${MAX_RELEASE_DAYS}` });
  else if (!Number.isInteger(t.releaseDays * 2))
    issues.push({ path: 'releaseDays', message: 'Release days must be whole or half days, like 10 or 10.5' });
  if (t.endsOn <= t.startsOn) issues.push({ path: 'endsOn', message: 'The end date must be after the start date' });
  else if (t.reviewOn !== null && (t.reviewOn < t.startsOn || t.reviewOn > t.endsOn))
    issues.push({ path: 'reviewOn', message: 'The review date must be within the term' });
  return issues;
}

/** Current on a date: active, and the date falls in [start, end). */
export function isCurrent(d: { status: DesignationStatus; startsOn: string; endsOn: string }, date: string): boolean {
  return d.status === 'active' && d.startsOn <= date && date < d.endsOn;
}

/** Only an active designation can be withdrawn; a withdrawn or lapsed one stays as history. */
export const mayWithdraw = (d: { status: DesignationStatus }) => d.status === 'active';

/** Straight-line distance between two grid references (metres), in km to one decimal place. */
export function distanceKm(a: { easting: number; northing: number }, b: { easting: number; northing: number }): number {
  return Math.round(Math.hypot(a.easting - b.easting, a.northing - b.northing) / 100) / 10;
}
