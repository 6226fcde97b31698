import { beforeAll, describe, expect, it } from 'vitest';
import { indexProblem } from './core.ts';
import { type Highs, highsOptimum, loadHighs } from './highs-reference.ts';
import { fixByLagrange, lagrangianBound, leaderIndex } from './lagrange.ts';
import { solveSplit } from './split.ts';
import { randomProblem } from './test-problems.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('lagrangianBound', () => {
  it('lies between the split optimum and the whole optimum (HiGHS MIP), and fixing never drops an optimal option', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const core = indexProblem(randomProblem(seed, { requests: 20, leaders: 6 }));
      const split = solveSplit(core)!;
      const optimum = highsOptimum(highs, core, 'whole')!;
      const allowed = { pairs: new Uint8Array(core.pairLeader.length).fill(1), unserved: new Uint8Array(core.requestCount).fill(1) };
      const mu = Float64Array.from(split.requestPrice, (price, r) => price * core.need[r]!);
      const result = lagrangianBound(core, leaderIndex(core), allowed, mu, optimum, 200, Number.POSITIVE_INFINITY);
      expect(result.bound2, `seed ${seed}`).toBeGreaterThanOrEqual(split.cost2);
      expect(result.bound2, `seed ${seed}`).toBeLessThanOrEqual(optimum);
      // Options ruled out against optimum + 1 cannot be in any optimal allocation: the optimum stays reachable.
      fixByLagrange(core, leaderIndex(core), allowed, result.mu, result.value2, optimum + 1);
      // A dropped pair made dearer than any kept one could matter: the optimum must not move.
      const restricted = { ...core, pairCost: core.pairCost.map((c, p) => (allowed.pairs[p] ? c : core.unservedCost - 1)) };
      expect(highsOptimum(highs, restricted, 'whole'), `seed ${seed}`).toBe(optimum);
    }
  });
});
