// Minimum-cost flow by the primal network simplex method on typed arrays (after LEMON's NetworkSimplex:
// artificial root, strongly feasible spanning trees, heuristic initial pivots, block-search pricing). Integer data only: costs,
// capacities and supplies must be integers, and every sum stays exact in float64 (below 2^53).
// The spanning tree is kept as parent/pred/depth with doubly linked child lists, so the stem reversal of a
// pivot is a short loop and the subtree that moves is walked once, to shift its potentials and depths.

/** A flow network: arcs are given as parallel arrays; supply > 0 at sources, < 0 at sinks, summing to 0. */
export interface FlowNetwork {
  nodeCount: number;
  supply: ArrayLike<number>;
  arcSource: ArrayLike<number>;
  arcTarget: ArrayLike<number>;
  /** Upper bound of each arc (lower bounds are 0); use Infinity or any value >= UNBOUNDED for none. */
  arcCapacity: ArrayLike<number>;
  arcCost: ArrayLike<number>;
}

export type FlowStatus = 'optimal' | 'infeasible';

export interface FlowSolution {
  status: FlowStatus;
  /** Total cost of the flow (exact while below 2^53). */
  cost: number;
  flow: Int32Array;
  /** Node potentials: every arc's reduced cost cost + potential[source] - potential[target] is >= 0 where its flow is below capacity and <= 0 where its flow is above 0. */
  potential: Float64Array;
  pivots: number;
}

/** Capacities at or above this are treated as unbounded; flows must stay below it. */
export const UNBOUNDED = 0x3fffffff;

const LOWER = 1;
const TREE = 0;
const UPPER = -1;
const UP = 1; // pred arc runs from the node to its parent
const DOWN = -1; // pred arc runs from the parent to the node

export function minCostFlow(net: FlowNetwork): FlowSolution {
  const n = net.nodeCount;
  const m = net.arcSource.length;
  if (net.arcTarget.length !== m || net.arcCapacity.length !== m || net.arcCost.length !== m) {
    throw new RangeError('arc arrays differ in length');
  }
  if (net.supply.length !== n) throw new RangeError('supply must have one entry per node');

  const all = m + n; // real arcs, then one artificial arc per node
  const root = n;
  const source = new Int32Array(all);
  const target = new Int32Array(all);
  const cap = new Int32Array(all);
  // Potentials stay within twice the artificial cost; when that fits in 32 bits, store costs and potentials
  // as Int32Array: half the memory traffic in pricing, the hottest loop.
  let maxAbsCost = 0;
  for (let k = 0; k < m; k++) maxAbsCost = Math.max(maxAbsCost, Math.abs(net.arcCost[k]!));
  const narrow = (maxAbsCost + 1) * (n + 1) * 4 < 2 ** 31;
  const cost = narrow ? new Int32Array(all) : new Float64Array(all);
  const flow = new Int32Array(all);
  const state = new Int8Array(all);

  let maxCost = 0;
  let positiveSupply = 0;
  let supplySum = 0;
  for (let u = 0; u < n; u++) {
    const s = net.supply[u]!;
    if (!Number.isInteger(s)) throw new RangeError(`supply of node ${u} is not an integer`);
    supplySum += s;
    if (s > 0) positiveSupply += s;
  }
  if (supplySum !== 0) throw new RangeError('supplies must sum to 0');
  if (positiveSupply >= UNBOUNDED) throw new RangeError('total supply too large');
  // Store arcs in a mixed order (as LEMON does): a pricing block then samples the whole network instead of
  // the arcs of a few neighbouring nodes, which cuts the number of pivots severalfold.
  const position = new Int32Array(m);
  const skip = Math.max(3, Math.floor(m / Math.max(1, n)));
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    position[k] = i;
    i += skip;
    if (i >= m) i = ++j;
  }
  for (let k = 0; k < m; k++) {
    const e = position[k]!;
    const s = net.arcSource[k]!;
    const t = net.arcTarget[k]!;
    const c = net.arcCost[k]!;
    const u = net.arcCapacity[k]!;
    if (!(s >= 0 && s < n && t >= 0 && t < n) || !Number.isInteger(s) || !Number.isInteger(t)) {
      throw new RangeError(`arc ${k} has an endpoint outside the network`);
    }
    if (!Number.isInteger(c)) throw new RangeError(`cost of arc ${k} is not an integer`);
    if (!(u >= 0) || (u < UNBOUNDED && !Number.isInteger(u))) throw new RangeError(`capacity of arc ${k} is not a non-negative integer`);
    source[e] = s;
    target[e] = t;
    cost[e] = c;
    cap[e] = Math.min(u, UNBOUNDED);
    state[e] = LOWER;
    const a = Math.abs(c);
    if (a > maxCost) maxCost = a;
  }

  // Tree arrays carry one extra slot for the root.
  const parent = new Int32Array(n + 1);
  const pred = new Int32Array(n + 1);
  const dir = new Int8Array(n + 1);
  const depth = new Int32Array(n + 1);
  const firstChild = new Int32Array(n + 1).fill(-1);
  const nextSibling = new Int32Array(n + 1).fill(-1);
  const prevSibling = new Int32Array(n + 1).fill(-1);
  const pi = narrow ? new Int32Array(n + 1) : new Float64Array(n + 1);

  // Artificial arcs cost more than any path of real arcs, so they carry flow only when nothing else can.
  const artCost = (maxCost + 1) * (n + 1);
  parent[root] = -1;
  pred[root] = -1;
  for (let u = 0; u < n; u++) {
    const e = m + u;
    const s = net.supply[u]!;
    parent[u] = root;
    pred[u] = e;
    depth[u] = 1;
    cap[e] = UNBOUNDED;
    state[e] = TREE;
    if (s >= 0) {
      dir[u] = UP;
      source[e] = u;
      target[e] = root;
      flow[e] = s;
      cost[e] = 0;
      pi[u] = 0;
    } else {
      dir[u] = DOWN;
      source[e] = root;
      target[e] = u;
      flow[e] = -s;
      cost[e] = artCost;
      pi[u] = artCost;
    }
    // children of the root in order 0..n-1
    prevSibling[u] = u - 1;
    nextSibling[u] = u + 1 < n ? u + 1 : -1;
  }
  firstChild[root] = n > 0 ? 0 : -1;

  const detach = (v: number) => {
    const p = parent[v]!;
    const prev = prevSibling[v]!;
    const next = nextSibling[v]!;
    if (prev >= 0) nextSibling[prev] = next;
    else firstChild[p] = next;
    if (next >= 0) prevSibling[next] = prev;
  };
  const attach = (v: number, p: number) => {
    const head = firstChild[p]!;
    nextSibling[v] = head;
    prevSibling[v] = -1;
    if (head >= 0) prevSibling[head] = v;
    firstChild[p] = v;
    parent[v] = p;
  };

  const stack = new Int32Array(n + 1);
  // Blocks of half LEMON's size: after the initial pivots, smaller blocks cost less pricing per pivot than
  // the extra pivots they cause (measured on the national instance).
  const blockSize = Math.max(10, Math.ceil(0.5 * Math.sqrt(m)));
  let nextArc = 0;
  const cursor = new Int32Array(1);
  let pivots = 0;

  // Initial pivots (after LEMON's heuristic): first the cheapest arcs into each demand node, then each supply
  // node's cheapest outgoing arc, so that most of a good tree is built in cheap pivots before pricing.
  const minIn = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const cheapestOut = new Int32Array(n).fill(-1);
  for (let e = 0; e < m; e++) {
    const t = target[e]!;
    if (net.supply[t]! < 0 && cost[e]! < minIn[t]!) minIn[t] = cost[e]!;
    const u = source[e]!;
    if (net.supply[u]! > 0 && (cheapestOut[u]! < 0 || cost[e]! < cost[cheapestOut[u]!]!)) cheapestOut[u] = e;
  }
  const initialArcs: number[] = [];
  for (let e = 0; e < m; e++) if (cost[e] === minIn[target[e]!]) initialArcs.push(e);
  for (let u = 0; u < n; u++) if (cheapestOut[u]! >= 0) initialArcs.push(cheapestOut[u]!);
  let initial = 0;
  for (;;) {
    let inArc: number;
    if (initial < initialArcs.length) {
      inArc = initialArcs[initial++]!;
      if (inArc < 0 || state[inArc]! * (cost[inArc]! + pi[source[inArc]!]! - pi[target[inArc]!]!) >= 0) continue;
    } else {
      inArc = findEntering(m, blockSize, nextArc, state, cost, pi, source, target, cursor);
      if (inArc < 0) break;
      nextArc = cursor[0]!;
    }
    pivots++;

    // Join node: the lowest common ancestor of the entering arc's ends.
    let u = source[inArc]!;
    let v = target[inArc]!;
    while (u !== v) {
      if (depth[u]! > depth[v]!) u = parent[u]!;
      else if (depth[v]! > depth[u]!) v = parent[v]!;
      else {
        u = parent[u]!;
        v = parent[v]!;
      }
    }
    const join = u;

    // Leaving arc: the first blocking arc met going round the cycle in its direction from the join node
    // (ties to the second side keep the tree strongly feasible, which rules out cycling).
    let first: number;
    let second: number;
    if (state[inArc] === LOWER) {
      first = source[inArc]!;
      second = target[inArc]!;
    } else {
      first = target[inArc]!;
      second = source[inArc]!;
    }
    let delta = cap[inArc]!;
    let result = 0;
    let uOut = -1;
    for (let w = first; w !== join; w = parent[w]!) {
      const a = pred[w]!;
      let d = flow[a]!;
      if (dir[w] === DOWN) {
        const k = cap[a]!;
        d = k >= UNBOUNDED ? UNBOUNDED : k - d;
      }
      if (d < delta) {
        delta = d;
        uOut = w;
        result = 1;
      }
    }
    for (let w = second; w !== join; w = parent[w]!) {
      const a = pred[w]!;
      let d = flow[a]!;
      if (dir[w] === UP) {
        const k = cap[a]!;
        d = k >= UNBOUNDED ? UNBOUNDED : k - d;
      }
      if (d <= delta) {
        delta = d;
        uOut = w;
        result = 2;
      }
    }
    if (result === 0 && delta >= UNBOUNDED) throw new Error('unbounded: a negative-cost cycle of unbounded arcs');

    // Push delta round the cycle.
    if (delta > 0) {
      const val = state[inArc]! * delta;
      flow[inArc] = flow[inArc]! + val;
      for (let w = source[inArc]!; w !== join; w = parent[w]!) flow[pred[w]!] = flow[pred[w]!]! - dir[w]! * val;
      for (let w = target[inArc]!; w !== join; w = parent[w]!) flow[pred[w]!] = flow[pred[w]!]! + dir[w]! * val;
    }

    if (result === 0) {
      // The entering arc itself blocks: it swaps bound, the tree is unchanged.
      state[inArc] = -state[inArc]! as -1 | 1;
      continue;
    }

    const outArc = pred[uOut]!;
    state[inArc] = TREE;
    state[outArc] = flow[outArc] === 0 ? LOWER : UPPER;

    const uIn = result === 1 ? first : second;
    const vIn = result === 1 ? second : first;

    // Re-hang the subtree cut off at uOut from vIn, reversing the stem uIn .. uOut.
    const sigma = pi[vIn]! - pi[uIn]! - (uIn === source[inArc] ? 1 : -1) * cost[inArc]!;
    detach(uOut);
    let stem = uIn;
    let newParent = vIn;
    let newPred = inArc;
    let newDir = uIn === source[inArc] ? UP : DOWN;
    for (;;) {
      const oldParent = parent[stem]!;
      const oldPred = pred[stem]!;
      const oldDir = dir[stem]!;
      if (stem !== uOut) detach(stem);
      attach(stem, newParent);
      pred[stem] = newPred;
      dir[stem] = newDir;
      if (stem === uOut) break;
      newParent = stem;
      newPred = oldPred;
      newDir = -oldDir;
      stem = oldParent;
    }

    // Shift potentials and depths in the moved subtree.
    let top = 0;
    stack[top++] = uIn;
    depth[uIn] = depth[vIn]! + 1;
    while (top > 0) {
      const w = stack[--top]!;
      pi[w] = pi[w]! + sigma;
      const dw = depth[w]! + 1;
      for (let c = firstChild[w]!; c >= 0; c = nextSibling[c]!) {
        depth[c] = dw;
        stack[top++] = c;
      }
    }
  }

  const result = new Int32Array(m);
  for (let k = 0; k < m; k++) result[k] = flow[position[k]!]!;
  for (let e = m; e < all; e++) {
    if (flow[e]! > 0)
      return { status: 'infeasible', cost: Number.NaN, flow: result, potential: Float64Array.from(pi.subarray(0, n)), pivots };
  }
  let total = 0;
  for (let e = 0; e < m; e++) total += flow[e]! * cost[e]!;
  return { status: 'optimal', cost: total, flow: result, potential: Float64Array.from(pi.subarray(0, n)), pivots };
}

/**
 * Block search pricing: scan blocks of arcs from `from`, and return the most violating arc of the first block
 * that has one (-1 when no arc violates); cursor[0] gets where the next search starts. A function of its own,
 * on plain typed-array arguments, so the engine keeps this hottest loop tight.
 */
function findEntering(
  m: number,
  blockSize: number,
  from: number,
  state: Int8Array,
  cost: Int32Array | Float64Array,
  pi: Int32Array | Float64Array,
  source: Int32Array,
  target: Int32Array,
  cursor: Int32Array,
): number {
  let inArc = -1;
  let best = 0;
  let cnt = blockSize;
  // Two plain loops (from .. m, then 0 .. from) rather than one with a wrap-around test per arc.
  for (let e = from; e < m; e++) {
    const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
    if (c < best) {
      best = c;
      inArc = e;
    }
    if (--cnt === 0) {
      if (best < 0) {
        cursor[0] = e + 1 === m ? 0 : e + 1;
        return inArc;
      }
      cnt = blockSize;
    }
  }
  for (let e = 0; e < from; e++) {
    const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
    if (c < best) {
      best = c;
      inArc = e;
    }
    if (--cnt === 0) {
      if (best < 0) {
        cursor[0] = e + 1;
        return inArc;
      }
      cnt = blockSize;
    }
  }
  cursor[0] = from;
  return inArc;
}
