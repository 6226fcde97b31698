// The problem in index form: half-days as integers, pairs grouped by request (CSR), so the solvers
// work on typed arrays and never on ids.
import type { AllocationProblem, Id } from './types.ts';

export interface Core {
  requestCount: number;
  leaderCount: number;
  /** Half-days needed by each request. */
  need: Int32Array;
  /** Half-days each leader can give. */
  capacity: Int32Array;
  /** Pairs of request r are start[r] .. start[r + 1] - 1. */
  start: Int32Array;
  pairLeader: Int32Array;
  /** Cost per day of each pair (per half-day flow unit this doubles the objective, so totals are halved at the end). */
  pairCost: Float64Array;
  unservedCost: number;
  requestIds: Id[];
  leaderIds: Id[];
}

/** Raised for a problem that breaks the API's contract (unknown id, fractional cost...): the message names the record. */
export class ProblemError extends Error {}

const halfDays = (days: number, what: string) => {
  const h = days * 2;
  if (!Number.isInteger(h) || h < 0) throw new ProblemError(`${what}: days must be a non-negative multiple of 0.5 (got ${days})`);
  return h;
};

export function indexProblem(problem: AllocationProblem): Core {
  const R = problem.requests.length;
  const L = problem.leaders.length;
  const U = problem.unservedCostPerDay;
  if (!Number.isInteger(U) || U <= 0) throw new ProblemError(`unservedCostPerDay must be a positive integer (got ${U})`);
  const requestIndex = new Map<Id, number>();
  const leaderIndex = new Map<Id, number>();
  const need = new Int32Array(R);
  const capacity = new Int32Array(L);
  problem.requests.forEach((r, i) => {
    if (requestIndex.has(r.id)) throw new ProblemError(`request ${r.id}: id used twice`);
    requestIndex.set(r.id, i);
    need[i] = halfDays(r.days, `request ${r.id}`);
    if (need[i] === 0) throw new ProblemError(`request ${r.id}: days must be at least 0.5`);
  });
  problem.leaders.forEach((l, i) => {
    if (leaderIndex.has(l.id)) throw new ProblemError(`leader ${l.id}: id used twice`);
    leaderIndex.set(l.id, i);
    capacity[i] = halfDays(l.days, `leader ${l.id}`);
  });
  const count = new Int32Array(R + 1);
  const pr = new Int32Array(problem.pairs.length);
  const pl = new Int32Array(problem.pairs.length);
  problem.pairs.forEach((p, k) => {
    const r = requestIndex.get(p.request);
    const l = leaderIndex.get(p.leader);
    if (r === undefined) throw new ProblemError(`pair ${p.request}-${p.leader}: unknown request ${p.request}`);
    if (l === undefined) throw new ProblemError(`pair ${p.request}-${p.leader}: unknown leader ${p.leader}`);
    if (!Number.isInteger(p.costPerDay) || p.costPerDay < 0 || p.costPerDay >= U) {
      throw new ProblemError(
        `pair ${p.request}-${p.leader}: costPerDay must be an integer from 0 to below unservedCostPerDay (got ${p.costPerDay})`,
      );
    }
    pr[k] = r;
    pl[k] = l;
    count[r + 1]!++;
  });
  const start = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) start[r + 1] = start[r]! + count[r + 1]!;
  const fill = start.slice(0, R);
  const pairLeader = new Int32Array(problem.pairs.length);
  const pairCost = new Float64Array(problem.pairs.length);
  problem.pairs.forEach((p, k) => {
    const at = fill[pr[k]!]!++;
    pairLeader[at] = pl[k]!;
    pairCost[at] = p.costPerDay;
  });
  // A pair listed twice would let one request use a leader through two arcs: refuse it.
  const seen = new Int32Array(L).fill(-1);
  for (let r = 0; r < R; r++) {
    for (let p = start[r]!; p < start[r + 1]!; p++) {
      const l = pairLeader[p]!;
      if (seen[l] === r) throw new ProblemError(`pair ${problem.requests[r]!.id}-${problem.leaders[l]!.id}: listed twice`);
      seen[l] = r;
    }
  }
  return {
    requestCount: R,
    leaderCount: L,
    need,
    capacity,
    start,
    pairLeader,
    pairCost,
    unservedCost: U,
    requestIds: problem.requests.map((r) => r.id),
    leaderIds: problem.leaders.map((l) => l.id),
  };
}

/**
 * Some of a problem's requests on some of its leaders, as a problem of its own: `requests` and `pairOf` are
 * the original indices (pairs grouped by request as `start` says), `pairLeader` the new leader numbers, and
 * `leaders` the original leader of each new one (null when they are all kept as they are).
 */
export function coreWithin(
  core: Core,
  part: {
    requests: readonly number[] | Int32Array;
    leaders: readonly number[] | null;
    capacity: Int32Array;
    start: Int32Array;
    pairOf: readonly number[];
    pairLeader: readonly number[];
  },
): Core {
  const requests = Array.from(part.requests);
  return {
    requestCount: requests.length,
    leaderCount: part.leaders ? part.leaders.length : core.leaderCount,
    need: Int32Array.from(requests, (r) => core.need[r]!),
    capacity: part.capacity,
    start: part.start,
    pairLeader: Int32Array.from(part.pairLeader),
    pairCost: Float64Array.from(part.pairOf, (p) => core.pairCost[p]!),
    unservedCost: core.unservedCost,
    requestIds: requests.map((r) => core.requestIds[r]!),
    leaderIds: part.leaders ? part.leaders.map((l) => core.leaderIds[l]!) : core.leaderIds,
  };
}
