import { type Term, termLabel, termOf, termsOf } from './statements-domain.ts';

// Report figures, from plain rows: pure, so the page, CSV and XLSX agree.

export interface DayRow {
  leader: string;
  school: string;
  specialism: string;
  phase: string;
  workedOn: string;
  halfDays: number;
}

export const dimensions = ['leader', 'school', 'specialism', 'phase', 'term'] as const;
export type Dimension = (typeof dimensions)[number];
export const dimensionLabels: Record<Dimension, string> = {
  leader: 'Leader',
  school: 'Supported school',
  specialism: 'Specialism',
  phase: 'Phase',
  term: 'Term',
};

/** Days (as half days) grouped by one dimension, largest first; terms in calendar order. */
export function daysBy(rows: DayRow[], dimension: Dimension, startYear: number): { key: string; halfDays: number }[] {
  const totals = new Map<string, number>();
  if (dimension === 'term') for (const t of termsOf(startYear)) totals.set(termLabel(t), 0);
  for (const r of rows) {
    const key = dimension === 'term' ? termLabel(termOf(r.workedOn)) : r[dimension];
    totals.set(key, (totals.get(key) ?? 0) + r.halfDays);
  }
  const out = [...totals].map(([key, halfDays]) => ({ key, halfDays }));
  return dimension === 'term' ? out : out.sort((a, b) => b.halfDays - a.halfDays || a.key.localeCompare(b.key));
}

export interface Share {
  count: number;
  of: number;
  /** Whole percent, or null when there is nothing to count. */
  percent: number | null;
}
export const share = (count: number, of: number): Share => ({ count, of, percent: of === 0 ? null : Math.round((count * 100) / of) });

/** The date three calendar months after `isoDate` (clamped to the month's end). */
export function threeMonthsAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = m + 3;
  const year = y + Math.floor((month - 1) / 12);
  const mm = ((month - 1) % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The national KPI: of the designations that are at least three months old, how many had a deployment
 * starting within three months of the designation's start.
 */
export function deployedWithinThreeMonths(designations: { startsOn: string; firstDeployedOn: string | null }[], today: string): Share {
  const due = designations.filter((d) => threeMonthsAfter(d.startsOn) <= today);
  return share(due.filter((d) => d.firstDeployedOn !== null && d.firstDeployedOn <= threeMonthsAfter(d.startsOn)).length, due.length);
}

/** Support rated good or better, of all rated. */
export const ratedGoodOrBetter = (ratings: string[]) =>
  share(ratings.filter((r) => r === 'good' || r === 'excellent').length, ratings.length);

export type { Term };
