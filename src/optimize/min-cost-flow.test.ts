import { beforeAll, describe, expect, it } from 'vitest';
import { type Highs, loadHighs } from './highs-reference.ts';
import { type FlowNetwork, minCostFlow, UNBOUNDED } from './min-cost-flow.ts';
import { randomInt, seededRandom } from './random.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** The same network as an LP for HiGHS: one column per arc, one conservation row per node. */
function asLp(net: FlowNetwork): string {
  const m = net.arcSource.length;
  const terms: string[][] = Array.from({ length: net.nodeCount }, () => []);
  for (let e = 0; e < m; e++) {
    terms[net.arcSource[e]!]!.push(`+ x${e}`);
    terms[net.arcTarget[e]!]!.push(`- x${e}`);
  }
  const objective = Array.from({ length: m }, (_, e) => `${net.arcCost[e]! >= 0 ? '+' : '-'} ${Math.abs(net.arcCost[e]!)} x${e}`).join(' ');
  const rows = terms.map((t, u) => ` n${u}: ${t.length ? t.join(' ') : '0 x0'} = ${net.supply[u]}`);
  const bounds = Array.from({ length: m }, (_, e) =>
    net.arcCapacity[e]! >= UNBOUNDED ? ` x${e} >= 0` : ` 0 <= x${e} <= ${net.arcCapacity[e]}`,
  );
  return ['Minimize', ` obj: ${objective}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End'].join('\n');
}

function randomNetwork(seed: number): FlowNetwork {
  const random = seededRandom(seed);
  const n = randomInt(random, 2, 12);
  const m = randomInt(random, 1, n * 4);
  const arcSource: number[] = [];
  const arcTarget: number[] = [];
  const arcCapacity: number[] = [];
  const arcCost: number[] = [];
  for (let e = 0; e < m; e++) {
    const s = randomInt(random, 0, n - 1);
    let t = randomInt(random, 0, n - 2);
    if (t >= s) t++;
    const unbounded = random() < 0.3;
    // Negative costs only on bounded arcs, so no cycle is unbounded.
    const cost = unbounded ? randomInt(random, 0, 20) : randomInt(random, -5, 20);
    arcSource.push(s);
    arcTarget.push(t);
    arcCapacity.push(unbounded ? Number.POSITIVE_INFINITY : randomInt(random, 0, 15));
    arcCost.push(cost);
  }
  const supply = new Array<number>(n).fill(0);
  for (let k = randomInt(random, 0, n); k > 0; k--) {
    const amount = randomInt(random, 1, 10);
    supply[randomInt(random, 0, n - 1)]! += amount;
    supply[randomInt(random, 0, n - 1)]! -= amount;
  }
  return { nodeCount: n, supply, arcSource, arcTarget, arcCapacity, arcCost };
}

/** Independent certificate: conservation, bounds, and complementary slackness of the potentials. */
function checkCertificate(net: FlowNetwork, flow: Int32Array, potential: Float64Array) {
  const balance = new Array<number>(net.nodeCount).fill(0);
  for (let e = 0; e < flow.length; e++) {
    const f = flow[e]!;
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThanOrEqual(Math.min(net.arcCapacity[e]!, UNBOUNDED));
    balance[net.arcSource[e]!]! += f;
    balance[net.arcTarget[e]!]! -= f;
    const reduced = net.arcCost[e]! + potential[net.arcSource[e]!]! - potential[net.arcTarget[e]!]!;
    if (f < net.arcCapacity[e]!) expect(reduced).toBeGreaterThanOrEqual(0);
    if (f > 0) expect(reduced).toBeLessThanOrEqual(0);
  }
  expect(balance).toEqual(Array.from(net.supply));
}

describe('minCostFlow (network simplex)', () => {
  it('matches the LP optimum of HiGHS exactly on 150 random networks, and proves it with potentials', () => {
    let feasible = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const net = randomNetwork(seed);
      const ours = minCostFlow(net);
      const reference = highs.solve(asLp(net));
      if (reference.Status === 'Infeasible') {
        expect(ours.status, `seed ${seed}`).toBe('infeasible');
        continue;
      }
      expect(reference.Status, `seed ${seed}`).toBe('Optimal');
      expect(ours.status, `seed ${seed}`).toBe('optimal');
      expect(ours.cost, `seed ${seed}`).toBe(Math.round(reference.ObjectiveValue));
      checkCertificate(net, ours.flow, ours.potential);
      feasible++;
    }
    expect(feasible).toBeGreaterThan(50);
  });

  it('solves a transportation network with degenerate ties', () => {
    // Two sources of 5 and three sinks of 10/3 rounded to integers: many equal costs.
    const net: FlowNetwork = {
      nodeCount: 5,
      supply: [5, 5, -4, -3, -3],
      arcSource: [0, 0, 0, 1, 1, 1],
      arcTarget: [2, 3, 4, 2, 3, 4],
      arcCapacity: [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity],
      arcCost: [1, 1, 1, 1, 1, 1],
    };
    const result = minCostFlow(net);
    expect(result.status).toBe('optimal');
    expect(result.cost).toBe(10);
    checkCertificate(net, result.flow, result.potential);
  });

  it('gives the same optimum, scaled, when costs are too large for 32-bit potentials', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const net = randomNetwork(seed);
      const small = minCostFlow(net);
      const scale = 10_000_000;
      const big = { ...net, arcCost: Array.from(net.arcCost, (c) => c * scale) };
      const result = minCostFlow(big);
      expect(result.status).toBe(small.status);
      if (result.status === 'optimal') {
        expect(result.cost).toBe(small.cost * scale);
        checkCertificate(big, result.flow, result.potential);
      }
    }
  });

  it('refuses fractional data and unbalanced supplies', () => {
    const base = { nodeCount: 2, arcSource: [0], arcTarget: [1], arcCapacity: [3], arcCost: [1] };
    expect(() => minCostFlow({ ...base, supply: [1, 0] })).toThrow('sum to 0');
    expect(() => minCostFlow({ ...base, supply: [1, -1], arcCost: [0.5] })).toThrow('not an integer');
  });
});
