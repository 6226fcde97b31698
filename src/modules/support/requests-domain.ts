import type { FieldIssue } from '../../kernel/http/errors.ts';

/** How a school commissions support: a need it knows, a one-day diagnostic first, or an offer from the menu. */
export const requestKinds = ['known_need', 'diagnostic', 'offer'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestKindLabels: Record<RequestKind, string> = {
  known_need: 'A known need',
  diagnostic: 'A diagnostic review first',
  offer: 'An offer from the menu',
};

/** Open until withdrawn or closed; whether it is allocated is read from its live deployment. */
export const requestStatuses = ['open', 'closed', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const requestStatusLabels: Record<RequestStatus, string> = { open: 'Open', closed: 'Closed', withdrawn: 'Withdrawn' };

/** A diagnostic is a one-day review. */
export const DIAGNOSTIC_DAYS = 1;

/** Days are whole or half days, more than none and no more than a school year's 190. */
export function daysIssue(path: string, days: number): FieldIssue | null {
  if (!Number.isFinite(days) || days <= 0 || days > 190) return { path, message: 'Days must be more than 0 and no more than 190' };
  if (!Number.isInteger(days * 2)) return { path, message: 'Days must be whole or half days, like 3 or 3.5' };
  return null;
}

/** The school year (starting September) a date falls in, named by the year it starts: 2025-10-01 -> 2025. */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

export const schoolYearLabel = (year: number) => `${year} to ${year + 1}`;

/** A date range must run forwards and stay within one school year (release days are counted per year). */
export function dateRangeIssues(startsOn: string, endsOn: string, paths = { start: 'startsOn', end: 'endsOn' }): FieldIssue[] {
  if (endsOn < startsOn) return [{ path: paths.end, message: 'The end date must be the same as or after the start date' }];
  if (schoolYearOf(startsOn) !== schoolYearOf(endsOn))
    return [{ path: paths.end, message: 'The dates must fall in one school year (1 September to 31 August)' }];
  return [];
}
