import { describe, expect, it } from 'vitest';
import { type Candidate, type MatchRequest, rankMatches } from './matching-domain.ts';

const MATHS = 'maths-id';
const request: MatchRequest = {
  schoolUrn: 1,
  specialismId: MATHS,
  specialismName: 'Mathematics',
  phase: 'primary',
  days: 3,
  startsOn: '2025-10-01',
  location: { easting: 400000, northing: 300000 },
};
let n = 0;
const candidate = (over: Partial<Candidate> = {}): Candidate => {
  n += 1;
  return {
    designationId: `d${n}`,
    personId: `p${n}`,
    fullName: `Leader ${n}`,
    schoolUrn: 100 + n,
    schoolName: `School ${n}`,
    kind: 'sle',
    phase: 'primary',
    status: 'active',
    startsOn: '2024-09-01',
    endsOn: '2027-09-01',
    specialismIds: [MATHS],
    releaseDays: 15,
    allocatedDays: 0,
    location: { easting: 401000, northing: 300000 },
    ratings: [],
    ...over,
  };
};

describe('rankMatches', () => {
  it('excludes the requesting school’s own staff, lapsed designations and those without enough days, saying why', () => {
    const own = candidate({ schoolUrn: 1, fullName: 'Own' });
    const lapsed = candidate({ endsOn: '2025-08-31', fullName: 'Lapsed' });
    const busy = candidate({ allocatedDays: 13, fullName: 'Busy' });
    const ok = candidate({ fullName: 'Fine' });
    const r = rankMatches(request, [own, lapsed, busy, ok]);
    expect(r.matches.map((m) => m.candidate.fullName)).toEqual(['Fine']);
    const why = Object.fromEntries(r.excluded.map((e) => [e.candidate.fullName, e.reasons.join('; ')]));
    expect(why.Own).toMatch(/requesting school/);
    expect(why.Lapsed).toMatch(/not current/);
    expect(why.Busy).toBe('Only 2 days left this year; 3 days needed');
  });

  it('ranks the same phase and the nearer first, and gives its reasons', () => {
    const far = candidate({ fullName: 'Far', location: { easting: 440000, northing: 300000 } });
    const secondary = candidate({ fullName: 'Secondary', phase: 'secondary' });
    const near = candidate({ fullName: 'Near' });
    const r = rankMatches(request, [far, secondary, near]);
    expect(r.matches.map((m) => m.candidate.fullName)).toEqual(['Near', 'Far', 'Secondary']);
    expect(r.matches[0]!.reasons).toEqual(expect.arrayContaining(['Holds Mathematics', 'Primary phase, as requested', '1.0 km away']));
  });

  it('among equals prefers the leader deployed less this year', () => {
    const busier = candidate({ fullName: 'Busier', allocatedDays: 4 });
    const fresh = candidate({ fullName: 'Fresh', allocatedDays: 0, location: { easting: 401500, northing: 300000 } });
    expect(rankMatches(request, [busier, fresh]).matches.map((m) => m.candidate.fullName)).toEqual(['Fresh', 'Busier']);
  });

  it('counts past feedback', () => {
    const poor = candidate({ fullName: 'Poor', ratings: [1, 1] });
    const good = candidate({ fullName: 'Good', ratings: [4, 3], location: { easting: 420000, northing: 300000 } });
    const r = rankMatches(request, [poor, good]);
    expect(r.matches[0]!.candidate.fullName).toBe('Good');
    expect(r.matches[0]!.reasons).toContain('Rated good or better on 2 of 2 evaluated deployments');
  });

  it('shows a request for a specialism nobody holds as unmatched, with the reason', () => {
    const r = rankMatches({ ...request, specialismId: 'latin', specialismName: 'Latin' }, [candidate(), candidate()]);
    expect(r.matches).toEqual([]);
    expect(r.unmatchedReason).toBe('Nobody in the network holds a designation in Latin');
  });

  it('lists a person with two designations once', () => {
    const a = candidate({ fullName: 'Twice' });
    const b = { ...candidate({ fullName: 'Twice', kind: 'lle' }), personId: a.personId };
    expect(rankMatches(request, [a, b]).matches).toHaveLength(1);
  });
});
