import { describe, expect, it } from 'vitest';
import { daysBy, deployedWithinThreeMonths, ratedGoodOrBetter, threeMonthsAfter } from './reports-domain.ts';

describe('report figures', () => {
  const rows = [
    { leader: 'Priya', school: 'Alder', specialism: 'Maths', phase: 'Primary', workedOn: '2025-10-01', halfDays: 2 },
    { leader: 'Priya', school: 'Birch', specialism: 'Maths', phase: 'Primary', workedOn: '2026-01-05', halfDays: 1 },
    { leader: 'Tom', school: 'Alder', specialism: 'English', phase: 'Secondary', workedOn: '2025-11-01', halfDays: 4 },
  ];

  it('groups days by a dimension, largest first, and by term in calendar order with empty terms shown', () => {
    expect(daysBy(rows, 'leader', 2025)).toEqual([
      { key: 'Tom', halfDays: 4 },
      { key: 'Priya', halfDays: 3 },
    ]);
    expect(daysBy(rows, 'term', 2025)).toEqual([
      { key: 'Autumn term 2025', halfDays: 6 },
      { key: 'Spring term 2026', halfDays: 1 },
      { key: 'Summer term 2026', halfDays: 0 },
    ]);
  });

  it('counts designations deployed within three months, only once three months have passed', () => {
    expect(threeMonthsAfter('2025-11-30')).toBe('2026-02-28');
    const share = deployedWithinThreeMonths(
      [
        { startsOn: '2025-09-01', firstDeployedOn: '2025-11-20' },
        { startsOn: '2025-09-01', firstDeployedOn: '2026-01-10' },
        { startsOn: '2025-09-01', firstDeployedOn: null },
        { startsOn: '2026-01-01', firstDeployedOn: null },
      ],
      '2026-02-01',
    );
    expect(share).toEqual({ count: 1, of: 3, percent: 33 });
  });

  it('shares support rated good or better, with nothing rated as no figure', () => {
    expect(ratedGoodOrBetter(['excellent', 'good', 'satisfactory', 'poor'])).toEqual({ count: 2, of: 4, percent: 50 });
    expect(ratedGoodOrBetter([]).percent).toBeNull();
  });
});
