import { describe, expect, it } from 'vitest';
import {
  accreditationExpiry,
  checkFramework,
  checkPassRule,
  coverage,
  type FrameworkStandard,
  nextStandardCode,
  ssatDefaultFramework,
  withStandardAdded,
  withStandardRemoved,
} from './framework-domain.ts';

const standards: FrameworkStandard[] = ssatDefaultFramework.groups.flatMap((g) =>
  g.standards.map((s) => ({ id: s.code, code: s.code, title: s.title, description: '', groupName: g.name })),
);
const rule = ssatDefaultFramework.passRule;

describe('the shipped SSAT framework', () => {
  it('has ten standards in three groups, four levels, and passes at level 3 on 7 of 10 for 3 years', () => {
    expect(ssatDefaultFramework.groups.map((g) => g.standards.length)).toEqual([4, 3, 3]);
    expect(ssatDefaultFramework.levels.map((l) => `${l.level} ${l.name}`)).toEqual([
      '1 Beginning',
      '2 Developing',
      '3 Extending',
      '4 Transforming and leading',
    ]);
    expect(rule).toEqual({ minLevel: 3, minStandards: 7 });
    expect(ssatDefaultFramework.validityYears).toBe(3);
    expect(checkFramework(ssatDefaultFramework)).toEqual([]);
  });

  it('refuses a pass rule it could never meet, duplicate codes and gaps in the levels', () => {
    const bad = {
      ...ssatDefaultFramework,
      levels: [ssatDefaultFramework.levels[0]!, ssatDefaultFramework.levels[2]!],
      passRule: { minLevel: 3, minStandards: 11 },
      groups: [
        {
          name: 'One',
          standards: [
            { code: 'A', title: 'a', description: '' },
            { code: 'A', title: 'b', description: '' },
          ],
        },
      ],
    };
    expect(
      checkFramework(bad)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['groups', 'levels', 'passMinLevel', 'passMinStandards']);
  });
});

describe('the pass rule', () => {
  const ids = standards.map((s) => s.id);
  const levels = (n: number, level: number) => new Map(ids.slice(0, n).map((id) => [id, level]));

  it('is met at level 3 on exactly 7 standards, not on 6', () => {
    expect(checkPassRule(ids, levels(7, 3), rule).met).toBe(true);
    const six = checkPassRule(ids, levels(6, 4), rule);
    expect(six).toMatchObject({ met: false, standardsAtLevel: 6, needed: 7 });
    expect(six.below).toEqual(['S7', 'S8', 'S9', 'S10']);
  });

  it('does not count level 2 however many standards reach it', () => {
    expect(checkPassRule(ids, levels(10, 2), rule).met).toBe(false);
  });
});

describe('coverage', () => {
  it('places each claim in its standard x level cell, gathers mentor comments and says whether the pass rule would be met', () => {
    const claims = ids7().map((id, i) => ({
      evidenceId: `e${i}`,
      evidenceTitle: `Item ${i}`,
      standardId: id,
      claimedLevel: 3,
      ready: i < 3,
    }));
    const grid = coverage(standards, ssatDefaultFramework.levels, rule, claims, [{ evidenceId: 'e0', author: 'Tom', body: 'Good' }]);
    expect(grid.rows[0]!.cells.map((c) => c.evidenced)).toEqual([false, false, true, false]);
    expect(grid.rows[0]!.comments).toEqual([{ evidenceId: 'e0', author: 'Tom', body: 'Good' }]);
    expect(grid.rows[9]!.highestClaimed).toBe(0);
    expect(grid.pass.met).toBe(true);
    expect(grid.passOnReady).toMatchObject({ met: false, standardsAtLevel: 3 });
  });

  function ids7() {
    return standards.slice(0, 7).map((s) => s.id);
  }
});

describe('accreditation expiry', () => {
  it('is the same day three years on, 28 February for a leap day', () => {
    expect(accreditationExpiry('2025-07-15', 3)).toBe('2028-07-15');
    expect(accreditationExpiry('2024-02-29', 3)).toBe('2027-02-28');
  });
});

describe('adding and removing standards', () => {
  const codes = (c: typeof ssatDefaultFramework) => c.groups.map((g) => g.standards.map((s) => s.code));
  it('adds to the named group, or to a new group at the end, with the next code', () => {
    const added = withStandardAdded(ssatDefaultFramework, 'Personal skills', {
      code: nextStandardCode(ssatDefaultFramework),
      title: 'Resilience',
      description: '',
    });
    expect(codes(added)[0]).toEqual(['S1', 'S2', 'S3', 'S4', 'S11']);
    const grouped = withStandardAdded(added, 'Inclusion', { code: nextStandardCode(added), title: 'Leading inclusion', description: '' });
    expect(grouped.groups.map((g) => g.name).at(-1)).toBe('Inclusion');
    expect(codes(grouped).at(-1)).toEqual(['S12']);
    expect(checkFramework(grouped)).toEqual([]);
  });
  it('removes a standard and an emptied group; the pass rule then asking for too many is refused', () => {
    const removed = ['S1', 'S5', 'S6', 'S7'].reduce(withStandardRemoved, ssatDefaultFramework);
    expect(removed.groups.map((g) => g.name)).toEqual(['Personal skills', 'Process and impact on others']);
    expect(checkFramework(removed)).toEqual([
      { path: 'passMinStandards', message: 'The number of standards to pass must be between 1 and 6' },
    ]);
    expect(checkFramework({ ...removed, passRule: { minLevel: 3, minStandards: 5 } })).toEqual([]);
  });
});
