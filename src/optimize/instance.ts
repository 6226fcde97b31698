// The stand-alone instance format of `alliance allocate` (issue 4): schools with coordinates, leaders and
// requests, and the rules that turn it into an AllocationProblem: eligibility (specialism, phase, not the
// leader's own school, within maxDistanceMetres) and cost per day round(metres / 100) + tierCostPerDay[tier].
import { z } from 'zod';
import type { AllocationProblem, Id } from './types.ts';

const id = z.union([z.string().min(1, 'must not be empty'), z.number().int('must be a whole number')]);
const phase = z.enum(['primary', 'secondary', 'special', 'all'], { error: 'must be one of primary, secondary, special, all' });
const halfDays = z
  .number({ error: 'must be a number' })
  .min(0, 'must not be negative')
  .refine((d) => Number.isInteger(d * 2), 'must be a multiple of 0.5');

export const instanceSchema = z.object({
  maxDistanceMetres: z.number({ error: 'must be a number' }).positive('must be above 0').default(50_000),
  unservedDayCost: z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be above 0'),
  tierCostPerDay: z.array(z.number().int('must be whole numbers').min(0, 'must not be negative')).min(1, 'needs at least one tier'),
  schools: z.array(
    z.object({
      id,
      easting: z.number({ error: 'must be a number (metres)' }),
      northing: z.number({ error: 'must be a number (metres)' }),
      phase: z.string().optional(),
    }),
  ),
  leaders: z.array(
    z.object({
      id,
      school: id,
      specialisms: z
        .array(z.string().min(1, 'must not be empty'), { error: 'must be a list' })
        .min(1, 'a leader needs at least one specialism'),
      phase,
      days: halfDays,
      tier: z.number().int('must be a whole number').min(0, 'must not be negative'),
    }),
  ),
  requests: z.array(
    z.object({
      id,
      school: id,
      specialism: z.string().min(1, 'must not be empty'),
      phase,
      days: z
        .number({ error: 'must be a number' })
        .refine((d) => d >= 0.5 && Number.isInteger(d * 2), 'must be 0.5 or more, in steps of 0.5'),
    }),
  ),
});

export type AllocationInstance = z.infer<typeof instanceSchema>;

type Parsed = { ok: true; instance: AllocationInstance } | { ok: false; errors: string[] };

/** Validate an instance; each message names the record (e.g. `leaders[3] (id "L7") days: must not be negative`). */
export function parseInstance(json: unknown): Parsed {
  const parsed = instanceSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `${describePath(json, issue.path)}: ${issue.message}`) };
  }
  const instance = parsed.data;
  const errors: string[] = [];
  const schools = new Set<Id>();
  for (const s of instance.schools) {
    if (schools.has(s.id)) errors.push(`school ${JSON.stringify(s.id)}: id used twice`);
    schools.add(s.id);
  }
  const leaderIds = new Set<Id>();
  for (const l of instance.leaders) {
    if (leaderIds.has(l.id)) errors.push(`leader ${JSON.stringify(l.id)}: id used twice`);
    leaderIds.add(l.id);
    if (!schools.has(l.school)) errors.push(`leader ${JSON.stringify(l.id)}: unknown school ${JSON.stringify(l.school)}`);
    if (l.tier >= instance.tierCostPerDay.length) {
      errors.push(
        `leader ${JSON.stringify(l.id)}: tier ${l.tier} has no entry in tierCostPerDay (tiers 0 to ${instance.tierCostPerDay.length - 1})`,
      );
    }
  }
  const requestIds = new Set<Id>();
  for (const r of instance.requests) {
    if (requestIds.has(r.id)) errors.push(`request ${JSON.stringify(r.id)}: id used twice`);
    requestIds.add(r.id);
    if (!schools.has(r.school)) errors.push(`request ${JSON.stringify(r.id)}: unknown school ${JSON.stringify(r.school)}`);
  }
  const dearest = Math.round(instance.maxDistanceMetres / 100) + Math.max(...instance.tierCostPerDay);
  if (instance.unservedDayCost <= dearest) {
    errors.push(`unservedDayCost must exceed the dearest possible day (${dearest}), so that coverage comes first`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, instance };
}

function describePath(json: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  if (typeof list === 'string' && typeof index === 'number') {
    const record = (json as Record<string, unknown[]>)[list]?.[index] as { id?: unknown } | undefined;
    const named = record && record.id !== undefined ? ` (id ${JSON.stringify(record.id)})` : '';
    return `${list}[${index}]${named}${rest.length ? ` ${rest.join('.')}` : ''}`;
  }
  return path.length ? path.join('.') : 'instance';
}

const phaseFits = (a: string, b: string) => a === 'all' || b === 'all' || a === b;

/**
 * The eligible pairs and their costs. Phase 'all' on either side fits any phase. Leaders are bucketed by
 * specialism and by square cells of side maxDistanceMetres, so each request looks only at nine cells.
 */
export function problemFromInstance(instance: AllocationInstance): AllocationProblem {
  const cell = instance.maxDistanceMetres;
  const maxSquared = cell * cell;
  const where = new Map(instance.schools.map((s) => [s.id, s]));
  const key = (x: number, y: number) => `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
  const buckets = new Map<string, Map<string, number[]>>();
  instance.leaders.forEach((l, i) => {
    const s = where.get(l.school)!;
    for (const specialism of new Set(l.specialisms)) {
      let grid = buckets.get(specialism);
      if (!grid) {
        grid = new Map();
        buckets.set(specialism, grid);
      }
      const k = key(s.easting, s.northing);
      const list = grid.get(k);
      if (list) list.push(i);
      else grid.set(k, [i]);
    }
  });
  const pairs: { request: Id; leader: Id; costPerDay: number }[] = [];
  for (const r of instance.requests) {
    const grid = buckets.get(r.specialism);
    if (!grid) continue;
    const s = where.get(r.school)!;
    const cx = Math.floor(s.easting / cell);
    const cy = Math.floor(s.northing / cell);
    const found: { leader: number; costPerDay: number }[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const l = instance.leaders[i]!;
          if (l.school === r.school || !phaseFits(l.phase, r.phase)) continue;
          const t = where.get(l.school)!;
          const squared = (t.easting - s.easting) ** 2 + (t.northing - s.northing) ** 2;
          if (squared > maxSquared) continue;
          found.push({ leader: i, costPerDay: Math.round(Math.sqrt(squared) / 100) + instance.tierCostPerDay[l.tier]! });
        }
      }
    }
    // Leader order, so the problem does not depend on the grid's iteration order.
    found.sort((a, b) => a.leader - b.leader);
    for (const f of found) pairs.push({ request: r.id, leader: instance.leaders[f.leader]!.id, costPerDay: f.costPerDay });
  }
  return {
    unservedCostPerDay: instance.unservedDayCost,
    requests: instance.requests.map((r) => ({ id: r.id, days: r.days })),
    leaders: instance.leaders.map((l) => ({ id: l.id, days: l.days })),
    pairs,
  };
}
