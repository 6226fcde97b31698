// A stronger lower bound for the whole variant: Lagrangian relaxation of "each request gets one option".
// With a price mu[r] per request the problem falls apart into one 0-1 knapsack per leader (take the
// requests worth more than they cost, within the leader's days) plus each request's unserved option, so
//   L(mu) = sum mu[r] + sum over leaders of knapsack(l, mu) + sum over requests of min(0, unserved cost - mu[r])
// is below every whole allocation's cost for any mu. Started from the split optimum's prices it is at
// least the split bound (the knapsacks only add integrality), and subgradient steps raise it further.
import type { Core } from './core.ts';

/** Pairs grouped by leader: pairs of leader l are byLeader[leaderStart[l] .. leaderStart[l + 1] - 1]. */
export interface LeaderIndex {
  leaderStart: Int32Array;
  byLeader: Int32Array;
  requestOf: Int32Array;
}

export function leaderIndex(core: Core): LeaderIndex {
  const P = core.pairLeader.length;
  const leaderStart = new Int32Array(core.leaderCount + 1);
  for (let p = 0; p < P; p++) leaderStart[core.pairLeader[p]! + 1]!++;
  for (let l = 0; l < core.leaderCount; l++) leaderStart[l + 1]! += leaderStart[l]!;
  const fill = leaderStart.slice(0, core.leaderCount);
  const byLeader = new Int32Array(P);
  const requestOf = new Int32Array(P);
  for (let r = 0; r < core.requestCount; r++) {
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      requestOf[p] = r;
      byLeader[fill[core.pairLeader[p]!]!++] = p;
    }
  }
  return { leaderStart, byLeader, requestOf };
}

export interface LagrangeResult {
  /** The best bound found, in cost x half-days, rounded up (every allocation's cost is an integer). */
  bound2: number;
  /** L(mu) itself, before rounding. */
  value2: number;
  /** The prices that gave it. */
  mu: Float64Array;
  /** At those prices: how many times the relaxation takes each request, and its cheapest pick (-1 if none); null when a request has no option. */
  count: Int32Array | null;
  pick: Int32Array | null;
}

/** Knapsack tables above this many cells are bounded by the fractional knapsack instead (still a lower bound). */
const MAX_DP_CELLS = 1 << 16;

/**
 * Subgradient optimisation of L(mu) from `mu`, for at most `iterations` steps, over the options a node allows
 * (`pairs`, `unserved`). Stops early once the bound reaches `target` (nothing below it is left to prove).
 * Returns +Infinity as the bound when some request has no option left.
 */
export function lagrangianBound(
  core: Core,
  index: LeaderIndex,
  allowed: { pairs: Uint8Array; unserved: Uint8Array },
  start: Float64Array,
  target: number,
  iterations: number,
  deadline: number,
  /** Called after every step with the pair each request got in the relaxation (its cheapest if several, -1 if none): a start for a whole allocation. */
  onPick?: (pick: Int32Array) => void,
): LagrangeResult {
  const R = core.requestCount;
  for (let r = 0; r < R; r++) {
    let any = allowed.unserved[r] === 1;
    for (let p = core.start[r]!; p < core.start[r + 1]! && !any; p++) any = allowed.pairs[p] === 1;
    if (!any) return { bound2: Number.POSITIVE_INFINITY, value2: Number.POSITIVE_INFINITY, mu: start, count: null, pick: null };
  }
  const mu = start.slice();
  let bestMu = mu.slice();
  let best = Number.NEGATIVE_INFINITY;
  const count = new Int32Array(R); // times each request is taken in the relaxation
  const pick = new Int32Array(R);
  let bestCount = count;
  let bestPick = pick;
  // Large first steps and a patient schedule at the root (from the split prices: on the regional bench instance,
  // halving after 20 steps without progress closes ten times more of the gap than after 5); small steps at a
  // node, whose parent's prices are close.
  const long = iterations >= 50;
  let theta = long ? 2 : 0.1;
  const patience = long ? 20 : 5;
  let sinceBest = 0;
  for (let it = 0; it < iterations; it++) {
    count.fill(0);
    pick.fill(-1);
    let value = 0;
    for (let r = 0; r < R; r++) {
      value += mu[r]!;
      const unservedValue = core.unservedCost * core.need[r]! - mu[r]!;
      if (allowed.unserved[r] && unservedValue < 0) {
        value += unservedValue;
        count[r]!++;
      }
    }
    for (let l = 0; l < core.leaderCount; l++) value += knapsack(core, index, l, mu, allowed.pairs, count, pick);
    onPick?.(pick);
    if (value > best + 1e-9) {
      best = value;
      bestMu = mu.slice();
      bestCount = count.slice();
      bestPick = pick.slice();
      sinceBest = 0;
    } else if (++sinceBest >= patience) {
      theta /= 2;
      sinceBest = 0;
    }
    if (Math.ceil(best - 1e-6) >= target || theta < 1e-4 || performance.now() > deadline) break;
    // Subgradient: 1 - times taken, for every request.
    let norm = 0;
    for (let r = 0; r < R; r++) {
      const g = 1 - count[r]!;
      norm += g * g;
    }
    if (norm === 0) break; // the relaxation is a whole allocation: its value is optimal for this node
    const step = (theta * (target - value)) / norm;
    for (let r = 0; r < R; r++) mu[r] = mu[r]! + step * (1 - count[r]!);
  }
  return { bound2: Math.ceil(best - 1e-6), value2: best, mu: bestMu, count: bestCount, pick: bestPick };
}

/** Scratch buffers of the knapsacks, grown as needed (solving is synchronous, so one set serves every call). */
let itemBuffer = new Int32Array(64);
let bestBuffer = new Float64Array(64);
let choseBuffer = new Uint8Array(1024);

/** Count pair p's request as taken by the relaxation, and keep its cheapest pick. */
function took(core: Core, requestOf: Int32Array, p: number, count: Int32Array, pick: Int32Array | null) {
  const r = requestOf[p]!;
  count[r]!++;
  if (pick && (pick[r]! < 0 || core.pairCost[p]! < core.pairCost[pick[r]!]!)) pick[r] = p;
}

/**
 * The cheapest set of leader l's allowed requests (by cost minus price) within `capacity` half-days, leaving
 * out pair `exclude`; adds the chosen requests to `count` (when given) and returns the set's value (<= 0).
 */
function knapsack(
  core: Core,
  index: LeaderIndex,
  l: number,
  mu: Float64Array,
  pairs: Uint8Array,
  count: Int32Array | null,
  pick: Int32Array | null = null,
  capacity = core.capacity[l]!,
  exclude = -1,
): number {
  const { requestOf } = index;
  const from = index.leaderStart[l]!;
  const to = index.leaderStart[l + 1]!;
  if (itemBuffer.length < to - from) itemBuffer = new Int32Array(2 * (to - from));
  const items = itemBuffer;
  let n = 0;
  let weight = 0;
  let all = 0;
  for (let i = from; i < to; i++) {
    const p = index.byLeader[i]!;
    if (!pairs[p] || p === exclude) continue;
    const r = requestOf[p]!;
    const g = mu[r]! - core.pairCost[p]! * core.need[r]!;
    if (g <= 0) continue;
    items[n++] = p;
    weight += core.need[r]!;
    all += g;
  }
  if (n === 0 || capacity <= 0) return 0;
  if (weight <= capacity) {
    if (count) for (let i = 0; i < n; i++) took(core, requestOf, items[i]!, count, pick);
    return -all;
  }
  const width = capacity + 1;
  if (n * width > MAX_DP_CELLS) {
    // Fractional knapsack: by gain per half-day; the bound counts the fraction, the subgradient the whole items.
    const list = Array.from(items.subarray(0, n));
    const gain = (p: number) => mu[requestOf[p]!]! - core.pairCost[p]! * core.need[requestOf[p]!]!;
    list.sort((a, b) => gain(b) / core.need[requestOf[b]!]! - gain(a) / core.need[requestOf[a]!]!);
    let room = capacity;
    let value = 0;
    for (const p of list) {
      const w = core.need[requestOf[p]!]!;
      if (w <= room) {
        room -= w;
        value -= gain(p);
        if (count) took(core, requestOf, p, count, pick);
      } else {
        value -= (gain(p) * room) / w;
        break;
      }
    }
    return value;
  }
  // 0-1 knapsack by dynamic programming over half-days, keeping each item's decisions to recover the set.
  if (bestBuffer.length < width) bestBuffer = new Float64Array(2 * width);
  if (choseBuffer.length < n * width) choseBuffer = new Uint8Array(2 * n * width);
  const best = bestBuffer;
  const chose = choseBuffer;
  best.fill(0, 0, width);
  if (!count) {
    // The value alone: no decisions to keep.
    addGains(core, requestOf, mu, items, n, capacity, best);
    return -best[capacity]!;
  }
  for (let i = 0; i < n; i++) {
    const p = items[i]!;
    const r = requestOf[p]!;
    const w = core.need[r]!;
    const g = mu[r]! - core.pairCost[p]! * w;
    const row = i * width;
    for (let c = capacity; c >= w; c--) {
      const withItem = best[c - w]! + g;
      if (withItem > best[c]!) {
        best[c] = withItem;
        chose[row + c] = 1;
      } else chose[row + c] = 0;
    }
    for (let c = Math.min(w, width) - 1; c >= 0; c--) chose[row + c] = 0;
  }
  if (count) {
    let c = capacity;
    for (let i = n - 1; i >= 0; i--) {
      if (chose[i * width + c]) {
        took(core, requestOf, items[i]!, count, pick);
        c -= core.need[requestOf[items[i]!]!]!;
      }
    }
  }
  return -best[capacity]!;
}

/** The 0-1 knapsack's table, value only: `best[c]` (zero from the start) becomes the most the first `n` items gain within c half-days. */
function addGains(core: Core, requestOf: Int32Array, mu: Float64Array, items: Int32Array, n: number, capacity: number, best: Float64Array) {
  for (let i = 0; i < n; i++) {
    const p = items[i]!;
    const r = requestOf[p]!;
    const w = core.need[r]!;
    const g = mu[r]! - core.pairCost[p]! * w;
    for (let c = capacity; c >= w; c--) {
      const withItem = best[c - w]! + g;
      if (withItem > best[c]!) best[c] = withItem;
    }
  }
}

/**
 * The most leader l can gain (mu minus cost) within each capacity 0..its days, over its allowed requests; null
 * when the table would be large (the caller then asks knapsack for each capacity it needs).
 */
function gainTable(core: Core, index: LeaderIndex, l: number, mu: Float64Array, pairs: Uint8Array): Float64Array | null {
  const capacity = core.capacity[l]!;
  if (capacity <= 0) return new Float64Array(1);
  const { requestOf } = index;
  const from = index.leaderStart[l]!;
  const to = index.leaderStart[l + 1]!;
  if ((to - from) * (capacity + 1) > MAX_DP_CELLS) return null;
  const items = new Int32Array(to - from);
  let n = 0;
  for (let i = from; i < to; i++) {
    const p = index.byLeader[i]!;
    if (pairs[p] && mu[requestOf[p]!]! - core.pairCost[p]! * core.need[requestOf[p]!]! > 0) items[n++] = p;
  }
  const best = new Float64Array(capacity + 1);
  addGains(core, requestOf, mu, items, n, capacity, best);
  return best;
}

/**
 * Drop the options that cannot be part of an allocation cheaper than `target`: a pair's bound is L(mu) with
 * its request forced into its leader's knapsack, an unserved option's is L(mu) with it forced. Returns how
 * many options were dropped (the masks are changed in place).
 */
export function fixByLagrange(
  core: Core,
  index: LeaderIndex,
  allowed: { pairs: Uint8Array; unserved: Uint8Array },
  mu: Float64Array,
  value2: number,
  target: number,
): number {
  let dropped = 0;
  const value = new Float64Array(core.leaderCount);
  for (let l = 0; l < core.leaderCount; l++) value[l] = knapsack(core, index, l, mu, allowed.pairs, null);
  // Each leader's best gain at every capacity, from one table: forcing a request in leaves the rest the
  // capacity minus its days. The table still counts the forced request among the others, so its bound is
  // never above the exact one; only the requests it cannot drop and that are worth taking get the exact knapsack.
  const tables: (Float64Array | null | undefined)[] = new Array(core.leaderCount);
  for (let r = 0; r < core.requestCount; r++) {
    const need = core.need[r]!;
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      if (!allowed.pairs[p]) continue;
      const l = core.pairLeader[p]!;
      const room = core.capacity[l]! - need;
      const own = core.pairCost[p]! * need - mu[r]!;
      if (tables[l] === undefined) tables[l] = gainTable(core, index, l, mu, allowed.pairs);
      const table = tables[l];
      let forced = Number.NEGATIVE_INFINITY;
      if (table) forced = own - (room > 0 ? table[room]! : 0);
      if (!table || (forced < target - 1e-6 - value2 + value[l]! && own < 0)) {
        forced = own + knapsack(core, index, l, mu, allowed.pairs, null, null, room, p);
      }
      if (value2 + forced - value[l]! >= target - 1e-6) {
        allowed.pairs[p] = 0;
        dropped++;
      }
    }
    if (allowed.unserved[r]) {
      const u = core.unservedCost * need - mu[r]!;
      if (value2 + u - Math.min(0, u) >= target - 1e-6) {
        allowed.unserved[r] = 0;
        dropped++;
      }
    }
  }
  return dropped;
}
