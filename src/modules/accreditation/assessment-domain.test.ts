import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessorConflict, decideOutcome, judgementIssues, moderatorConflict } from './assessment-domain.ts';

const ids = Array.from({ length: 10 }, (_, i) => `s${i + 1}`);
const rule = { minLevel: 3, minStandards: 7 };
const judged = (levels: (number | null)[]) => levels.map((level, i) => ({ standardId: ids[i]!, level }));

describe('decideOutcome', () => {
  it('accredits at level 3 or above on 7 of the 10 standards', () => {
    expect(decideOutcome(ids, judged([3, 3, 4, 3, 3, 3, 3, 2, 1, null]), rule)).toMatchObject({ outcome: 'accredited', toWorkOn: [] });
  });

  it('asks for resubmission on 6 of 10, naming the standards below the level', () => {
    const d = decideOutcome(ids, judged([3, 3, 4, 3, 3, 3, 2, 2, 1, null]), rule);
    expect(d.outcome).toBe('resubmit');
    expect(d.toWorkOn).toEqual(['s7', 's8', 's9', 's10']);
    expect(d.pass).toMatchObject({ standardsAtLevel: 6, needed: 7 });
  });

  it('counts the moderator’s level where they overturned the assessor', () => {
    const js = judged([3, 3, 3, 3, 3, 3, 3, 1, 1, 1]);
    js[0] = { ...js[0]!, moderatedLevel: 2, overturned: true } as (typeof js)[number];
    expect(decideOutcome(ids, js, rule).outcome).toBe('resubmit');
    js[0] = { standardId: 's1', level: 3, moderatedLevel: 2, overturned: false } as (typeof js)[number];
    expect(decideOutcome(ids, js, rule).outcome).toBe('accredited');
  });

  it('accredits exactly when the number of standards at the pass level reaches the rule', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 1, max: 4 })), { minLength: 10, maxLength: 10 }), (levels) => {
        const atLevel = levels.filter((l) => l != null && l >= 3).length;
        const d = decideOutcome(ids, judged(levels), rule);
        expect(d.outcome).toBe(atLevel >= 7 ? 'accredited' : 'resubmit');
        if (d.outcome === 'resubmit') expect(d.toWorkOn).toHaveLength(10 - atLevel);
      }),
    );
  });
});

describe('judgementIssues', () => {
  const standards = [
    { id: 'a', code: 'S1' },
    { id: 'b', code: 'S2' },
  ];
  const levels = [1, 2, 3, 4].map((level) => ({ level }));
  it('refuses a level outside the framework, with the range', () => {
    expect(judgementIssues(standards, levels, [{ standardId: 'a', level: 5, feedback: 'x' }], false)).toEqual([
      { path: 'level-a', message: 'S1: level 5 is not one of this framework’s levels (1 to 4)' },
    ]);
  });
  it('asks for every standard and its feedback before the assessment is finished', () => {
    const issues = judgementIssues(standards, levels, [{ standardId: 'a', level: null, feedback: null }], true);
    expect(issues.map((i) => i.message)).toEqual(['S1: give feedback on this standard', 'S2: choose the level reached']);
    expect(judgementIssues(standards, levels, [{ standardId: 'a', level: 2, feedback: 'ok' }], false)).toEqual([]);
  });
});

describe('conflicts of interest', () => {
  it('keeps candidates and mentors from assessing, and assessors from moderating themselves', () => {
    expect(assessorConflict('p', 'p', [])).toMatch(/own portfolio/);
    expect(assessorConflict('m', 'p', ['m'])).toMatch(/mentor/);
    expect(assessorConflict('x', 'p', ['m'])).toBeNull();
    expect(moderatorConflict('x', 'x', 'p')).toMatch(/own assessment/);
    expect(moderatorConflict('y', 'x', 'p')).toBeNull();
  });
});
