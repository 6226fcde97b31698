// Our network simplex on a DIMACS min-cost flow file, in a process of its own, like the LEMON driver:
// `node --import tsx bench/optimize-dimacs.ts file.min` prints `<status> <cost> <wall seconds> <cpu seconds>`,
// timing the solver only, not the reading of the file.
import { readFileSync } from 'node:fs';
import { type FlowNetwork, minCostFlow } from '../src/optimize/min-cost-flow.ts';

export function readDimacs(file: string): FlowNetwork {
  const text = readFileSync(file, 'utf8');
  let supply = new Float64Array(0);
  let arcSource = new Int32Array(0);
  let arcTarget = new Int32Array(0);
  let arcCapacity = new Float64Array(0);
  let arcCost = new Float64Array(0);
  let e = 0;
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'p') {
      const n = Number(f[2]);
      const m = Number(f[3]);
      supply = new Float64Array(n);
      arcSource = new Int32Array(m);
      arcTarget = new Int32Array(m);
      arcCapacity = new Float64Array(m);
      arcCost = new Float64Array(m);
    } else if (f[0] === 'n') supply[Number(f[1]) - 1] = Number(f[2]);
    else if (f[0] === 'a') {
      arcSource[e] = Number(f[1]) - 1;
      arcTarget[e] = Number(f[2]) - 1;
      const cap = Number(f[4]);
      arcCapacity[e] = cap < Number(f[3]) ? Number.POSITIVE_INFINITY : cap;
      arcCost[e++] = Number(f[5]);
    }
  }
  return { nodeCount: supply.length, supply, arcSource, arcTarget, arcCapacity, arcCost };
}

if (process.argv[1]?.endsWith('optimize-dimacs.ts')) {
  const network = readDimacs(process.argv[2]!);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const solved = minCostFlow(network);
  const wall = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${solved.status} ${solved.cost} ${wall} ${(cpu.user + cpu.system) / 1e6}`);
}
