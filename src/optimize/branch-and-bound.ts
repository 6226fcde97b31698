// Branch and bound for the whole variant: proves a whole allocation optimal, or finds a cheaper one.
// The root drops every option that cannot be part of a cheaper allocation (first by its reduced cost at the
// split optimum, then by the Lagrangian bound of lagrange.ts, repeatedly) and fixes requests left with one
// option. What is left falls apart into independent parts (no leader shared), each searched on its own:
// the optimum is the sum of the parts' optima, so a part proved once stays proved while the others branch.
import { type Core, coreWithin } from './core.ts';
import { fixByLagrange, lagrangianBound, leaderIndex } from './lagrange.ts';
import { type SplitSolution, solveSplit } from './split.ts';
import { type Choice, completePicks, costOf, LocalSearch, makeFeasible, totalCost2 } from './whole.ts';

type Allowed = { pairs: Uint8Array; unserved: Uint8Array };

function everyRequestHasOption(core: Core, allowed: Allowed): boolean {
  for (let r = 0; r < core.requestCount; r++) {
    if (allowed.unserved[r]) continue;
    let any = false;
    for (let p = core.start[r]!; p < core.start[r + 1]! && !any; p++) any = allowed.pairs[p] === 1;
    if (!any) return false;
  }
  return true;
}

/**
 * Subgradient steps at the root: a short first run, then longer runs, each followed by dropping what its
 * prices rule out. Dropping early shrinks the knapsacks of the later runs, and a smaller problem's bound
 * rises faster (on the regional bench instance this alone proves the optimum at the root).
 */
const FIRST_ROOT_STEPS = 50;
const ROOT_STEPS = 100;
/** Subgradient steps at every other node of the search, from its parent's prices. */
const NODE_STEPS = 15;
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
  const unserved = new Uint8Array(open.length);
  open.forEach((r, i) => {
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (!keepPair[p]) continue;
      pairOf.push(p);
      pairLeader.push(core.pairLeader[p]!);
    }
    start[i + 1] = pairOf.length;
    unserved[i] = keepUnserved[r]!;
  });
  const requestOf = Int32Array.from(open);
  return {
    core: coreWithin(core, { requests: open, leaders: null, capacity: residual, start, pairOf, pairLeader }),
    requestOf,
    pairOf: Int32Array.from(pairOf),
    unserved,
    fixedChoice,
    fixedCost2,
  };
}

/**
 * Branch and bound from the split optimum `root` and a feasible `incumbent`, until proven or `deadline`. The
 * root bounds by the Lagrangian from the split prices; its relaxations, made whole and improved, feed the
 * incumbent; options it rules out are dropped until none is; the rest is searched part by part (searchPart).
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
  const bound = (allowed: Allowed, mu: Float64Array, steps: number) => {
    let bestStart = Number.POSITIVE_INFINITY;
    return lagrangianBound(sub, byLeader, allowed, mu, best2 - fixed, steps, deadline, (pick) => {
      // Local search only for the best start so far, when it comes near the incumbent.
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
  let rootResult = bound(rootAllowed, rootPrices, FIRST_ROOT_STEPS);
  while (fixed + rootResult.bound2 < best2 && performance.now() < deadline) {
    const dropped = fixByLagrange(sub, byLeader, rootAllowed, rootResult.mu, rootResult.value2, best2 - fixed);
    if (dropped === 0) break;
    rootResult = bound(rootAllowed, rootResult.mu, ROOT_STEPS);
  }
  const rootBound = Math.max(lower, fixed + rootResult.bound2);
  if (rootBound >= best2) return { choice: best, cost2: best2, bound2: best2, proven: true };
  // Every allocation cheaper than the incumbent lies in what is left: search it part by part.
  const subPairOfCore = new Int32Array(core.pairLeader.length).fill(-1);
  reduced.pairOf.forEach((p, q) => {
    subPairOfCore[p] = q;
  });
  // The incumbent on what is left (feasible there: the fixed requests may hold other leaders' days than in it).
  const subIncumbent = makeFeasible(
    sub,
    Int32Array.from(reduced.requestOf, (r) => (best[r]! < 0 ? -1 : subPairOfCore[best[r]!]!)),
  );
  const split = splitIntoParts(sub, rootAllowed, best2 - fixed);
  if (!split) return { choice: best, cost2: best2, bound2: best2, proven: true };
  const result = solveParts(sub, split, rootResult.mu, subIncumbent, best2 - fixed, deadline, onNode);
  adopt(result.choice, result.cost2);
  if (result.proven) return { choice: best, cost2: best2, bound2: best2, proven: true };
  return { choice: best, cost2: best2, bound2: Math.min(best2, Math.max(rootBound, fixed + result.bound2)), proven: false };
}

/** The options left, with requests that have one option fixed, split into independent parts; null when nothing left is cheaper than `target`. */
function splitIntoParts(core: Core, allowed: Allowed, target: number): { left: Reduced; parts: Part[] } | null {
  const left = shrink(core, allowed.pairs, allowed.unserved, target);
  return left && { left, parts: independentParts(left.core) };
}

/**
 * The best allocation over the allowed options below `target` (else `incumbent`, a feasible allocation): the
 * fixed requests as fixed and each part at its own optimum, searched from the incumbent where it fits. Small
 * parts go first, so the largest searches for what is left of the target once the others are known.
 * Proven: the result is that optimum, or nothing allowed is below `target`.
 */
function solveParts(
  core: Core,
  { left, parts }: { left: Reduced; parts: Part[] },
  mu: Float64Array,
  incumbent: Choice,
  target: number,
  deadline: number,
  onNode?: () => void,
): ProofResult {
  const incumbent2 = totalCost2(core, incumbent);
  const nothingBelow: ProofResult = { choice: incumbent, cost2: incumbent2, bound2: Math.min(incumbent2, target), proven: true };
  const leftPairOf = new Int32Array(core.pairLeader.length).fill(-1);
  left.pairOf.forEach((p, q) => {
    leftPairOf[p] = q;
  });
  const choice = left.fixedChoice.slice();
  let total2 = left.fixedCost2;
  let proved2 = left.fixedCost2;
  let proven = true;
  for (const part of parts.sort((a, b) => a.core.requestCount - b.core.requestCount)) {
    const start = Int32Array.from(part.requestOf, (t) => {
      const p = incumbent[left.requestOf[t]!]!;
      const q = p < 0 ? -1 : leftPairOf[p]!;
      return q < 0 ? -1 : part.pairIn[q]!;
    });
    const unserved = Uint8Array.from(part.requestOf, (t) => left.unserved[t]!);
    const prices = Float64Array.from(part.requestOf, (t) => mu[left.requestOf[t]!]!);
    // Costs are never negative, so the parts still to come need at least nothing.
    const result = searchPart(part.core, unserved, prices, start, target - proved2, deadline, onNode);
    if (result.proven && result.bound2 >= target - proved2 && result.cost2 >= target - proved2) return nothingBelow;
    total2 += result.cost2;
    proved2 += result.bound2;
    proven &&= result.proven;
    result.choice.forEach((p, i) => {
      choice[left.requestOf[part.requestOf[i]!]!] = p < 0 ? -1 : left.pairOf[part.pairOf[p]!]!;
    });
  }
  if (proved2 >= target && total2 >= incumbent2) return nothingBelow;
  const better = total2 < incumbent2;
  const cost2 = better ? total2 : incumbent2;
  return { choice: better ? choice : incumbent, cost2, bound2: Math.min(cost2, proved2), proven };
}

/** A part of a problem: some of its requests and the leaders they reach, renumbered, with the way back. */
interface Part {
  core: Core;
  /** The problem's request and pair each index of the part stands for. */
  requestOf: Int32Array;
  pairOf: Int32Array;
  /** The part's pair for each pair of the problem (-1 when in another part). */
  pairIn: Int32Array;
}

/** The problem split where no leader is shared: two requests are in one part when a chain of shared leaders joins them. */
function independentParts(core: Core): Part[] {
  const R = core.requestCount;
  const parent = Int32Array.from({ length: R + core.leaderCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let r = 0; r < R; r++) for (let p = core.start[r]!; p < core.start[r + 1]!; p++) parent[find(r)] = find(R + core.pairLeader[p]!);
  const members = new Map<number, number[]>();
  for (let r = 0; r < R; r++) {
    const key = find(r);
    const list = members.get(key);
    if (list) list.push(r);
    else members.set(key, [r]);
  }
  const pairIn = new Int32Array(core.pairLeader.length).fill(-1);
  const leaderIn = new Int32Array(core.leaderCount).fill(-1);
  return [...members.values()].map((requests) => {
    const leaders: number[] = [];
    const pairOf: number[] = [];
    const pairLeader: number[] = [];
    const start = new Int32Array(requests.length + 1);
    requests.forEach((r, i) => {
      for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
        const l = core.pairLeader[p]!;
        if (leaderIn[l]! < 0) {
          leaderIn[l] = leaders.length;
          leaders.push(l);
        }
        pairIn[p] = pairOf.length;
        pairOf.push(p);
        pairLeader.push(leaderIn[l]!);
      }
      start[i + 1] = pairOf.length;
    });
    return {
      core: coreWithin(core, {
        requests,
        leaders,
        capacity: Int32Array.from(leaders, (l) => core.capacity[l]!),
        start,
        pairOf,
        pairLeader,
      }),
      requestOf: Int32Array.from(requests),
      pairOf: Int32Array.from(pairOf),
      pairIn,
    };
  });
}

/**
 * Depth-first search of one part for an allocation below `target` (and below the start), from the root's
 * prices `mu` and a start (any allocation: its options need not be allowed). A node's bound is the better of
 * two: the Lagrangian from its parent's prices (strong where the knapsacks bite; it also drops the options it
 * rules out) and the split optimum over its options (exact; its shared requests say where to branch). A node
 * whose choices fall apart into independent parts searches them one by one (solveParts). Otherwise it branches
 * on the largest request the split optimum shares out: its largest share's pair, or any option but that pair.
 * Proven: the result is the part's optimum over the allowed options, or none of them is below `target`.
 */
function searchPart(
  core: Core,
  unserved: Uint8Array,
  mu: Float64Array,
  start: Choice,
  target: number,
  deadline: number,
  onNode?: () => void,
): ProofResult {
  const index = leaderIndex(core);
  const search = new LocalSearch(core, makeFeasible(core, start));
  search.run(deadline);
  let best = search.choice;
  let best2 = totalCost2(core, best);
  let limit = Math.min(best2, target); // what a node must beat to matter
  type Node = Allowed & { bound: number; mu: Float64Array };
  const stack: Node[] = [
    { pairs: new Uint8Array(core.pairLeader.length).fill(1), unserved: unserved.slice(), bound: Number.NEGATIVE_INFINITY, mu },
  ];
  let open2 = Number.POSITIVE_INFINITY; // the least bound of nodes whose parts ran out of time
  const adopt = (choice: Choice, cost2: number) => {
    if (cost2 >= best2) return;
    best = choice;
    best2 = cost2;
    limit = Math.min(best2, target);
  };
  while (stack.length > 0) {
    if (performance.now() > deadline) {
      let proved = Math.min(limit, open2);
      for (const node of stack) proved = Math.min(proved, node.bound);
      return { choice: best, cost2: best2, bound2: proved, proven: false };
    }
    const node = stack.pop()!;
    if (node.bound >= limit) continue;
    onNode?.();
    const relaxed = lagrangianBound(core, index, node, node.mu, limit, NODE_STEPS, deadline);
    if (relaxed.bound2 >= limit || !relaxed.count) continue;
    if (fixByLagrange(core, index, node, relaxed.mu, relaxed.value2, limit) > 0 && !everyRequestHasOption(core, node)) continue;
    const split = solveSplit(core, node);
    if (!split || split.cost2 >= limit) continue;
    const separate = splitIntoParts(core, node, limit);
    if (!separate) continue;
    if (separate.parts.length > 1) {
      const result = solveParts(core, separate, relaxed.mu, best, limit, deadline, onNode);
      adopt(result.choice, result.cost2);
      if (!result.proven) open2 = Math.min(open2, result.bound2);
      continue;
    }
    const branch = sharedRequest(core, split);
    if (!branch) {
      // The split optimum sends every request whole: it is this node's whole optimum.
      const choice = wholeChoice(core, split);
      adopt(choice, totalCost2(core, choice));
      continue;
    }
    const bound = Math.max(relaxed.bound2, Math.ceil(split.cost2 - 1e-9));
    const without: Node = { pairs: node.pairs.slice(), unserved: node.unserved.slice(), bound, mu: relaxed.mu };
    without.pairs[branch.pair] = 0;
    const only: Node = { pairs: node.pairs, unserved: node.unserved, bound, mu: relaxed.mu };
    for (let p = core.start[branch.request]!; p < core.start[branch.request + 1]!; p++) if (p !== branch.pair) only.pairs[p] = 0;
    only.unserved[branch.request] = 0;
    stack.push(without, only);
  }
  if (open2 < limit) return { choice: best, cost2: best2, bound2: open2, proven: false };
  return { choice: best, cost2: best2, bound2: limit, proven: true };
}

/** The largest request the split optimum shares between options, with the pair carrying most of it; null when none is shared. */
function sharedRequest(core: Core, split: SplitSolution): { request: number; pair: number } | null {
  let request = -1;
  let pair = -1;
  for (let r = 0; r < core.requestCount; r++) {
    const need = core.need[r]!;
    if (split.unservedFlow[r] === need) continue;
    let whole = false;
    let most = -1;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const flow = split.pairFlow[p]!;
      if (flow === need) whole = true;
      if (flow > 0 && (most < 0 || flow > split.pairFlow[most]!)) most = p;
    }
    if (!whole && (request < 0 || need > core.need[request]!)) {
      request = r;
      pair = most;
    }
  }
  return request < 0 ? null : { request, pair };
}

/** A split optimum that sends every request whole, as a choice. */
function wholeChoice(core: Core, split: SplitSolution): Choice {
  const choice = new Int32Array(core.requestCount).fill(-1);
  for (let r = 0; r < core.requestCount; r++) {
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) if (split.pairFlow[p] === core.need[r]) choice[r] = p;
  }
  return choice;
}
