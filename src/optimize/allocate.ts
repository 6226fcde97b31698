import { branchAndBound } from './branch-and-bound.ts';
import { type Core, indexProblem } from './core.ts';
import { improveByNeighbourhoods } from './neighbourhoods.ts';
import { candidatePairs, type SplitSolution, solveSplit, solveSplitPriced } from './split.ts';
import type { AllocationProblem, AllocationResult, Assignment, Id, Progress, SolveOptions, Unserved } from './types.ts';
import { type Choice, fittingCore, LocalSearch, largestFirst, makeFeasible, roundSplit, totalCost2 } from './whole.ts';

export { ProblemError } from './core.ts';
export type * from './types.ts';

const DEFAULT_TIME_LIMIT_MS = 1000;
/** The share of the whole variant's budget that neighbourhood search may take before the proof starts. */
const NEIGHBOURHOOD_SHARE = 0.3;
/** Cheapest pairs per request kept in the first round of a warm-started (priced) split solve. */
const WARM_CANDIDATES = 4;

/**
 * Allocate requests to leaders at least cost: the split variant exactly (min-cost flow), the whole variant by
 * rounding the split optimum, local search and branch and bound (proven optimal when the search after the split
 * solve finishes within `timeLimitMs`; then `lowerBound === objective`). Every unserved request carries its reason. Synchronous and
 * CPU-bound for up to its budget: a server calls it through solveInWorker (solve-in-worker.ts), which runs it in a
 * worker thread and passes `onProgress` back for a progress indicator.
 *
 * @throws ProblemError when the problem breaks its contract (unknown id, fractional days, a pair listed twice...).
 */
export function solveAllocation(problem: AllocationProblem, options: SolveOptions): AllocationResult {
  const core = indexProblem(problem);
  const progress = options.onProgress ?? (() => {});
  if (options.variant === 'split') {
    progress({ stage: 'split', fraction: 0 });
    const warm = options.warmStart ? warmChoice(core, options.warmStart) : null;
    const split = warm ? solveSplitPriced(core, candidatePairs(core, usedPairs(core, warm), WARM_CANDIDATES)) : solveSplit(core)!;
    progress({ stage: 'split', fraction: 1 });
    return splitResult(core, split);
  }
  // A request goes whole to one leader, so only leaders with at least its days can take it: the whole
  // variant works on those pairs alone, and their split optimum is its (much stronger) lower bound.
  const fitting = fittingCore(core);
  const whole = solveWhole(fitting.core, options, progress);
  const choice = whole.choice.map((p) => (p < 0 ? -1 : fitting.pairOf[p]!));
  return wholeResult(core, choice, whole.cost2, whole.bound2);
}

function solveWhole(core: Core, options: SolveOptions, progress: (p: Progress) => void): { choice: Choice; cost2: number; bound2: number } {
  progress({ stage: 'split', fraction: 0 });
  const warm = options.warmStart ? warmChoice(core, options.warmStart) : null;
  const split = warm ? solveSplitPriced(core, candidatePairs(core, usedPairs(core, warm), WARM_CANDIDATES)) : solveSplit(core)!;
  progress({ stage: 'split', fraction: 1 });

  const budget = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = performance.now() + budget;
  progress({ stage: 'round', fraction: null });
  // Several starts, cheap to build; the search improves the best of them. The previous allocation goes first,
  // so that among equally cheap allocations the one the broker saw is kept (every later step needs a strict gain).
  const starts = [roundSplit(core, split), largestFirst(core, split, true), largestFirst(core, split, false)];
  if (warm) starts.unshift(makeFeasible(core, warm));
  let choice = starts[0]!;
  for (const start of starts) if (totalCost2(core, start) < totalCost2(core, choice)) choice = start;
  progress({ stage: 'improve', fraction: null });
  new LocalSearch(core, choice).run(deadline);
  improveByNeighbourhoods(core, choice, Math.min(deadline, performance.now() + NEIGHBOURHOOD_SHARE * budget));
  progress({ stage: 'prove', fraction: null });
  let nodes = 0;
  const proof = branchAndBound(core, split, choice, deadline, () => {
    if (++nodes % 50 === 0) progress({ stage: 'prove', fraction: null });
  });
  // Shifts only lower the cost; after them no unserved request fits a leader with room, so its reason holds.
  const search = new LocalSearch(core, proof.choice);
  search.run(Number.POSITIVE_INFINITY, true);
  const cost2 = totalCost2(core, search.choice);
  return { choice: search.choice, cost2, bound2: Math.min(cost2, Math.max(split.cost2, proof.bound2)) };
}

/** A previous result as a choice on this problem (ids that no longer exist, or no longer pair, are dropped). */
function warmChoice(core: Core, previous: AllocationResult): Choice {
  const requestIndex = new Map<Id, number>(core.requestIds.map((id, i) => [id, i]));
  const leaderIndex = new Map<Id, number>(core.leaderIds.map((id, i) => [id, i]));
  const choice = new Int32Array(core.requestCount).fill(-1);
  const best = new Int32Array(core.requestCount);
  for (const a of previous.assignments) {
    const r = requestIndex.get(a.request);
    const l = leaderIndex.get(a.leader);
    if (r === undefined || l === undefined) continue;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      // With split assignments a request has several: keep the one carrying the most days.
      if (core.pairLeader[p] === l && a.days * 2 > best[r]!) {
        choice[r] = p;
        best[r] = a.days * 2;
      }
    }
  }
  return choice;
}

function usedPairs(core: Core, choice: Choice): Uint8Array {
  const mask = new Uint8Array(core.pairLeader.length);
  for (const p of choice) if (p >= 0) mask[p] = 1;
  return mask;
}

function splitResult(core: Core, split: SplitSolution): AllocationResult {
  const assignments: Assignment[] = [];
  const load = new Int32Array(core.leaderCount);
  const servedBy: number[][] = Array.from({ length: core.leaderCount }, () => []);
  for (let r = 0; r < core.requestCount; r++) {
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const f = split.pairFlow[p]!;
      if (f === 0) continue;
      const l = core.pairLeader[p]!;
      load[l]! += f;
      servedBy[l]!.push(r);
      assignments.push({ request: core.requestIds[r]!, leader: core.leaderIds[l]!, days: f / 2 });
    }
  }
  const unserved = unservedList(core, (r) => split.unservedFlow[r]!, servedBy);
  return { objective: split.cost2 / 2, lowerBound: split.cost2 / 2, assignments, unserved };
}

function wholeResult(core: Core, choice: Choice, cost2: number, bound2: number): AllocationResult {
  const assignments: Assignment[] = [];
  const servedBy: number[][] = Array.from({ length: core.leaderCount }, () => []);
  for (let r = 0; r < core.requestCount; r++) {
    const p = choice[r]!;
    if (p < 0) continue;
    const l = core.pairLeader[p]!;
    servedBy[l]!.push(r);
    assignments.push({ request: core.requestIds[r]!, leader: core.leaderIds[l]!, days: core.need[r]! / 2 });
  }
  const unserved = unservedList(core, (r) => (choice[r]! < 0 ? core.need[r]! : 0), servedBy);
  return { objective: cost2 / 2, lowerBound: bound2 / 2, assignments, unserved };
}

function unservedList(core: Core, unservedHalfDays: (r: number) => number, servedBy: number[][]): Unserved[] {
  const list: Unserved[] = [];
  for (let r = 0; r < core.requestCount; r++) {
    const h = unservedHalfDays(r);
    if (h === 0) continue;
    if (core.start[r] === core.start[r + 1]) {
      list.push({ request: core.requestIds[r]!, days: h / 2, reason: 'no eligible leader within reach', competing: [] });
      continue;
    }
    const competing = new Set<number>();
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) for (const other of servedBy[core.pairLeader[p]!]!) competing.add(other);
    competing.delete(r);
    list.push({
      request: core.requestIds[r]!,
      days: h / 2,
      reason: 'capacity used up by others',
      competing: [...competing].sort((a, b) => a - b).map((i) => core.requestIds[i]!),
    });
  }
  return list;
}
