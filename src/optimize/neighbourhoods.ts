// Large neighbourhood search for the whole variant: around one unserved request, free its cheapest eligible
// leaders' requests and the other unserved requests those leaders could take, add leaders with days to spare
// that the freed requests could move to, solve that small problem (split, local search, branch and bound,
// a few milliseconds), and keep the answer when it costs less. Local moves shift one or two requests; a
// neighbourhood repacks a handful of leaders at once, which is what an unserved request usually needs when
// every leader in reach is nearly full (on one tight regional instance: 4.5% above HiGHS's optimum without, 0.01% with).
import { branchAndBound } from './branch-and-bound.ts';
import { type Core, coreWithin } from './core.ts';
import { leaderIndex } from './lagrange.ts';
import { solveSplit } from './split.ts';
import { type Choice, LocalSearch, totalCost2 } from './whole.ts';

/** Around one unserved request: its cheapest leaders, the requests freed, leaders with days to spare added, and the time one small solve may take. */
const NEIGHBOURHOOD_LEADERS = 8;
const NEIGHBOURHOOD_REQUESTS = 60;
const SPARE_LEADERS = 8;
const NEIGHBOURHOOD_MS = 10;

/** Improve a feasible choice in place, one neighbourhood per unserved request (largest first), until `deadline`. */
export function improveByNeighbourhoods(core: Core, choice: Choice, deadline: number): void {
  const byLeader = leaderIndex(core);
  const members: number[][] = Array.from({ length: core.leaderCount }, () => []);
  const used = new Int32Array(core.leaderCount);
  for (let r = 0; r < core.requestCount; r++) {
    if (choice[r]! < 0) continue;
    const l = core.pairLeader[choice[r]!]!;
    members[l]!.push(r);
    used[l]! += core.need[r]!;
  }
  const unserved: number[] = [];
  for (let r = 0; r < core.requestCount; r++) if (choice[r]! < 0 && core.start[r]! < core.start[r + 1]!) unserved.push(r);
  unserved.sort((a, b) => core.need[b]! - core.need[a]!);
  const inSet = new Uint8Array(core.requestCount);
  const leaderSlot = new Int32Array(core.leaderCount).fill(-1);
  for (const r of unserved) {
    if (performance.now() > deadline) return;
    if (choice[r]! >= 0) continue;
    // The request's cheapest leaders, all their requests, and the unserved requests that could go to them.
    const pairs = Array.from({ length: core.start[r + 1]! - core.start[r]! }, (_, i) => core.start[r]! + i);
    pairs.sort((a, b) => core.pairCost[a]! - core.pairCost[b]!);
    const leaders = pairs.slice(0, NEIGHBOURHOOD_LEADERS).map((p) => core.pairLeader[p]!);
    const requests = [r];
    inSet[r] = 1;
    const add = (q: number) => {
      if (inSet[q] || requests.length >= NEIGHBOURHOOD_REQUESTS) return;
      inSet[q] = 1;
      requests.push(q);
    };
    for (const l of leaders) for (const q of members[l]!) add(q);
    for (const l of leaders) {
      for (let i = byLeader.leaderStart[l]!; i < byLeader.leaderStart[l + 1]!; i++) {
        const q = byLeader.requestOf[byLeader.byLeader[i]!]!;
        if (choice[q]! < 0) add(q);
      }
    }
    for (const q of requests) inSet[q] = 0;
    // Leaders with days to spare that the freed requests could move to: the room a repacking needs.
    const spare = new Map<number, number>();
    for (const q of requests) {
      for (let p = core.start[q]!; p < core.start[q + 1]!; p++) {
        const l = core.pairLeader[p]!;
        const room = core.capacity[l]! - used[l]!;
        if (!leaders.includes(l) && room >= core.need[q]!) spare.set(l, room);
      }
    }
    leaders.push(...[...spare.keys()].sort((a, b) => spare.get(b)! - spare.get(a)!).slice(0, SPARE_LEADERS));
    leaders.forEach((l, i) => {
      leaderSlot[l] = i;
    });
    const sub = neighbourhood(core, requests, leaders, leaderSlot, members);
    leaders.forEach((l) => {
      leaderSlot[l] = -1;
    });
    if (!sub) continue;
    const current = Int32Array.from(requests, (q) => {
      const p = choice[q]!;
      return p < 0 ? -1 : sub.pairIn.get(p)!;
    });
    const current2 = totalCost2(sub.core, current);
    const split = solveSplit(sub.core);
    if (!split || split.cost2 >= current2) continue;
    const local = Math.min(deadline, performance.now() + NEIGHBOURHOOD_MS);
    const search = new LocalSearch(sub.core, current.slice());
    search.run(local);
    const proof = branchAndBound(sub.core, split, search.choice, local);
    if (proof.cost2 >= current2) continue;
    requests.forEach((q, i) => {
      const old = choice[q]!;
      if (old >= 0) {
        const list = members[core.pairLeader[old]!]!;
        list.splice(list.indexOf(q), 1);
        used[core.pairLeader[old]!]! -= core.need[q]!;
      }
      const p = proof.choice[i]!;
      choice[q] = p < 0 ? -1 : sub.pairOf[p]!;
      if (p >= 0) {
        members[core.pairLeader[choice[q]!]!]!.push(q);
        used[core.pairLeader[choice[q]!]!]! += core.need[q]!;
      }
    });
  }
}

/**
 * The freed requests on the chosen leaders as a problem of its own; each leader offers its days minus those
 * of its requests left out. Null when a leader would be over its days (its requests were not all freed).
 */
function neighbourhood(
  core: Core,
  requests: number[],
  leaders: number[],
  leaderSlot: Int32Array,
  members: number[][],
): { core: Core; pairOf: Int32Array; pairIn: Map<number, number> } | null {
  const freed = new Set(requests);
  const capacity = Int32Array.from(leaders, (l) => {
    let left = core.capacity[l]!;
    for (const q of members[l]!) if (!freed.has(q)) left -= core.need[q]!;
    return left;
  });
  if (capacity.some((c) => c < 0)) return null;
  const start = new Int32Array(requests.length + 1);
  const pairOf: number[] = [];
  const pairLeader: number[] = [];
  requests.forEach((q, i) => {
    for (let p = core.start[q]!; p < core.start[q + 1]!; p++) {
      const slot = leaderSlot[core.pairLeader[p]!]!;
      if (slot < 0) continue;
      pairOf.push(p);
      pairLeader.push(slot);
    }
    start[i + 1] = pairOf.length;
  });
  return {
    core: coreWithin(core, { requests, leaders, capacity, start, pairOf, pairLeader }),
    pairOf: Int32Array.from(pairOf),
    pairIn: new Map(pairOf.map((p, i) => [p, i])),
  };
}
