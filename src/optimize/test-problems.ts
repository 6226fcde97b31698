// Random allocation problems for the optimiser's tests (seeded, so a failure names its seed).
import { randomInt, seededRandom } from './random.ts';
import type { AllocationProblem } from './types.ts';

export function randomProblem(seed: number, size: { requests: number; leaders: number } = { requests: 8, leaders: 5 }): AllocationProblem {
  const random = seededRandom(seed);
  const R = randomInt(random, 1, size.requests);
  const L = randomInt(random, 1, size.leaders);
  const density = 0.2 + random() * 0.6;
  const requests = Array.from({ length: R }, (_, i) => ({ id: `r${i}`, days: randomInt(random, 1, 10) / 2 }));
  const leaders = Array.from({ length: L }, (_, i) => ({ id: `l${i}`, days: randomInt(random, 0, 16) / 2 }));
  const pairs: AllocationProblem['pairs'][number][] = [];
  for (let r = 0; r < R; r++) {
    for (let l = 0; l < L; l++)
      if (random() < density) pairs.push({ request: `r${r}`, leader: `l${l}`, costPerDay: randomInt(random, 0, 40) });
  }
  return { unservedCostPerDay: 100, requests, leaders, pairs };
}

/** A larger problem, sparse as real ones are (each request fits a few leaders), with fewer days offered than asked: not proven optimal in a moment. */
export function sparseProblem(seed: number, size: { requests: number; leaders: number; pairsPerRequest: number }): AllocationProblem {
  const random = seededRandom(seed);
  const requests = Array.from({ length: size.requests }, (_, i) => ({ id: `r${i}`, days: randomInt(random, 1, 8) / 2 }));
  const leaders = Array.from({ length: size.leaders }, (_, i) => ({ id: `l${i}`, days: randomInt(random, 2, 20) / 2 }));
  const pairs: AllocationProblem['pairs'][number][] = [];
  for (let r = 0; r < size.requests; r++) {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(size.pairsPerRequest, size.leaders)) chosen.add(randomInt(random, 0, size.leaders - 1));
    for (const l of chosen) pairs.push({ request: `r${r}`, leader: `l${l}`, costPerDay: randomInt(random, 0, 400) });
  }
  return { unservedCostPerDay: 1000, requests, leaders, pairs };
}
