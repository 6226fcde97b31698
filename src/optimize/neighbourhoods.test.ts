import { describe, expect, it } from 'vitest';
import type { Core } from './core.ts';
import { indexProblem } from './core.ts';
import { improveByNeighbourhoods } from './neighbourhoods.ts';
import { solveSplit } from './split.ts';
import { sparseProblem } from './test-problems.ts';
import type { AllocationProblem } from './types.ts';
import { type Choice, LocalSearch, largestFirst, totalCost2 } from './whole.ts';

const usedDays = (core: Core, choice: Choice) => {
  const used = new Int32Array(core.leaderCount);
  choice.forEach((p, r) => {
    if (p >= 0) used[core.pairLeader[p]!]! += core.need[r]!;
  });
  return used;
};

describe('improveByNeighbourhoods', () => {
  it('serves a request that needs two others moved off its only leader, which one-request moves cannot do', () => {
    // A holds x and y (2 days each); r (4 days) can only go to A; x can move to B and y to C, each at a higher cost.
    const problem: AllocationProblem = {
      unservedCostPerDay: 1000,
      requests: [
        { id: 'r', days: 4 },
        { id: 'x', days: 2 },
        { id: 'y', days: 2 },
      ],
      leaders: [
        { id: 'A', days: 4 },
        { id: 'B', days: 2 },
        { id: 'C', days: 2 },
      ],
      pairs: [
        { request: 'r', leader: 'A', costPerDay: 10 },
        { request: 'x', leader: 'A', costPerDay: 1 },
        { request: 'x', leader: 'B', costPerDay: 50 },
        { request: 'y', leader: 'A', costPerDay: 1 },
        { request: 'y', leader: 'C', costPerDay: 50 },
      ],
    };
    const core = indexProblem(problem);
    const onA = (r: number) => {
      for (let p = core.start[r]!; p < core.start[r + 1]!; p++) if (core.leaderIds[core.pairLeader[p]!] === 'A') return p;
      return -1;
    };
    const choice = Int32Array.from([-1, onA(1), onA(2)]);
    const search = new LocalSearch(core, choice);
    search.run(Number.POSITIVE_INFINITY);
    expect(search.choice[0], 'local moves leave r out').toBe(-1);
    improveByNeighbourhoods(core, search.choice, Number.POSITIVE_INFINITY);
    expect(search.choice[0]).toBe(onA(0));
    // r on A, x on B, y on C: 4 x 10 + 2 x 50 + 2 x 50 (days doubled)
    expect(totalCost2(core, search.choice)).toBe(2 * (40 + 100 + 100));
  });

  it('never raises the cost or overfills a leader', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const core = indexProblem(sparseProblem(seed, { requests: 120, leaders: 25, pairsPerRequest: 3 }));
      const split = solveSplit(core)!;
      const choice = largestFirst(core, split, false);
      const before = totalCost2(core, choice);
      improveByNeighbourhoods(core, choice, Number.POSITIVE_INFINITY);
      expect(totalCost2(core, choice), `seed ${seed}`).toBeLessThanOrEqual(before);
      const used = usedDays(core, choice);
      for (let l = 0; l < core.leaderCount; l++) expect(used[l], `seed ${seed} leader ${l}`).toBeLessThanOrEqual(core.capacity[l]!);
    }
  });
});
