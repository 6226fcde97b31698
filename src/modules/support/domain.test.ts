import { describe, expect, it } from 'vitest';
import { type DesignationTerm, distanceKm, isCurrent, mayWithdraw, termIssues } from './domain.ts';

const term: DesignationTerm = { releaseDays: 15, startsOn: '2025-09-01', endsOn: '2028-08-31', reviewOn: '2026-07-01' };
const paths = (t: Partial<DesignationTerm>) => termIssues({ ...term, ...t }).map((i) => i.path);

describe('designation term rules', () => {
  it('accepts whole and half days up to 190', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ releaseDays: 0.5 })).toEqual([]);
    expect(paths({ releaseDays: 190 })).toEqual([]);
    expect(paths({ reviewOn: null })).toEqual([]);
  });

  it.each([0, -1, 190.5, 200, Number.NaN])('refuses %d release days', (releaseDays) => {
    expect(paths({ releaseDays })).toEqual(['releaseDays']);
  });

  it('refuses fractions other than halves', () => {
    expect(termIssues({ ...term, releaseDays: 10.25 })[0]?.message).toContain('whole or half days');
  });

  it('needs the end after the start and the review inside the term', () => {
    expect(paths({ endsOn: '2025-09-01' })).toEqual(['endsOn']);
    expect(paths({ endsOn: '2025-08-01', reviewOn: null })).toEqual(['endsOn']);
    expect(paths({ reviewOn: '2029-01-01' })).toEqual(['reviewOn']);
    expect(paths({ reviewOn: '2025-08-31' })).toEqual(['reviewOn']);
  });
});

describe('current designation', () => {
  const d = { status: 'active' as const, startsOn: '2025-09-01', endsOn: '2026-09-01' };
  it('is current from its start up to, not including, its end', () => {
    expect(isCurrent(d, '2025-08-31')).toBe(false);
    expect(isCurrent(d, '2025-09-01')).toBe(true);
    expect(isCurrent(d, '2026-08-31')).toBe(true);
    expect(isCurrent(d, '2026-09-01')).toBe(false);
  });
  it('is never current once withdrawn or lapsed', () => {
    expect(isCurrent({ ...d, status: 'withdrawn' }, '2026-01-01')).toBe(false);
    expect(isCurrent({ ...d, status: 'lapsed' }, '2026-01-01')).toBe(false);
    expect(mayWithdraw({ status: 'withdrawn' })).toBe(false);
    expect(mayWithdraw({ status: 'active' })).toBe(true);
  });
});

it('measures distance between grid references in km', () => {
  expect(distanceKm({ easting: 0, northing: 0 }, { easting: 3000, northing: 4000 })).toBe(5);
  expect(distanceKm({ easting: 433000, northing: 279000 }, { easting: 433000, northing: 279049 })).toBe(0);
});
