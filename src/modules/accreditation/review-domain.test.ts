import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checklistGaps, pairingIssues, proposePairings, type Reviewable, sameSchoolPairs } from './review-domain.ts';

const cohort = fc
  .uniqueArray(fc.record({ id: fc.uuid(), schoolUrn: fc.option(fc.integer({ min: 100000, max: 100004 }), { freq: 5 }) }), {
    selector: (c) => c.id,
    minLength: 2,
    maxLength: 30,
  })
  .map((cs) => cs as Reviewable[]);

/** The fewest same-school pairs any pairing can have: a school of m among n keeps 2m - n of its own. */
function fewestPossible(cs: Reviewable[]): number {
  const sizes = new Map<number, number>();
  for (const c of cs) if (c.schoolUrn != null) sizes.set(c.schoolUrn, (sizes.get(c.schoolUrn) ?? 0) + 1);
  const m = Math.max(0, ...sizes.values());
  if (m === cs.length) return m;
  return Math.max(0, 2 * m - cs.length);
}

describe('proposePairings', () => {
  it('has everyone review exactly one other and be reviewed by exactly one', () => {
    fc.assert(
      fc.property(cohort, (cs) => {
        const pairs = proposePairings(cs);
        const ids = cs.map((c) => c.id).sort();
        expect(pairs.map((p) => p.reviewerId).sort()).toEqual(ids);
        expect(pairs.map((p) => p.revieweeId).sort()).toEqual(ids);
        expect(pairs.every((p) => p.reviewerId !== p.revieweeId)).toBe(true);
        expect(pairingIssues(ids, pairs)).toEqual([]);
      }),
    );
  });

  it('keeps reviewers in their own school only as often as cannot be avoided', () => {
    fc.assert(
      fc.property(cohort, (cs) => {
        expect(sameSchoolPairs(cs, proposePairings(cs))).toBe(fewestPossible(cs));
      }),
    );
  });

  it('pairs across schools when it can', () => {
    const cs = [
      { id: 'a', schoolUrn: 1 },
      { id: 'b', schoolUrn: 1 },
      { id: 'c', schoolUrn: 2 },
      { id: 'd', schoolUrn: 3 },
    ];
    expect(sameSchoolPairs(cs, proposePairings(cs))).toBe(0);
  });

  it('proposes nothing for a cohort of one', () => {
    expect(proposePairings([{ id: 'a', schoolUrn: 1 }])).toEqual([]);
  });
});

describe('pairingIssues', () => {
  const names = new Map([
    ['a', 'Ann'],
    ['b', 'Ben'],
    ['c', 'Cal'],
  ]);
  it('refuses reviewing yourself, a second review of one portfolio and someone outside the cohort', () => {
    const issues = pairingIssues(
      ['a', 'b', 'c'],
      [
        { reviewerId: 'a', revieweeId: 'a' },
        { reviewerId: 'b', revieweeId: 'c' },
        { reviewerId: 'c', revieweeId: 'c' },
        { reviewerId: 'x', revieweeId: 'a' },
      ],
      names,
    );
    expect(issues.map((i) => i.message)).toEqual([
      'Ann cannot review their own portfolio',
      'Cal cannot review their own portfolio',
      'Choose reviewers from this cohort’s candidates',
    ]);
    expect(
      pairingIssues(
        ['a', 'b', 'c'],
        [
          { reviewerId: 'a', revieweeId: 'c' },
          { reviewerId: 'b', revieweeId: 'c' },
        ],
        names,
      ),
    ).toEqual([{ path: 'reviewee-b', message: 'Cal is already reviewed by Ann' }]);
  });
});

describe('checklistGaps', () => {
  it('names the questions not fully met', () => {
    expect(
      checklistGaps({ coverage: 'met', context: 'partly', impact: 'not_met', levels: 'met', reflection: 'met', presentation: 'met' }),
    ).toEqual(['context', 'impact']);
  });
});
