import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseDaysLeft } from '../support/matching-domain.ts';
import { canFormTrio, distance, proposeTrios, type Signup, type SleCandidate } from './trios-domain.ts';

const MATHS = 'focus-maths';
const READING = 'focus-reading';
let n = 0;
const signup = (schoolUrn: number, e: number, overrides: Partial<Signup> = {}): Signup => {
  n += 1;
  return {
    id: `s${String(n).padStart(3, '0')}`,
    personId: `p${n}`,
    schoolUrn,
    phase: 'primary',
    focusId: MATHS,
    easting: e,
    northing: 0,
    ...overrides,
  };
};
const sle = (id: string, overrides: Partial<SleCandidate> = {}): SleCandidate => ({
  designationId: id,
  personId: `sle-${id}`,
  phase: 'primary',
  specialismIds: [MATHS],
  daysLeft: 10,
  easting: 0,
  northing: 0,
  ...overrides,
});

describe('trio proposals', () => {
  it('groups nearby schools together rather than across the county', () => {
    const west = [signup(1, 0), signup(2, 1000), signup(3, 2000)];
    const east = [signup(4, 50_000), signup(5, 51_000), signup(6, 52_000)];
    const { trios, unplaced } = proposeTrios([east[0]!, west[1]!, east[2]!, west[0]!, east[1]!, west[2]!], [sle('a')]);
    expect(trios.map((t) => [...t.signupIds].sort())).toEqual([west.map((s) => s.id), east.map((s) => s.id)]);
    expect(trios[0]!.travel).toBe(4000);
    expect(unplaced).toEqual([]);
  });

  it('never puts two teachers of one school, two phases or two foci in one trio', () => {
    const a = signup(1, 0);
    expect(canFormTrio(a, signup(1, 10), signup(3, 20))).toBe(false);
    expect(canFormTrio(a, signup(2, 10), signup(3, 20, { phase: 'secondary' }))).toBe(false);
    expect(canFormTrio(a, signup(2, 10), signup(3, 20, { focusId: READING }))).toBe(false);
    expect(canFormTrio(a, signup(2, 10), signup(3, 20))).toBe(true);
    const { trios, unplaced } = proposeTrios([a, signup(1, 10), signup(2, 20)], []);
    expect(trios).toEqual([]);
    expect(unplaced).toHaveLength(3);
  });

  it('gives each trio an SLE with its focus and days left, same phase first, and never overcommits one', () => {
    const people = [signup(1, 0), signup(2, 0), signup(3, 0), signup(4, 0), signup(5, 0), signup(6, 0)];
    const sles = [
      sle('secondary-one', { phase: 'secondary', daysLeft: 2 }),
      sle('primary-one', { daysLeft: 3 }),
      sle('reading-only', { specialismIds: [READING], daysLeft: 20 }),
    ];
    const { trios } = proposeTrios(people, sles, 2);
    expect(trios.map((t) => t.sleDesignationId)).toEqual(['primary-one', 'secondary-one']);
    const none = proposeTrios(people.slice(0, 3), [sle('tired', { daysLeft: 1.5 })], 2);
    expect(none.trios[0]!.sleDesignationId).toBeNull();
  });

  it('counts a school without coordinates as far away', () => {
    expect(distance({ easting: null, northing: 1 }, { easting: 0, northing: 0 })).toBe(100_000);
    expect(distance({ easting: 3, northing: 4 }, { easting: 0, northing: 0 })).toBe(5);
  });

  it('keeps half days when counting an SLE’s days left (the support module’s calculation)', () => {
    expect(releaseDaysLeft({ releaseDays: 15, allocatedDays: 4.5 })).toBe(10.5);
    expect(releaseDaysLeft({ releaseDays: 2, allocatedDays: 4 })).toBe(0);
  });
});

const arbSignups = fc
  .array(
    fc.record({
      schoolUrn: fc.integer({ min: 1, max: 6 }),
      phase: fc.constantFrom('primary' as const, 'secondary' as const),
      focusId: fc.constantFrom(MATHS, READING),
      easting: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
      northing: fc.integer({ min: 0, max: 60_000 }),
    }),
    { maxLength: 24 },
  )
  .map((rows) => rows.map((r, i): Signup => ({ ...r, id: `s${i}`, personId: `p${i}` })));
const arbSles = fc
  .array(
    fc.record({
      phase: fc.constantFrom('primary' as const, 'secondary' as const),
      specialismIds: fc.subarray([MATHS, READING], { minLength: 1 }),
      daysLeft: fc.integer({ min: 0, max: 12 }).map((d) => d / 2),
      easting: fc.integer({ min: 0, max: 60_000 }),
      northing: fc.integer({ min: 0, max: 60_000 }),
    }),
    { maxLength: 5 },
  )
  .map((rows) => rows.map((r, i): SleCandidate => ({ ...r, designationId: `d${i}`, personId: `sle${i}` })));

describe('trio proposals (properties)', () => {
  it('form valid, disjoint trios, leave no trio unformed, and keep each SLE within their days', () => {
    fc.assert(
      fc.property(arbSignups, arbSles, fc.constantFrom(1, 2, 2.5), (signups, sles, days) => {
        const { trios, unplaced } = proposeTrios(signups, sles, days);
        const byId = new Map(signups.map((s) => [s.id, s]));
        const used = trios.flatMap((t) => t.signupIds);
        expect(new Set(used).size).toBe(used.length);
        expect([...used, ...unplaced].sort()).toEqual(signups.map((s) => s.id).sort());
        for (const t of trios) {
          const [a, b, c] = t.signupIds.map((id) => byId.get(id)!) as [Signup, Signup, Signup];
          expect(canFormTrio(a, b, c)).toBe(true);
          expect([a.phase, a.focusId]).toEqual([t.phase, t.focusId]);
        }
        // Greedy over every triple: no three left-over sign-ups could still form a trio.
        const left = unplaced.map((id) => byId.get(id)!);
        for (let i = 0; i < left.length; i++)
          for (let j = i + 1; j < left.length; j++)
            for (let k = j + 1; k < left.length; k++) expect(canFormTrio(left[i]!, left[j]!, left[k]!)).toBe(false);
        for (const s of sles) {
          const supported = trios.filter((t) => t.sleDesignationId === s.designationId);
          expect(supported.length * days).toBeLessThanOrEqual(s.daysLeft);
          for (const t of supported) expect(s.specialismIds).toContain(t.focusId);
        }
        // A trio goes without an SLE only when no one with its focus had the days left at that point.
        const unsupported = trios.filter((t) => t.sleDesignationId === null);
        for (const t of unsupported) {
          const spare = sles.filter(
            (s) =>
              s.specialismIds.includes(t.focusId) &&
              s.daysLeft - trios.filter((x) => x.sleDesignationId === s.designationId).length * days >= days,
          );
          expect(spare).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic whatever the order of the sign-ups', () => {
    fc.assert(
      fc.property(arbSignups, arbSles, (signups, sles) => {
        const shuffled = [...signups].reverse();
        expect(proposeTrios(shuffled, sles).trios).toEqual(proposeTrios(signups, sles).trios);
      }),
      { numRuns: 100 },
    );
  });
});
