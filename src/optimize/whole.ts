// The whole variant (a generalised assignment problem): every request goes to one leader or stays
// unserved. From the split optimum: keep what it already sends whole, place the rest greedily and improve
// by local search (shift, ejection, swap); branch-and-bound.ts then proves the answer or improves it.
import type { Core } from './core.ts';
import type { SplitSolution } from './split.ts';

/** The pairs that can carry a request whole (the leader has at least its days), as a core of their own. */
export function fittingCore(core: Core): { core: Core; pairOf: Int32Array; indexOf: Int32Array } {
  const start = new Int32Array(core.requestCount + 1);
  const indexOf = new Int32Array(core.pairLeader.length).fill(-1);
  let kept = 0;
  for (let r = 0; r < core.requestCount; r++) {
    const need = core.need[r]!;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) if (core.capacity[core.pairLeader[p]!]! >= need) indexOf[p] = kept++;
    start[r + 1] = kept;
  }
  const pairOf = new Int32Array(kept);
  const pairLeader = new Int32Array(kept);
  const pairCost = new Float64Array(kept);
  for (let p = 0; p < indexOf.length; p++) {
    const q = indexOf[p]!;
    if (q < 0) continue;
    pairOf[q] = p;
    pairLeader[q] = core.pairLeader[p]!;
    pairCost[q] = core.pairCost[p]!;
  }
  return { core: { ...core, start, pairLeader, pairCost }, pairOf, indexOf };
}

/** A whole allocation: for each request a pair index, or -1 when unserved. */
export type Choice = Int32Array;

export const costOf = (core: Core, r: number, option: number) => (option < 0 ? core.unservedCost : core.pairCost[option]!) * core.need[r]!;

export function totalCost2(core: Core, choice: Choice): number {
  let total = 0;
  for (let r = 0; r < core.requestCount; r++) total += costOf(core, r, choice[r]!);
  return total;
}

/** Keep the requests the split optimum serves whole; place the others, largest first, on the cheapest leader with room. */
export function roundSplit(core: Core, split: SplitSolution): Choice {
  const R = core.requestCount;
  const choice = new Int32Array(R).fill(-1);
  const used = new Int32Array(core.leaderCount);
  const open: number[] = [];
  for (let r = 0; r < R; r++) {
    const need = core.need[r]!;
    if (split.unservedFlow[r] === need) continue;
    let whole = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) if (split.pairFlow[p] === need) whole = p;
    if (whole >= 0) {
      choice[r] = whole;
      used[core.pairLeader[whole]!]! += need;
    } else open.push(r);
  }
  open.sort((a, b) => core.need[b]! - core.need[a]!);
  for (const r of open) {
    const need = core.need[r]!;
    let best = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const l = core.pairLeader[p]!;
      if (core.capacity[l]! - used[l]! >= need && (best < 0 || core.pairCost[p]! < core.pairCost[best]!)) best = p;
    }
    if (best >= 0) {
      choice[r] = best;
      used[core.pairLeader[best]!]! += need;
    }
  }
  return choice;
}

/**
 * Largest requests first, each to the leader with room whose cost, priced at the split optimum (reduced cost:
 * the cost plus the leader's shadow price), is least; with `priced` false, by plain cost. Big requests need a
 * leader with many days left, so they go before small ones fragment the capacity.
 */
export function largestFirst(core: Core, split: SplitSolution, priced: boolean): Choice {
  const R = core.requestCount;
  const choice = new Int32Array(R).fill(-1);
  const left = core.capacity.slice();
  const order = Array.from({ length: R }, (_, r) => r).sort((a, b) => core.need[b]! - core.need[a]! || a - b);
  const score = priced ? split.pairReducedCost : core.pairCost;
  for (const r of order) {
    const need = core.need[r]!;
    let best = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (left[core.pairLeader[p]!]! >= need && (best < 0 || score[p]! < score[best]!)) best = p;
    }
    if (best >= 0) {
      choice[r] = best;
      left[core.pairLeader[best]!]! -= need;
    }
  }
  return choice;
}

/** Requests largest first (ties by index), kept per problem: completePicks runs at every subgradient step. */
const largestFirstOrder = new WeakMap<Core, Int32Array>();
function requestsLargestFirst(core: Core): Int32Array {
  let order = largestFirstOrder.get(core);
  if (!order) {
    order = Int32Array.from({ length: core.requestCount }, (_, r) => r).sort((a, b) => core.need[b]! - core.need[a]! || a - b);
    largestFirstOrder.set(core, order);
  }
  return order;
}

/** Picks of a relaxation (within every leader's days, some requests without one) made whole: the rest placed largest first on the cheapest leader with room. */
export function completePicks(core: Core, pick: Int32Array): Choice {
  const choice = pick.slice();
  const used = new Int32Array(core.leaderCount);
  for (let r = 0; r < core.requestCount; r++) if (choice[r]! >= 0) used[core.pairLeader[choice[r]!]!]! += core.need[r]!;
  for (const r of requestsLargestFirst(core)) {
    if (pick[r]! >= 0) continue;
    const need = core.need[r]!;
    let best = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const l = core.pairLeader[p]!;
      if (core.capacity[l]! - used[l]! >= need && (best < 0 || core.pairCost[p]! < core.pairCost[best]!)) best = p;
    }
    if (best >= 0) {
      choice[r] = best;
      used[core.pairLeader[best]!]! += need;
    }
  }
  return choice;
}

/** Drop assignments that overfill a leader (later requests first), so any choice becomes feasible. */
export function makeFeasible(core: Core, choice: Choice): Choice {
  const used = new Int32Array(core.leaderCount);
  const fixed = choice.slice();
  for (let r = 0; r < core.requestCount; r++) {
    const p = fixed[r]!;
    if (p < 0) continue;
    const l = core.pairLeader[p]!;
    if (used[l]! + core.need[r]! > core.capacity[l]!) fixed[r] = -1;
    else used[l]! += core.need[r]!;
  }
  return fixed;
}

/** Local search over a feasible choice, in place. */
export class LocalSearch {
  readonly used: Int32Array;
  /** Requests on each leader, with each request's position in its leader's list. */
  private readonly members: number[][];
  private readonly position: Int32Array;

  constructor(
    private readonly core: Core,
    readonly choice: Choice,
  ) {
    this.used = new Int32Array(core.leaderCount);
    this.members = Array.from({ length: core.leaderCount }, () => []);
    this.position = new Int32Array(core.requestCount);
    for (let r = 0; r < core.requestCount; r++) {
      const p = choice[r]!;
      if (p >= 0) this.add(r, p);
    }
  }

  private add(r: number, p: number) {
    const l = this.core.pairLeader[p]!;
    this.used[l]! += this.core.need[r]!;
    this.position[r] = this.members[l]!.length;
    this.members[l]!.push(r);
  }

  private remove(r: number, p: number) {
    const l = this.core.pairLeader[p]!;
    this.used[l]! -= this.core.need[r]!;
    const list = this.members[l]!;
    const last = list.pop()!;
    if (last !== r) {
      list[this.position[r]!] = last;
      this.position[last] = this.position[r]!;
    }
  }

  move(r: number, option: number) {
    const old = this.choice[r]!;
    if (old >= 0) this.remove(r, old);
    this.choice[r] = option;
    if (option >= 0) this.add(r, option);
  }

  private slack(l: number) {
    return this.core.capacity[l]! - this.used[l]!;
  }

  private leaderOf(option: number) {
    return option < 0 ? -1 : this.core.pairLeader[option]!;
  }

  /** Move r to a cheaper leader with room. */
  shift(r: number): boolean {
    const { core } = this;
    const need = core.need[r]!;
    const current = this.choice[r]!;
    let best = current;
    let bestCost = costOf(core, r, current);
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const c = core.pairCost[p]! * need;
      if (c < bestCost && p !== current && this.slack(core.pairLeader[p]!) >= need) {
        best = p;
        bestCost = c;
      }
    }
    if (best === current) return false;
    this.move(r, best);
    return true;
  }

  /** Move r to a cheaper, full leader by moving one of its requests elsewhere (or out). */
  eject(r: number): boolean {
    const { core } = this;
    const need = core.need[r]!;
    const current = this.choice[r]!;
    const currentLeader = this.leaderOf(current);
    const currentCost = costOf(core, r, current);
    let bestDelta = 0;
    let bestP = -1;
    let bestR2 = -1;
    let bestP2 = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const gain = core.pairCost[p]! * need - currentCost;
      if (gain >= 0 || p === current) continue;
      const l = core.pairLeader[p]!;
      const missing = need - this.slack(l);
      if (missing <= 0) continue; // shift's case
      for (const r2 of this.members[l]!) {
        const need2 = core.need[r2]!;
        if (need2 < missing) continue;
        const cost2 = costOf(core, r2, this.choice[r2]!);
        // r2 out
        let delta = gain + core.unservedCost * need2 - cost2;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestP = p;
          bestR2 = r2;
          bestP2 = -1;
        }
        for (let q = core.start[r2]!; q < core.start[r2 + 1]!; q++) {
          const l2 = core.pairLeader[q]!;
          if (l2 === l) continue;
          delta = gain + core.pairCost[q]! * need2 - cost2;
          if (delta >= bestDelta) continue;
          const room = this.slack(l2) + (l2 === currentLeader ? need : 0);
          if (room >= need2) {
            bestDelta = delta;
            bestP = p;
            bestR2 = r2;
            bestP2 = q;
          }
        }
      }
    }
    if (bestP < 0) return false;
    this.move(bestR2, bestP2);
    this.move(r, bestP);
    return true;
  }

  /** Exchange leaders with a request on a cheaper leader for r. */
  swap(r: number): boolean {
    const { core } = this;
    const need = core.need[r]!;
    const current = this.choice[r]!;
    if (current < 0) return false;
    const l1 = core.pairLeader[current]!;
    const currentCost = costOf(core, r, current);
    let bestDelta = 0;
    let bestP = -1;
    let bestR2 = -1;
    let bestQ = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const gain = core.pairCost[p]! * need - currentCost;
      if (gain >= 0) continue;
      const l2 = core.pairLeader[p]!;
      for (const r2 of this.members[l2]!) {
        const need2 = core.need[r2]!;
        if (this.slack(l2) + need2 < need || this.slack(l1) + need < need2) continue;
        for (let q = core.start[r2]!; q < core.start[r2 + 1]!; q++) {
          if (core.pairLeader[q] !== l1) continue;
          const delta = gain + (core.pairCost[q]! - core.pairCost[this.choice[r2]!]!) * need2;
          if (delta < bestDelta) {
            bestDelta = delta;
            bestP = p;
            bestR2 = r2;
            bestQ = q;
          }
        }
      }
    }
    if (bestP < 0) return false;
    this.move(r, -1);
    this.move(bestR2, bestQ);
    this.move(r, bestP);
    return true;
  }

  /** Improve until no move helps or the deadline passes; returns true when a local optimum was reached. */
  run(deadline: number, shiftOnly = false): boolean {
    const R = this.core.requestCount;
    for (;;) {
      let improved = false;
      for (let r = 0; r < R; r++) {
        if ((r & 255) === 0 && performance.now() > deadline) return false;
        if (this.shift(r) || (!shiftOnly && (this.eject(r) || this.swap(r)))) improved = true;
      }
      if (!improved) return true;
    }
  }
}
