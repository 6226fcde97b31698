// The split variant as a min-cost flow: request nodes supply their half-days, each pair is an arc to its
// leader node, each leader drains into the sink up to its capacity, and an unserved arc per request goes
// straight to the sink at the unserved cost. Its optimum is the LP relaxation of the whole variant.
import type { Core } from './core.ts';
import { type FlowNetwork, minCostFlow, UNBOUNDED } from './min-cost-flow.ts';

export interface SplitSolution {
  /** Sum of cost per day x half-days: twice the objective in days. */
  cost2: number;
  pairFlow: Int32Array;
  unservedFlow: Int32Array;
  /** Reduced cost of each pair at the optimum (>= 0): a solution using pair p for h half-days costs at least cost2 + reducedCost[p] * h. */
  pairReducedCost: Float64Array;
  unservedReducedCost: Float64Array;
  /** What one more half-day of each request would cost at the optimum (its dual price). */
  requestPrice: Float64Array;
}

export interface SplitRestriction {
  /** Pairs allowed (1) or not (0); all when absent. */
  pairs?: Uint8Array;
  /** Requests allowed to stay unserved (1); all when absent. */
  unserved?: Uint8Array;
  /** Half-days needed, instead of core.need. */
  need?: Int32Array;
  /** Half-days left, instead of core.capacity. */
  capacity?: Int32Array;
}

/**
 * The flow network of the split variant: nodes are requests (0..R-1), leaders (R..R+L-1) and the sink (R+L).
 * `meaning` tells what each arc stands for: a pair index, -1 - r for request r's unserved arc, -(R + 1) - l for leader l's.
 */
export function splitNetwork(core: Core, restriction: SplitRestriction = {}): { network: FlowNetwork; meaning: Int32Array } {
  const R = core.requestCount;
  const L = core.leaderCount;
  const need = restriction.need ?? core.need;
  const capacity = restriction.capacity ?? core.capacity;
  const sink = R + L;
  const supply = new Float64Array(R + L + 1);
  let total = 0;
  for (let r = 0; r < R; r++) {
    supply[r] = need[r]!;
    total += need[r]!;
  }
  supply[sink] = -total;

  let arcs = L;
  for (let r = 0; r < R; r++) {
    if (need[r] === 0) continue;
    if (!restriction.unserved || restriction.unserved[r]) arcs++;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) if (!restriction.pairs || restriction.pairs[p]) arcs++;
  }
  const source = new Int32Array(arcs);
  const target = new Int32Array(arcs);
  const cap = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  const meaning = new Int32Array(arcs);
  let e = 0;
  for (let r = 0; r < R; r++) {
    if (need[r] === 0) continue;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (restriction.pairs && !restriction.pairs[p]) continue;
      source[e] = r;
      target[e] = R + core.pairLeader[p]!;
      cap[e] = UNBOUNDED;
      cost[e] = core.pairCost[p]!;
      meaning[e++] = p;
    }
    if (!restriction.unserved || restriction.unserved[r]) {
      source[e] = r;
      target[e] = sink;
      cap[e] = UNBOUNDED;
      cost[e] = core.unservedCost;
      meaning[e++] = -1 - r;
    }
  }
  for (let l = 0; l < L; l++) {
    source[e] = R + l;
    target[e] = sink;
    cap[e] = Math.max(0, capacity[l]!);
    cost[e] = 0;
    meaning[e++] = -(R + 1) - l;
  }
  return { network: { nodeCount: R + L + 1, supply, arcSource: source, arcTarget: target, arcCapacity: cap, arcCost: cost }, meaning };
}

/** Solve the split variant (optionally restricted); null when the restriction leaves it infeasible. */
export function solveSplit(core: Core, restriction: SplitRestriction = {}): SplitSolution | null {
  const R = core.requestCount;
  const sink = R + core.leaderCount;
  const pairCount = core.pairLeader.length;
  const { network, meaning } = splitNetwork(core, restriction);
  const arcs = meaning.length;
  const solved = minCostFlow(network);
  if (solved.status !== 'optimal') return null;
  const pairFlow = new Int32Array(pairCount);
  const unservedFlow = new Int32Array(R);
  for (let a = 0; a < arcs; a++) {
    const what = meaning[a]!;
    if (what >= 0) pairFlow[what] = solved.flow[a]!;
    else if (what >= -R) unservedFlow[-1 - what] = solved.flow[a]!;
  }
  const pi = solved.potential;
  const pairReducedCost = new Float64Array(pairCount);
  const unservedReducedCost = new Float64Array(R);
  const requestPrice = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    requestPrice[r] = pi[sink]! - pi[r]!;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      pairReducedCost[p] = core.pairCost[p]! + pi[r]! - pi[R + core.pairLeader[p]!]!;
    }
    unservedReducedCost[r] = core.unservedCost + pi[r]! - pi[sink]!;
  }
  return { cost2: solved.cost, pairFlow, unservedFlow, pairReducedCost, unservedReducedCost, requestPrice };
}

/**
 * Solve the split variant over all pairs by pricing: solve on a candidate set, add every pair the optimum's
 * potentials price below zero, repeat. The answer is optimal over all pairs (no pair prices below zero).
 */
export function solveSplitPriced(core: Core, candidates: Uint8Array): SplitSolution {
  const pairs = candidates.slice();
  for (;;) {
    const solution = solveSplit(core, { pairs })!;
    let added = 0;
    for (let p = 0; p < pairs.length; p++) {
      if (!pairs[p] && solution.pairReducedCost[p]! < 0) {
        pairs[p] = 1;
        added++;
      }
    }
    if (added === 0) {
      // Every pair now has a reduced cost; the excluded ones are >= 0, so these potentials prove optimality.
      return solution;
    }
  }
}

/** A candidate set for pricing: the pairs a previous solution used, plus the k cheapest pairs of each request. */
export function candidatePairs(core: Core, used: Uint8Array, k: number): Uint8Array {
  const mask = used.slice();
  const order: number[] = [];
  for (let r = 0; r < core.requestCount; r++) {
    order.length = 0;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) order.push(p);
    order.sort((a, b) => core.pairCost[a]! - core.pairCost[b]!);
    for (let i = 0; i < Math.min(k, order.length); i++) mask[order[i]!] = 1;
  }
  return mask;
}
