import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsMentorLimit, proposeRotation, type RotationCandidate, rotationPeriods } from './mentors-domain.ts';

const periods = rotationPeriods('2025-09-01', '2026-07-17', 3);
const candidates = (n: number): RotationCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, personId: `p${i}`, schoolUrn: 100 + (i % 3) }));
const mentors = (n: number) => Array.from({ length: n }, (_, i) => ({ personId: `m${i}`, schoolUrn: 100 + (i % 2) }));

describe('rotation periods', () => {
  it('split the cohort dates into consecutive periods covering every day once', () => {
    expect(periods).toHaveLength(3);
    expect(periods[0]!.startsOn).toBe('2025-09-01');
    expect(periods[2]!.endsOn).toBe('2026-07-17');
    for (let i = 1; i < periods.length; i++) {
      const dayAfter = new Date(Date.parse(`${periods[i - 1]!.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(periods[i]!.startsOn).toBe(dayAfter);
    }
  });
});

describe('proposeRotation', () => {
  it('gives two ASTs two candidates each and swaps them between periods (seed 001)', () => {
    const result = proposeRotation({ candidates: candidates(4), mentors: mentors(2), periods, maxMentees: 2 });
    if (!result.ok) throw new Error(result.reason);
    for (const c of candidates(4)) {
      const seq = result.pairings.filter((p) => p.candidateId === c.id).map((p) => p.mentorId);
      expect(seq).toHaveLength(3);
      expect(seq[0]).not.toBe(seq[1]);
      expect(seq[1]).not.toBe(seq[2]);
    }
  });

  it('says how many mentors are missing when they cannot cover the candidates', () => {
    expect(proposeRotation({ candidates: candidates(5), mentors: mentors(2), periods, maxMentees: 2 })).toEqual({
      ok: false,
      reason: '5 candidates need at least 3 mentors taking up to 2 each; there are 2',
    });
  });

  it('prefers a mentor the candidate has not had before', () => {
    const result = proposeRotation({
      candidates: candidates(1),
      mentors: mentors(3),
      periods: periods.slice(0, 1),
      maxMentees: 2,
      history: [
        { candidateId: 'c0', mentorId: 'm0' },
        { candidateId: 'c0', mentorId: 'm1' },
      ],
    });
    expect(result.ok && result.pairings[0]!.mentorId).toBe('m2');
  });

  it('meets the rules for any cohort the mentors can cover (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (n, cap, p, extra) => {
          const m = Math.max(1, Math.ceil(n / cap)) + extra;
          const result = proposeRotation({
            candidates: candidates(n),
            mentors: mentors(m),
            periods: rotationPeriods('2025-09-01', '2026-07-17', p),
            maxMentees: cap,
          });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          for (let period = 0; period < p; period++) {
            const here = result.pairings.filter((x) => x.period === period);
            expect(new Set(here.map((x) => x.candidateId)).size).toBe(n);
            expect(here).toHaveLength(n);
            const load = new Map<string, number>();
            for (const x of here) load.set(x.mentorId, (load.get(x.mentorId) ?? 0) + 1);
            expect(Math.max(...load.values())).toBeLessThanOrEqual(cap);
            if (m >= 2 && period > 0) {
              for (const x of here) {
                const before = result.pairings.find((y) => y.period === period - 1 && y.candidateId === x.candidateId);
                expect(before?.mentorId).not.toBe(x.mentorId);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never makes a person their own mentor', () => {
    const c = candidates(2);
    const result = proposeRotation({
      candidates: c,
      mentors: [{ personId: 'p0', schoolUrn: null }, ...mentors(1)],
      periods,
      maxMentees: 2,
    });
    expect(result.ok && result.pairings.every((x) => x.mentorId !== 'p0' || x.candidateId !== 'c0')).toBe(true);
  });
});

describe('exceedsMentorLimit', () => {
  const a = (candidateId: string, startsOn: string, endsOn: string) => ({ mentorId: 'm', candidateId, startsOn, endsOn });
  it('counts only assignments that overlap in time', () => {
    const existing = [a('c1', '2025-09-01', '2025-12-31'), a('c2', '2025-09-01', '2025-10-31')];
    expect(exceedsMentorLimit(existing, a('c3', '2025-11-01', '2026-01-31'), 2)).toBe(false);
    expect(exceedsMentorLimit(existing, a('c3', '2025-10-01', '2026-01-31'), 2)).toBe(true);
  });
});
