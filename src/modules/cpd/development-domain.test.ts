import { describe, expect, it } from 'vitest';
import { compareScores, priorities, reportAvailability, suggestOptions } from './feedback360-domain.ts';
import { rotation } from './peer-review-domain.ts';

const qualities = [
  { id: 'q1', name: 'Vision' },
  { id: 'q2', name: 'Teaching' },
  { id: 'q3', name: 'People' },
  { id: 'q4', name: 'Rigour' },
];

describe('360 report', () => {
  it('appears only once three raters have answered', () => {
    expect(reportAvailability(2)).toEqual({ ready: false, answered: 2, needed: 1 });
    expect(reportAvailability(3)).toEqual({ ready: true });
  });

  it('compares the self-score with the mean of the others, to one decimal place', () => {
    const results = compareScores(
      qualities,
      new Map([
        ['q1', 5],
        ['q2', 3],
      ]),
      new Map([
        ['q1', [3, 4, 4]],
        ['q2', [4, 4, 5]],
        ['q3', [2, 3, 3]],
      ]),
    );
    expect(results.map((r) => [r.self, r.others, r.gap])).toEqual([
      [5, 3.7, 1.3],
      [3, 4.3, -1.3],
      [null, 2.7, null],
      [null, null, null],
    ]);
  });

  it('puts the two lowest-rated qualities first, then blind spots, and suggests their options before general ones', () => {
    const results = compareScores(
      qualities,
      new Map([
        ['q1', 5],
        ['q2', 4],
        ['q4', 5],
      ]),
      new Map([
        ['q1', [3, 3, 3]],
        ['q2', [4, 4, 4]],
        ['q3', [2, 2, 3]],
        ['q4', [4, 4, 3]],
      ]),
    );
    expect(priorities(results)).toEqual([
      { qualityId: 'q3', reason: 'lowest' },
      { qualityId: 'q1', reason: 'lowest' },
      { qualityId: 'q4', reason: 'blind_spot' },
    ]);
    const menu = [
      { id: 'o-general', kind: 'discussion' as const, title: 'Discussion', qualityId: null },
      { id: 'o-teaching', kind: 'course' as const, title: 'Course', qualityId: 'q2' },
      { id: 'o-rigour', kind: 'placement' as const, title: 'Placement', qualityId: 'q4' },
      { id: 'o-people', kind: 'coaching' as const, title: 'Coaching', qualityId: 'q3' },
    ];
    expect(suggestOptions(results, menu).map((o) => o.id)).toEqual(['o-people', 'o-rigour', 'o-general']);
  });
});

describe('peer review rotation', () => {
  it.each([3, 4])('with %i heads reviews every school once, each head leading once and never their own', (size) => {
    for (let cycle = 1; cycle < size; cycle++) {
      const visits = rotation(size, cycle);
      expect(visits.map((v) => v.reviewed).sort()).toEqual([...Array(size).keys()]);
      expect(visits.map((v) => v.lead).sort()).toEqual([...Array(size).keys()]);
      for (const v of visits) expect(v.lead).not.toBe(v.reviewed);
    }
    const pairs = new Set(
      Array.from({ length: size - 1 }, (_, i) => rotation(size, i + 1))
        .flat()
        .map((v) => `${v.lead}>${v.reviewed}`),
    );
    expect(pairs.size).toBe(size * (size - 1));
  });

  it('refuses groups of two or five', () => {
    expect(() => rotation(2)).toThrow(RangeError);
    expect(() => rotation(5)).toThrow(RangeError);
  });
});
