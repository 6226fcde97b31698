import { describe, expect, it } from 'vitest';
import {
  allocationChoices,
  type Candidate,
  exclusionReasons,
  isValidReachKm,
  type MatchRequest,
  phaseFits,
  rankMatches,
} from './matching-domain.ts';

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

describe('the network’s reach', () => {
  const at = (km: number) => ({ easting: 400000 + km * 1000, northing: 300000 });

  it('excludes a leader beyond the default 50 km, saying how far, and keeps one within it', () => {
    const within = candidate({ fullName: 'Within', location: at(49.9) });
    const edge = candidate({ fullName: 'Edge', location: at(50) });
    const beyond = candidate({ fullName: 'Beyond', location: at(62.4) });
    const r = rankMatches(request, [within, edge, beyond]);
    expect(r.matches.map((m) => m.candidate.fullName).sort()).toEqual(['Edge', 'Within']);
    expect(r.excluded.map((e) => [e.candidate.fullName, e.reasons])).toEqual([
      ['Beyond', ['62.4 km away, beyond the network’s reach of 50 km']],
    ]);
  });

  it('allows a leader whose distance is unknown, saying so', () => {
    const unknown = candidate({ fullName: 'Unknown', location: null });
    expect(exclusionReasons(request, unknown, 1)).toEqual([]);
    const r = rankMatches({ ...request, location: null }, [candidate({ location: at(400) })], 1);
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]!.reasons).toContain('Distance unknown');
    expect(rankMatches(request, [unknown], 1).matches[0]!.reasons).toContain('Distance unknown');
  });

  it('follows the network’s own reach, in the rule and in the score', () => {
    const at30 = candidate({ fullName: 'Thirty', location: at(30) });
    const at120 = candidate({ fullName: 'Far', location: at(120) });
    expect(exclusionReasons(request, at30, 20)).toEqual(['30.0 km away, beyond the network’s reach of 20 km']);
    expect(exclusionReasons(request, at120, 150)).toEqual([]);
    const wide = rankMatches(request, [at30, at120], 150);
    expect(wide.matches.map((m) => m.candidate.fullName)).toEqual(['Thirty', 'Far']);
    // 25 points for distance fall to nothing at the reach: 30 km scores more of them within 150 km than within 50.
    const narrowScore = rankMatches(request, [at30], 50).matches[0]!.score;
    expect(wide.matches[0]!.score).toBeGreaterThan(narrowScore);
    const none = rankMatches(request, [at30, at120], 20);
    expect(none.matches).toEqual([]);
    expect(none.unmatchedReason).toBe('All 2 leaders who could do this are excluded by the rules below');
  });

  it('accepts a reach of whole km from 1 to 500 only', () => {
    expect([1, 50, 500].map(isValidReachKm)).toEqual([true, true, true]);
    expect([0, 501, 12.5, Number.NaN].map(isValidReachKm)).toEqual([false, false, false, false]);
  });
});

describe('phaseFits', () => {
  it('fits the same phase, or all-through on either side, and nothing else', () => {
    expect(phaseFits({ phase: 'primary' }, { phase: 'primary' })).toBe(true);
    expect(phaseFits({ phase: 'special' }, { phase: 'special' })).toBe(true);
    expect(phaseFits({ phase: 'secondary' }, { phase: 'all_through' })).toBe(true);
    expect(phaseFits({ phase: 'all_through' }, { phase: 'special' })).toBe(true);
    expect(phaseFits({ phase: 'primary' }, { phase: 'secondary' })).toBe(false);
    expect(phaseFits({ phase: 'special' }, { phase: 'primary' })).toBe(false);
    expect(phaseFits({ phase: 'middle' }, { phase: 'secondary' })).toBe(false);
  });

  it('is only a ranking in matching: a leader of another phase is listed, lower', () => {
    const r = rankMatches(request, [candidate({ fullName: 'Secondary', phase: 'secondary' })]);
    expect(r.matches.map((m) => m.candidate.fullName)).toEqual(['Secondary']);
    expect(r.matches[0]!.reasons).toContain('Secondary designation for a primary need (phase differs)');
  });
});

describe('allocationChoices', () => {
  it('proposes a person under their designation whose phase fits, though matching lists them under a better-scoring one of another phase', () => {
    // The same person: a well-rated secondary SLE designation, and a poorly rated primary NLE one.
    const secondary = candidate({ phase: 'secondary', ratings: [4, 4] });
    const primary = candidate({ personId: secondary.personId, fullName: secondary.fullName, kind: 'nle', ratings: [1] });
    const other = candidate({ phase: 'secondary' });
    const ranking = rankMatches(request, [secondary, primary, other], 50);
    expect(ranking.matches.find((m) => m.candidate.personId === secondary.personId)?.candidate.designationId).toBe(secondary.designationId);
    const { proposable, listed } = allocationChoices(request, ranking);
    expect(proposable.map((m) => m.candidate.designationId)).toEqual([primary.designationId]);
    // The line lists each person once: this one under the designation that may be proposed, the other as ranked.
    expect(listed.map((m) => m.candidate.designationId).sort()).toEqual([primary.designationId, other.designationId].sort());
  });
});
