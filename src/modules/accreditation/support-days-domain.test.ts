import { describe, expect, it } from 'vitest';
import { academicYearOf, supportDayIssues } from './support-days-domain.ts';

const accreditation = { accreditedOn: '2025-07-10', expiresOn: '2028-07-10' };
const day = (kind: string, days: number, on = '2025-10-01') => ({ kind, days, on });

describe('supportDayIssues', () => {
  it('accepts the allowed kinds, in whole or half days', () => {
    expect(supportDayIssues(day('team_teaching', 0.5), accreditation, 0)).toEqual([]);
    expect(supportDayIssues(day('using_data', 2), accreditation, 7.5)).toEqual([]);
  });

  it('refuses formal lesson observation, interviews and capability work with the reason', () => {
    for (const kind of ['formal_lesson_observation', 'interview', 'capability']) {
      const [issue] = supportDayIssues(day(kind, 1), accreditation, 0);
      expect(issue?.path).toBe('kind');
      expect(issue?.message).toMatch(/cannot be logged: Lead Practitioner support is never formal lesson observation/);
    }
  });

  it('refuses an eleventh day in an academic year, with the numbers', () => {
    expect(supportDayIssues(day('cpd_delivery', 1), accreditation, 10)).toEqual([
      {
        path: 'days',
        message: 'This would make 11 days in 2025 to 2026: the commitment is at most 10 days a year (10 days already logged, 0 days left)',
      },
    ]);
    expect(supportDayIssues(day('cpd_delivery', 1), accreditation, 9.5)[0]?.message).toMatch(/10.5 days .* 0.5 days left/);
    expect(supportDayIssues(day('cpd_delivery', 0.5), accreditation, 9.5)).toEqual([]);
  });

  it('refuses quarter days and dates outside the accreditation', () => {
    expect(supportDayIssues(day('cpd_delivery', 0.25), accreditation, 0)[0]?.path).toBe('days');
    expect(supportDayIssues(day('cpd_delivery', 0), accreditation, 0)[0]?.path).toBe('days');
    expect(supportDayIssues(day('cpd_delivery', 1, '2025-07-01'), accreditation, 0)[0]?.path).toBe('on');
    expect(supportDayIssues(day('cpd_delivery', 1, '2028-07-11'), accreditation, 0)[0]?.path).toBe('on');
  });
});

describe('academicYearOf', () => {
  it('runs from 1 September to 31 August', () => {
    expect(academicYearOf('2025-08-31')).toBe(2024);
    expect(academicYearOf('2025-09-01')).toBe(2025);
  });
});
