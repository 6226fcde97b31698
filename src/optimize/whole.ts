// The whole variant (a generalised assignment problem): every request goes to one leader or stays
// unserved. From the split optimum: keep what it already sends whole, place the rest greedily, improve
// by local search (shift, ejection, swap), then prove or improve with branch and bound on the Lagrangian
// bound (lagrange.ts), after fixing every option whose reduced cost alone rules it out.
import type { Core } from './core.ts';
import { fixByLagrange, lagrangianBound, leaderIndex } from './lagrange.ts';
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

/** Picks of a relaxation (within every leader's days, some requests without one) made whole: the rest placed largest first on the cheapest leader with room. */
export function completePicks(core: Core, pick: Int32Array): Choice {
  const choice = pick.slice();
  const used = new Int32Array(core.leaderCount);
  const open: number[] = [];
  for (let r = 0; r < core.requestCount; r++) {
    if (choice[r]! >= 0) used[core.pairLeader[choice[r]!]!]! += core.need[r]!;
    else open.push(r);
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

function everyRequestHasOption(core: Core, allowed: { pairs: Uint8Array; unserved: Uint8Array }): boolean {
  for (let r = 0; r < core.requestCount; r++) {
    if (allowed.unserved[r]) continue;
    let any = false;
    for (let p = core.start[r]!; p < core.start[r + 1]! && !any; p++) any = allowed.pairs[p] === 1;
    if (!any) return false;
  }
  return true;
}

/** Subgradient steps of the Lagrangian bound at the root and at every other node of the branch and bound. */
const ROOT_SUBGRADIENT_STEPS = 600;
const NODE_SUBGRADIENT_STEPS = 15;
/** A start from the relaxation gets local search when it is at most this much (cost x half-days) above the incumbent. */
const LOCAL_SEARCH_MARGIN = 20_000;

export interface ProofResult {
  choice: Choice;
  cost2: number;
  /** The best bound proved on the whole optimum (equal to cost2 when proven). */
  bound2: number;
  proven: boolean;
}

/** The requests still open after fixing, as a smaller problem, and how to map its answers back. */
interface Reduced {
  core: Core;
  requestOf: Int32Array;
  pairOf: Int32Array;
  /** Whether each reduced request may stay unserved in a better allocation. */
  unserved: Uint8Array;
  fixedChoice: Choice;
  fixedCost2: number;
}

/**
 * Keep the options that could still be part of an allocation cheaper than `target` (by their reduced cost
 * at the split optimum); requests left with one option are fixed. Null when no cheaper allocation exists.
 */
function reduce(core: Core, root: SplitSolution, target: number): Reduced | null {
  const R = core.requestCount;
  const lower = root.cost2;
  const keepPair = new Uint8Array(core.pairLeader.length);
  const keepUnserved = new Uint8Array(R);
  for (let r = 0; r < R; r++) {
    const need = core.need[r]!;
    let options = 0;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (lower + root.pairReducedCost[p]! * need < target) {
        keepPair[p] = 1;
        options++;
      }
    }
    if (lower + root.unservedReducedCost[r]! * need < target) {
      keepUnserved[r] = 1;
      options++;
    }
    if (options === 0) return null;
  }
  return shrink(core, keepPair, keepUnserved, target);
}

/**
 * The problem with only the options kept: requests left with one option are fixed (their days taken from the
 * leader), the others form a smaller problem. Null when no allocation of these options costs less than `target`.
 */
function shrink(core: Core, keepPair: Uint8Array, keepUnserved: Uint8Array, target: number): Reduced | null {
  const R = core.requestCount;
  const fixedChoice = new Int32Array(R).fill(-1);
  const residual = core.capacity.slice();
  const open: number[] = [];
  let fixedCost2 = 0;
  for (let r = 0; r < R; r++) {
    const need = core.need[r]!;
    let options = keepUnserved[r]!;
    let last = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (keepPair[p]) {
        options++;
        last = p;
      }
    }
    if (options === 0) return null;
    if (options > 1) {
      open.push(r);
      continue;
    }
    fixedChoice[r] = last;
    fixedCost2 += costOf(core, r, last);
    if (last >= 0) residual[core.pairLeader[last]!]! -= need;
  }
  if (residual.some((c) => c < 0) || fixedCost2 >= target) return null;

  const start = new Int32Array(open.length + 1);
  const pairOf: number[] = [];
  const pairLeader: number[] = [];
  const pairCost: number[] = [];
  const unserved = new Uint8Array(open.length);
  open.forEach((r, i) => {
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (!keepPair[p]) continue;
      pairOf.push(p);
      pairLeader.push(core.pairLeader[p]!);
      pairCost.push(core.pairCost[p]!);
    }
    start[i + 1] = pairOf.length;
    unserved[i] = keepUnserved[r]!;
  });
  const requestOf = Int32Array.from(open);
  return {
    core: {
      requestCount: open.length,
      leaderCount: core.leaderCount,
      need: Int32Array.from(open, (r) => core.need[r]!),
      capacity: residual,
      start,
      pairLeader: Int32Array.from(pairLeader),
      pairCost: Float64Array.from(pairCost),
      unservedCost: core.unservedCost,
      requestIds: open.map((r) => core.requestIds[r]!),
      leaderIds: core.leaderIds,
    },
    requestOf,
    pairOf: Int32Array.from(pairOf),
    unserved,
    fixedChoice,
    fixedCost2,
  };
}

/**
 * Branch and bound, depth first. The root: options whose reduced cost at the split optimum alone lifts the
 * bound to the incumbent are dropped (reduce), then the Lagrangian bound (one knapsack per leader) is raised
 * by subgradient steps from the split prices, its relaxations made whole give incumbents, and options it
 * rules out are dropped, until none is; requests left with one option are fixed. The tree searches the rest:
 * every node bounds by the Lagrangian from its parent's prices, drops what that rules out, and branches on a
 * request its relaxation takes twice or not at all: that pair, or any option but that pair.
 */
export function branchAndBound(core: Core, root: SplitSolution, incumbent: Choice, deadline: number, onNode?: () => void): ProofResult {
  let best = incumbent.slice();
  let best2 = totalCost2(core, best);
  const lower = root.cost2;
  if (best2 <= lower) return { choice: best, cost2: best2, bound2: best2, proven: true };
  const reduced = reduce(core, root, best2);
  if (!reduced) return { choice: best, cost2: best2, bound2: best2, proven: true };
  const sub = reduced.core;
  const fixed = reduced.fixedCost2;
  const adopt = (subChoice: Choice, subCost2: number) => {
    if (fixed + subCost2 >= best2) return;
    best = reduced.fixedChoice.slice();
    subChoice.forEach((p, i) => {
      best[reduced.requestOf[i]!] = p < 0 ? -1 : reduced.pairOf[p]!;
    });
    best2 = fixed + subCost2;
  };
  const byLeader = leaderIndex(sub);
  // Root prices: the split optimum's, per request (its price per half-day times its half-days).
  const rootPrices = new Float64Array(sub.requestCount);
  reduced.requestOf.forEach((r, i) => {
    rootPrices[i] = root.requestPrice[r]! * sub.need[i]!;
  });

  /** Bound a node's options by the Lagrangian from `mu`; relaxations made whole feed the incumbent. */
  const bound = (allowed: { pairs: Uint8Array; unserved: Uint8Array }, mu: Float64Array, steps: number) => {
    let bestStart = Number.POSITIVE_INFINITY;
    return lagrangianBound(sub, byLeader, allowed, mu, best2 - fixed, steps, deadline, (pick) => {
      // Local search only for the best start of this node so far, when it comes near the incumbent.
      const start = completePicks(sub, pick);
      const startCost2 = fixed + totalCost2(sub, start);
      if (startCost2 >= bestStart || startCost2 >= best2 + LOCAL_SEARCH_MARGIN) return;
      bestStart = startCost2;
      const search = new LocalSearch(sub, start);
      search.run(deadline);
      adopt(search.choice, totalCost2(sub, search.choice));
    });
  };

  const rootAllowed = { pairs: new Uint8Array(sub.pairLeader.length).fill(1), unserved: reduced.unserved.slice() };
  let rootResult = bound(rootAllowed, rootPrices, ROOT_SUBGRADIENT_STEPS);
  while (fixed + rootResult.bound2 < best2 && performance.now() < deadline) {
    const dropped = fixByLagrange(sub, byLeader, rootAllowed, rootResult.mu, rootResult.value2, best2 - fixed);
    if (dropped === 0) break;
    rootResult = bound(rootAllowed, rootResult.mu, ROOT_SUBGRADIENT_STEPS);
  }
  const rootBound = Math.max(lower, fixed + rootResult.bound2);
  if (rootBound >= best2) return { choice: best, cost2: best2, bound2: best2, proven: true };
  // The tree searches only the requests the root left with a choice, on the leaders' days the others leave.
  const inner = shrink(sub, rootAllowed.pairs, rootAllowed.unserved, best2 - fixed);
  if (!inner) return { choice: best, cost2: best2, bound2: best2, proven: true };
  const tree = inner.core;
  const treeFixed = fixed + inner.fixedCost2;
  const treeIndex = leaderIndex(tree);
  const adoptTree = (treeChoice: Choice, treeCost2: number) => {
    if (treeFixed + treeCost2 >= best2) return;
    const subChoice = inner.fixedChoice.slice();
    treeChoice.forEach((p, i) => {
      subChoice[inner.requestOf[i]!] = p < 0 ? -1 : inner.pairOf[p]!;
    });
    adopt(subChoice, inner.fixedCost2 + treeCost2);
  };
  const treeBound = (allowed: { pairs: Uint8Array; unserved: Uint8Array }, mu: Float64Array) =>
    lagrangianBound(tree, treeIndex, allowed, mu, best2 - treeFixed, NODE_SUBGRADIENT_STEPS, deadline);

  type Node = { pairs: Uint8Array; unserved: Uint8Array; bound: number; mu: Float64Array };
  const stack: Node[] = [
    {
      pairs: new Uint8Array(tree.pairLeader.length).fill(1),
      unserved: inner.unserved.slice(),
      bound: rootBound,
      mu: Float64Array.from(inner.requestOf, (r) => rootResult.mu[r]!),
    },
  ];
  while (stack.length > 0) {
    if (performance.now() > deadline) {
      let proved = best2;
      for (const node of stack) proved = Math.min(proved, node.bound);
      return { choice: best, cost2: best2, bound2: Math.max(lower, proved), proven: false };
    }
    const node = stack.pop()!;
    if (node.bound >= best2) continue;
    onNode?.();
    const result = treeBound(node, node.mu);
    const nodeBound = Math.max(node.bound, treeFixed + result.bound2);
    if (nodeBound >= best2) continue;
    if (!result.count) continue; // a request with no option left
    // Options this node's prices rule out are dropped for its subtree; a request left with none ends the node.
    if (fixByLagrange(tree, treeIndex, node, result.mu, result.value2, best2 - treeFixed) > 0 && !everyRequestHasOption(tree, node))
      continue;
    // Branch on the largest request the relaxation takes twice or more, else on the largest it leaves out.
    // A request with no pair left can only stay unserved: its outcome is settled, whatever the relaxation says.
    const settled = (r: number) => {
      for (let p = tree.start[r]!; p < tree.start[r + 1]!; p++) if (node.pairs[p]) return false;
      return true;
    };
    let branchR = -1;
    for (let r = 0; r < tree.requestCount; r++) {
      const c = result.count[r]!;
      if (c === 1 || (c === 0 && settled(r))) continue;
      const better =
        branchR < 0 ||
        (c > 1 && result.count[branchR]! <= 1) ||
        (c > 1 === result.count[branchR]! > 1 && tree.need[r]! > tree.need[branchR]!);
      if (better) branchR = r;
    }
    if (branchR < 0) {
      // Every request taken once (or settled unserved): the relaxation is a whole allocation, optimal for this node.
      adoptTree(result.pick!, totalCost2(tree, result.pick!));
      continue;
    }
    // The option to branch on: its pick in the relaxation, else its least reduced cost.
    let option = result.pick![branchR]!;
    if (option < 0 || result.count[branchR] === 0) {
      let least = Number.POSITIVE_INFINITY;
      option = -1;
      for (let p = tree.start[branchR]!; p < tree.start[branchR + 1]!; p++) {
        const value = tree.pairCost[p]! * tree.need[branchR]! - result.mu[branchR]!;
        if (node.pairs[p] && value < least) {
          least = value;
          option = p;
        }
      }
    }
    const without: Node = { pairs: node.pairs.slice(), unserved: node.unserved.slice(), bound: nodeBound, mu: result.mu };
    without.pairs[option] = 0;
    const only: Node = { pairs: node.pairs, unserved: node.unserved, bound: nodeBound, mu: result.mu };
    for (let p = tree.start[branchR]!; p < tree.start[branchR + 1]!; p++) if (p !== option) only.pairs[p] = 0;
    only.unserved[branchR] = 0;
    stack.push(without, only);
  }
  return { choice: best, cost2: best2, bound2: best2, proven: true };
}
