// Allocation instances for the optimiser bench, built with a fixed seed from the real schools of the national
// GIAS 2018 file (those with coordinates): regional (500 schools of one region, 200 leaders, 400 requests) and
// national (every school, 8,000 leaders, 20,000 requests), 30 specialisms of uneven popularity.
// Days as in the field: an SLE gives a few days a year (one alliance's first 12 deployed SLEs gave just under
// 80 days between them, seeds/004), an LLE or NLE more; a request asks 0.5 to 19 days, most of them a day or
// two (a diagnostic, a few visits), a few a long programme. A programme longer than any leader in reach can
// give is brokered in phases, so a request asks at most what some eligible leader offers. Supply is calibrated
// to the one figure issue 4 gives for its instance: the greedy baseline at about 2.5x the split lower bound
// (these days give 2.52x nationally: 1.15 days offered per day asked, short in popular specialisms and thin areas).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type AllocationInstance, problemFromInstance } from '../src/optimize/instance.ts';
import type { FlowNetwork } from '../src/optimize/min-cost-flow.ts';
import { UNBOUNDED } from '../src/optimize/min-cost-flow.ts';
import { randomInt, seededRandom } from '../src/optimize/random.ts';

export const SPECIALISMS = [
  'maths',
  'english',
  'science',
  'send',
  'early years',
  'phonics',
  'leadership',
  'assessment',
  'data',
  'behaviour',
  'computing',
  'history',
  'geography',
  'modern languages',
  'music',
  'art',
  'pe',
  'religious education',
  'design technology',
  'governance',
  'safeguarding',
  'curriculum',
  'pupil premium',
  'eal',
  'reading',
  'writing',
  'physics',
  'chemistry',
  'biology',
  'school business management',
];
// Popularity falls with rank, so maths and English are contested and the tail is thin.
const WEIGHTS = SPECIALISMS.map((_, i) => 1 / (i + 1) ** 0.8);
const WEIGHT_SUM = WEIGHTS.reduce((a, b) => a + b, 0);

/** Days a leader offers in a year by tier: an SLE (tier 0) 0.5 to 7, an LLE (1) 1 to 12, an NLE (2) 5 to 20. */
function leaderDays(random: () => number, tier: number): number {
  if (tier === 0) return randomInt(random, 1, 14) / 2;
  if (tier === 1) return randomInt(random, 2, 24) / 2;
  return randomInt(random, 10, 40) / 2;
}

/** Half to 19 days: three in four requests are 0.5-2 days, 23 in 100 are 2.5-6, 2 in 100 are 6.5-19. */
function requestDays(random: () => number): number {
  const size = random();
  if (size < 0.75) return randomInt(random, 1, 4) / 2;
  if (size < 0.98) return randomInt(random, 5, 12) / 2;
  return randomInt(random, 13, 38) / 2;
}

type School = { id: number; easting: number; northing: number; phase: 'primary' | 'secondary' | 'special'; region: string };

const phaseOf = (gias: string): School['phase'] => {
  if (['Primary', 'Middle deemed primary', 'Nursery'].includes(gias)) return 'primary';
  if (['Secondary', 'Middle deemed secondary', '16 plus', 'All through'].includes(gias)) return 'secondary';
  return 'special';
};

export function readSchools(file: string): { schools: School[]; withoutCoordinates: number } {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const schools: School[] = [];
  for (const row of rows) {
    if (!row.easting || !row.northing) continue;
    schools.push({
      id: Number(row.urn),
      easting: Number(row.easting),
      northing: Number(row.northing),
      phase: phaseOf(row.phase ?? ''),
      region: row.region ?? '',
    });
  }
  return { schools, withoutCoordinates: rows.length - schools.length };
}

export function generateInstance(
  allSchools: School[],
  size: { region?: string; schools?: number; leaders: number; requests: number },
  seed: number,
): AllocationInstance {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const specialism = () => {
    let x = random() * WEIGHT_SUM;
    for (let i = 0; i < WEIGHTS.length; i++) {
      x -= WEIGHTS[i]!;
      if (x <= 0) return SPECIALISMS[i]!;
    }
    return SPECIALISMS.at(-1)!;
  };
  let schools = size.region ? allSchools.filter((s) => s.region === size.region) : allSchools;
  if (size.schools && size.schools < schools.length) {
    const shuffled = schools.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    schools = shuffled.slice(0, size.schools).sort((a, b) => a.id - b.id);
  }
  const leaders = Array.from({ length: size.leaders }, (_, i) => {
    const school = pick(schools);
    const specialisms = new Set([specialism()]);
    if (random() < 0.5) specialisms.add(specialism());
    if (random() < 0.2) specialisms.add(specialism());
    const t = random();
    const tier = t < 0.5 ? 0 : t < 0.85 ? 1 : 2;
    return {
      id: `L${i + 1}`,
      school: school.id,
      specialisms: [...specialisms],
      phase: random() < 0.25 ? ('all' as const) : school.phase,
      days: leaderDays(random, tier),
      tier,
    };
  });
  const requests = Array.from({ length: size.requests }, (_, i) => {
    const school = pick(schools);
    return {
      id: `R${i + 1}`,
      school: school.id,
      specialism: specialism(),
      phase: random() < 0.1 ? ('all' as const) : school.phase,
      days: requestDays(random),
    };
  });
  const instance: AllocationInstance = {
    maxDistanceMetres: 50_000,
    unservedDayCost: 10_000,
    tierCostPerDay: [0, 20, 50],
    schools: schools.map(({ id, easting, northing, phase }) => ({ id, easting, northing, phase })),
    leaders,
    requests,
  };
  return inPhases(instance);
}

/** Each request asks at most the most days an eligible leader offers (the first phase of a longer programme); requests no leader can take keep their days. */
function inPhases(instance: AllocationInstance): AllocationInstance {
  const leaderDays = new Map(instance.leaders.map((l) => [l.id, l.days]));
  const most = new Map<string | number, number>();
  for (const pair of problemFromInstance(instance).pairs) {
    most.set(pair.request, Math.max(most.get(pair.request) ?? 0, leaderDays.get(pair.leader)!));
  }
  const requests = instance.requests.map((r) => {
    const limit = most.get(r.id) ?? 0;
    return limit > 0 && r.days > limit ? { ...r, days: limit } : r;
  });
  return { ...instance, requests };
}

/** DIMACS min-cost flow text (1-based nodes; an unbounded arc has capacity -1, which LEMON reads as infinite). */
export function toDimacs(network: FlowNetwork): string {
  const lines = [`c alliance allocation, split variant`, `p min ${network.nodeCount} ${network.arcSource.length}`];
  for (let u = 0; u < network.nodeCount; u++) if (network.supply[u] !== 0) lines.push(`n ${u + 1} ${network.supply[u]}`);
  for (let e = 0; e < network.arcSource.length; e++) {
    const cap = network.arcCapacity[e]! >= UNBOUNDED ? -1 : network.arcCapacity[e];
    lines.push(`a ${network.arcSource[e]! + 1} ${network.arcTarget[e]! + 1} 0 ${cap} ${network.arcCost[e]}`);
  }
  return `${lines.join('\n')}\n`;
}
