import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveAllocation } from './allocate.ts';
import { indexProblem } from './core.ts';
import { type Highs, highsOptimum, loadHighs } from './highs-reference.ts';
import { randomProblem, sparseProblem } from './test-problems.ts';
import type { AllocationProblem, AllocationResult, Id, Variant } from './types.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Everything a caller relies on, checked from the problem alone. */
function checkResult(problem: AllocationProblem, result: AllocationResult, variant: Variant) {
  const need = new Map(problem.requests.map((r) => [r.id, r.days]));
  const capacity = new Map(problem.leaders.map((l) => [l.id, l.days]));
  const cost = new Map(problem.pairs.map((p) => [`${p.request}|${p.leader}`, p.costPerDay]));
  const load = new Map<Id, number>();
  const given = new Map<Id, number>();
  const servedBy = new Map<Id, Set<Id>>();
  let objective = 0;
  for (const a of result.assignments) {
    const c = cost.get(`${a.request}|${a.leader}`);
    expect(c, `pair ${a.request}-${a.leader} must be eligible`).toBeDefined();
    expect(a.days).toBeGreaterThan(0);
    objective += c! * a.days;
    load.set(a.leader, (load.get(a.leader) ?? 0) + a.days);
    given.set(a.request, (given.get(a.request) ?? 0) + a.days);
    if (!servedBy.has(a.leader)) servedBy.set(a.leader, new Set());
    servedBy.get(a.leader)!.add(a.request);
    if (variant === 'whole') expect(a.days).toBe(need.get(a.request));
  }
  for (const [leader, days] of load) expect(days).toBeLessThanOrEqual(capacity.get(leader)!);
  const unserved = new Map(result.unserved.map((u) => [u.request, u]));
  for (const r of problem.requests) {
    const u = unserved.get(r.id);
    expect((given.get(r.id) ?? 0) + (u?.days ?? 0), `days of ${r.id} add up`).toBe(r.days);
    if (variant === 'whole') expect(!u || (u.days === r.days && !given.has(r.id))).toBe(true);
    if (!u) continue;
    objective += problem.unservedCostPerDay * u.days;
    const eligible = problem.pairs.filter((p) => p.request === r.id).map((p) => p.leader);
    if (eligible.length === 0) {
      expect(u.reason).toBe('no eligible leader within reach');
      continue;
    }
    expect(u.reason).toBe('capacity used up by others');
    // True: no eligible leader has room for it (split: for one more half-day; whole: for the whole request).
    const room = variant === 'split' ? 0.5 : r.days;
    for (const l of eligible) expect(capacity.get(l)! - (load.get(l) ?? 0), `leader ${l} has room for ${r.id}`).toBeLessThan(room);
    // Named: exactly the other requests holding those leaders' days.
    const holders = new Set<Id>();
    for (const l of eligible) for (const other of servedBy.get(l) ?? []) if (other !== r.id) holders.add(other);
    expect(new Set(u.competing)).toEqual(holders);
  }
  expect(result.objective).toBe(objective);
  expect(result.lowerBound).toBeLessThanOrEqual(result.objective);
}

describe('solveAllocation', () => {
  it('split: the optimum equals HiGHS LP optimum exactly on 80 random problems', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const problem = randomProblem(seed);
      const result = solveAllocation(problem, { variant: 'split' });
      checkResult(problem, result, 'split');
      expect(result.objective * 2, `seed ${seed}`).toBe(highsOptimum(highs, indexProblem(problem), 'split'));
      expect(result.lowerBound).toBe(result.objective);
    }
  });

  it('whole: the optimum equals HiGHS MIP optimum exactly on 80 random problems, proven (lower bound = objective)', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const problem = randomProblem(seed, { requests: 10, leaders: 5 });
      const result = solveAllocation(problem, { variant: 'whole' });
      checkResult(problem, result, 'whole');
      const split = solveAllocation(problem, { variant: 'split' });
      expect(result.objective * 2, `seed ${seed}`).toBe(highsOptimum(highs, indexProblem(problem), 'whole'));
      expect(result.lowerBound, `seed ${seed}`).toBe(result.objective);
      expect(result.objective).toBeGreaterThanOrEqual(split.objective);
    }
  });

  it('whole: larger problems (up to 30 requests, 8 leaders), where the Lagrangian bound fixes options and branches: HiGHS MIP optimum, proven', () => {
    for (let seed = 1001; seed <= 1030; seed++) {
      const problem = randomProblem(seed, { requests: 30, leaders: 8 });
      const result = solveAllocation(problem, { variant: 'whole', timeLimitMs: 10_000 });
      checkResult(problem, result, 'whole');
      expect(result.objective * 2, `seed ${seed}`).toBe(highsOptimum(highs, indexProblem(problem), 'whole'));
      expect(result.lowerBound, `seed ${seed}`).toBe(result.objective);
    }
  });

  it('whole: areas that share no leader are proved one by one, and their optima add up to HiGHS MIP optimum of the whole', () => {
    for (let seed = 2001; seed <= 2012; seed++) {
      const areas = [0, 1, 2].map((a) => sparseProblem(seed * 10 + a, { requests: 25, leaders: 6, pairsPerRequest: 3 }));
      const renamed = (a: number, id: string | number) => `a${a}-${id}`;
      const problem: AllocationProblem = {
        unservedCostPerDay: 1000,
        requests: areas.flatMap((area, a) => area.requests.map((r) => ({ ...r, id: renamed(a, r.id) }))),
        leaders: areas.flatMap((area, a) => area.leaders.map((l) => ({ ...l, id: renamed(a, l.id) }))),
        pairs: areas.flatMap((area, a) => area.pairs.map((p) => ({ ...p, request: renamed(a, p.request), leader: renamed(a, p.leader) }))),
      };
      const result = solveAllocation(problem, { variant: 'whole', timeLimitMs: 10_000 });
      checkResult(problem, result, 'whole');
      expect(result.objective * 2, `seed ${seed}`).toBe(highsOptimum(highs, indexProblem(problem), 'whole'));
      expect(result.lowerBound, `seed ${seed}`).toBe(result.objective);
    }
  });

  it('properties: capacities never exceeded, only eligible pairs, every unserved request with a true reason', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom<Variant>('split', 'whole'), (seed, variant) => {
        const problem = randomProblem(seed, { requests: 25, leaders: 8 });
        checkResult(problem, solveAllocation(problem, { variant, timeLimitMs: 200 }), variant);
      }),
      { numRuns: 100 },
    );
  });

  it('warm start: among equally cheap allocations, the previous one is kept', () => {
    // Two requests, two leaders of one day each, every pair at the same cost: two optimal allocations.
    const problem: AllocationProblem = {
      unservedCostPerDay: 100,
      requests: [
        { id: 'a', days: 1 },
        { id: 'b', days: 1 },
      ],
      leaders: [
        { id: 'x', days: 1 },
        { id: 'y', days: 1 },
      ],
      pairs: ['a', 'b'].flatMap((request) => ['x', 'y'].map((leader) => ({ request, leader, costPerDay: 5 }))),
    };
    const cold = solveAllocation(problem, { variant: 'whole' });
    const leaderOf = (result: AllocationResult, request: string) => result.assignments.find((a) => a.request === request)?.leader;
    const other = (leader: Id | undefined) => (leader === 'x' ? 'y' : 'x');
    const previous: AllocationResult = {
      ...cold,
      assignments: cold.assignments.map((a) => ({ ...a, leader: other(a.leader) })),
    };
    const warm = solveAllocation(problem, { variant: 'whole', warmStart: previous });
    expect(warm.objective).toBe(cold.objective);
    for (const request of ['a', 'b']) expect(leaderOf(warm, request)).toBe(leaderOf(previous, request));
  });

  it('warm start: after a few edits, re-solving from the previous result gives the same optimum as a cold solve', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const problem = randomProblem(seed, { requests: 16, leaders: 6 });
      for (const variant of ['split', 'whole'] as const) {
        const before = solveAllocation(problem, { variant });
        // A broker's edits: one request grows, one leader leaves, a new request arrives.
        const edited: AllocationProblem = {
          ...problem,
          requests: [...problem.requests.map((r, i) => (i === 0 ? { ...r, days: r.days + 1 } : r)), { id: 'new', days: 2 }],
          leaders: problem.leaders.slice(1),
          pairs: [
            ...problem.pairs.filter((p) => p.leader !== problem.leaders[0]!.id),
            ...problem.leaders.slice(1, 3).map((l) => ({ request: 'new', leader: l.id, costPerDay: 5 })),
          ],
        };
        const cold = solveAllocation(edited, { variant });
        const warm = solveAllocation(edited, { variant, warmStart: before });
        checkResult(edited, warm, variant);
        expect(warm.objective, `seed ${seed} ${variant}`).toBe(cold.objective);
        if (variant === 'whole') expect(warm.lowerBound).toBe(warm.objective);
      }
    }
  });

  it('reports progress and refuses a problem that breaks its contract, naming the record', () => {
    const stages: string[] = [];
    solveAllocation(randomProblem(7), { variant: 'whole', onProgress: (p) => stages.push(p.stage) });
    expect(stages).toEqual(expect.arrayContaining(['split', 'round', 'improve', 'prove']));
    const base = { unservedCostPerDay: 100, requests: [{ id: 'a', days: 1 }], leaders: [{ id: 'x', days: 2 }] };
    expect(() => solveAllocation({ ...base, pairs: [{ request: 'a', leader: 'y', costPerDay: 1 }] }, { variant: 'split' })).toThrow(
      'unknown leader y',
    );
    expect(() => solveAllocation({ ...base, pairs: [{ request: 'a', leader: 'x', costPerDay: 100 }] }, { variant: 'split' })).toThrow(
      'pair a-x',
    );
    expect(() => solveAllocation({ ...base, requests: [{ id: 'a', days: 0.3 }], pairs: [] }, { variant: 'split' })).toThrow('request a');
  });
});
