import { describe, expect, it } from 'vitest';
import { checkClaims } from './evidence-domain.ts';

const framework = {
  standards: [
    { id: 'a', code: 'S1' },
    { id: 'b', code: 'S2' },
  ],
  levels: [1, 2, 3, 4].map((level) => ({ level })),
};

describe('checkClaims', () => {
  it('accepts standards of the framework at its levels', () => {
    expect(
      checkClaims(
        [
          { standardId: 'a', level: 4 },
          { standardId: 'b', level: 1 },
        ],
        framework,
      ),
    ).toBeNull();
  });

  it('refuses a level outside the framework, naming the range', () => {
    expect(checkClaims([{ standardId: 'a', level: 5 }], framework)).toBe(
      'Level 5 is not a level of this framework: choose a level from 1 to 4 for S1',
    );
  });

  it('refuses no claim, a standard of another framework and a standard claimed twice', () => {
    expect(checkClaims([], framework)).toMatch(/at least one standard/);
    expect(checkClaims([{ standardId: 'zz', level: 2 }], framework)).toMatch(/cohort’s framework/);
    expect(
      checkClaims(
        [
          { standardId: 'a', level: 2 },
          { standardId: 'a', level: 3 },
        ],
        framework,
      ),
    ).toMatch(/claimed twice/);
  });
});
