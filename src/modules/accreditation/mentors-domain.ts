// Mentoring of LP candidates: a mentor takes at most `maxMentees` candidates at a time, and mentors rotate
// across the year so that candidates meet several perspectives (seed 001). Pure.
import { minCostFlow } from '../../optimize/min-cost-flow.ts';

export interface RotationCandidate {
  id: string;
  personId: string;
  schoolUrn: number | null;
}

export interface RotationMentor {
  personId: string;
  schoolUrn: number | null;
}

export interface RotationPeriod {
  startsOn: string;
  endsOn: string;
}

export interface RotationInput {
  candidates: readonly RotationCandidate[];
  mentors: readonly RotationMentor[];
  periods: readonly RotationPeriod[];
  maxMentees: number;
  /** Pairings already made (earlier in the year): counted so that the proposal prefers new perspectives. */
  history?: readonly { candidateId: string; mentorId: string }[];
}

export interface RotationPairing {
  period: number;
  candidateId: string;
  mentorId: string;
  startsOn: string;
  endsOn: string;
}

export type RotationResult = { ok: true; pairings: RotationPairing[] } | { ok: false; reason: string };

// Costs, in strict order of importance: never the same mentor twice running; then new pairings over
// repeated ones; then a mentor from another school (an outside perspective).
const CONSECUTIVE = 1_000_000;
const REPEAT = 1_000;
const SAME_SCHOOL = 1;

/**
 * Propose who mentors whom in each period. Rules met whenever they can be: every candidate has exactly one
 * mentor in every period; no mentor has more than `maxMentees` in a period; nobody mentors themselves; with
 * two or more mentors, nobody keeps the same mentor two periods running. Minimises repeats, then same-school pairs.
 */
export function proposeRotation(input: RotationInput): RotationResult {
  const { candidates, periods, maxMentees } = input;
  if (candidates.length === 0) return { ok: true, pairings: [] };
  if (periods.length === 0) return { ok: false, reason: 'Choose at least one period for the rotation' };
  const mentors = dedupe(input.mentors);
  const shortfall = capacityShortfall(candidates, mentors, maxMentees);
  if (shortfall) return { ok: false, reason: shortfall };

  const pairs = new Map<string, number>();
  for (const h of input.history ?? []) pairs.set(key(h.candidateId, h.mentorId), (pairs.get(key(h.candidateId, h.mentorId)) ?? 0) + 1);
  const previous = new Map<string, string>();
  const pairings: RotationPairing[] = [];

  for (const [index, period] of periods.entries()) {
    const assigned = assignPeriod(candidates, mentors, maxMentees, (c, m) => {
      if (c.personId === m.personId) return null;
      let cost = (pairs.get(key(c.id, m.personId)) ?? 0) * REPEAT;
      if (previous.get(c.id) === m.personId) cost += CONSECUTIVE;
      if (c.schoolUrn != null && c.schoolUrn === m.schoolUrn) cost += SAME_SCHOOL;
      return cost;
    });
    if (!assigned) return { ok: false, reason: 'No rotation meets the rules: add mentors or raise the number each may take' };
    for (const [candidateId, mentorId] of assigned) {
      pairings.push({ period: index, candidateId, mentorId, startsOn: period.startsOn, endsOn: period.endsOn });
      pairs.set(key(candidateId, mentorId), (pairs.get(key(candidateId, mentorId)) ?? 0) + 1);
      previous.set(candidateId, mentorId);
    }
  }
  return { ok: true, pairings };
}

/** Why the mentors cannot cover the candidates at all, or null. */
export function capacityShortfall(candidates: readonly RotationCandidate[], mentors: readonly RotationMentor[], maxMentees: number) {
  const needed = Math.ceil(candidates.length / maxMentees);
  if (mentors.length >= needed) return null;
  return `${candidates.length} candidates need at least ${needed} mentors taking up to ${maxMentees} each; there ${mentors.length === 1 ? 'is' : 'are'} ${mentors.length}`;
}

/** One period: candidates -> mentors (capacity 1 each pair) -> sink (capacity maxMentees per mentor), at least cost. */
function assignPeriod(
  candidates: readonly RotationCandidate[],
  mentors: readonly RotationMentor[],
  maxMentees: number,
  cost: (c: RotationCandidate, m: RotationMentor) => number | null,
): Map<string, string> | null {
  const n = candidates.length;
  const sink = n + mentors.length;
  const supply = new Array<number>(sink + 1).fill(0);
  const arcSource: number[] = [];
  const arcTarget: number[] = [];
  const arcCapacity: number[] = [];
  const arcCost: number[] = [];
  const arcPair: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    supply[i] = 1;
    for (let j = 0; j < mentors.length; j++) {
      const c = cost(candidates[i]!, mentors[j]!);
      if (c === null) continue;
      arcSource.push(i);
      arcTarget.push(n + j);
      arcCapacity.push(1);
      arcCost.push(c);
      arcPair.push([i, j]);
    }
  }
  for (let j = 0; j < mentors.length; j++) {
    arcSource.push(n + j);
    arcTarget.push(sink);
    arcCapacity.push(maxMentees);
    arcCost.push(0);
  }
  supply[sink] = -n;
  const solution = minCostFlow({ nodeCount: sink + 1, supply, arcSource, arcTarget, arcCapacity, arcCost });
  if (solution.status !== 'optimal') return null;
  const result = new Map<string, string>();
  arcPair.forEach(([i, j], e) => {
    if (solution.flow[e] === 1) result.set(candidates[i]!.id, mentors[j]!.personId);
  });
  return result.size === n ? result : null;
}

/** Split a cohort's dates into `count` consecutive periods of (nearly) equal length, covering every day once. */
export function rotationPeriods(startsOn: string, endsOn: string, count: number): RotationPeriod[] {
  const day = 86_400_000;
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const days = Math.round((Date.parse(`${endsOn}T00:00:00Z`) - start) / day) + 1;
  const parts = Math.max(1, Math.min(count, days));
  const iso = (d: number) => new Date(start + d * day).toISOString().slice(0, 10);
  return Array.from({ length: parts }, (_, i) => ({
    startsOn: iso(Math.floor((i * days) / parts)),
    endsOn: iso(Math.floor(((i + 1) * days) / parts) - 1),
  }));
}

export interface MentorLoad {
  mentorId: string;
  candidateId: string;
  startsOn: string;
  endsOn: string;
}

/** Whether giving `mentorId` one more candidate over these dates would take them past `maxMentees` on any day. */
export function exceedsMentorLimit(existing: readonly MentorLoad[], next: MentorLoad, maxMentees: number): boolean {
  const overlapping = existing.filter(
    (a) => a.mentorId === next.mentorId && a.candidateId !== next.candidateId && a.startsOn <= next.endsOn && next.startsOn <= a.endsOn,
  );
  // The load peaks at the start of some assignment: check each start inside the new range.
  const starts = [next.startsOn, ...overlapping.map((a) => a.startsOn).filter((s) => s > next.startsOn)];
  return starts.some((day) => overlapping.filter((a) => a.startsOn <= day && day <= a.endsOn).length + 1 > maxMentees);
}

/** Pairings in which a candidate has two mentors on the same day (refused: one mentor at a time). */
export function overlapsOwnAssignment(existing: readonly MentorLoad[], next: MentorLoad): boolean {
  return existing.some((a) => a.candidateId === next.candidateId && a.startsOn <= next.endsOn && next.startsOn <= a.endsOn);
}

const key = (candidateId: string, mentorId: string) => `${candidateId}|${mentorId}`;

function dedupe(mentors: readonly RotationMentor[]): RotationMentor[] {
  const seen = new Set<string>();
  return mentors.filter((m) => !seen.has(m.personId) && seen.add(m.personId));
}
