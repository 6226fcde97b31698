import type { Phase } from '../networks/domain.ts';

// Trios of teachers from three schools (Woodroffe): who can be grouped, and Alliance's proposal.

export const trioCycleKinds = ['reciprocal_observation', 'joint_planning', 'trialling'] as const;
export type TrioCycleKind = (typeof trioCycleKinds)[number];
export const trioCycleKindLabels: Record<TrioCycleKind, string> = {
  reciprocal_observation: 'Reciprocal observation',
  joint_planning: 'Joint planning',
  trialling: 'Trialling a new strategy',
};

/** Days of an SLE's release time a trio takes unless the admin says otherwise. */
export const DEFAULT_SLE_DAYS = 2;
/** A school without coordinates counts as this far (metres) from anyone, so it is grouped last. */
export const UNKNOWN_DISTANCE = 100_000;

export interface Signup {
  id: string;
  personId: string;
  schoolUrn: number;
  phase: Phase;
  focusId: string;
  easting: number | null;
  northing: number | null;
}

export interface SleCandidate {
  designationId: string;
  personId: string;
  phase: Phase;
  specialismIds: string[];
  /** Release days not yet given to deployments or trios. */
  daysLeft: number;
  easting: number | null;
  northing: number | null;
}

export interface TrioProposal {
  phase: Phase;
  focusId: string;
  signupIds: [string, string, string];
  /** Sum of the three distances between the members' schools, in metres. */
  travel: number;
  sleDesignationId: string | null;
}

export interface Proposal {
  trios: TrioProposal[];
  /** Sign-ups left over: no two others of the same phase and focus from two other schools. */
  unplaced: string[];
}

type Point = { easting: number | null; northing: number | null };

export function distance(a: Point, b: Point): number {
  if (a.easting == null || a.northing == null || b.easting == null || b.northing == null) return UNKNOWN_DISTANCE;
  return Math.hypot(a.easting - b.easting, a.northing - b.northing);
}

/** Three sign-ups may form a trio: three schools, one phase, one focus, three different people. */
export function canFormTrio(a: Signup, b: Signup, c: Signup): boolean {
  return (
    new Set([a.schoolUrn, b.schoolUrn, c.schoolUrn]).size === 3 &&
    new Set([a.personId, b.personId, c.personId]).size === 3 &&
    a.phase === b.phase &&
    b.phase === c.phase &&
    a.focusId === b.focusId &&
    b.focusId === c.focusId
  );
}

/** An SLE can support a trio with this focus: the specialism, enough days left, and not one of its members. */
export function sleCanSupport(sle: SleCandidate, focusId: string, memberPersonIds: string[], days: number): boolean {
  return sle.specialismIds.includes(focusId) && sle.daysLeft >= days && !memberPersonIds.includes(sle.personId);
}

const centroid = (points: Point[]): Point => {
  const known = points.filter((p) => p.easting != null && p.northing != null);
  if (known.length === 0) return { easting: null, northing: null };
  return {
    easting: known.reduce((s, p) => s + p.easting!, 0) / known.length,
    northing: known.reduce((s, p) => s + p.northing!, 0) / known.length,
  };
};

/**
 * Propose trios. Within each phase and focus, every valid triple is ranked by travel (the perimeter of
 * the triangle of schools) and taken greedily when none of its members is placed yet: short journeys
 * first, and no three unplaced people who could form a trio are left over. Each trio then gets the SLE
 * with its focus and enough days left, preferring the same phase, then the nearest, then the most days.
 * Pure and deterministic (ties broken by id).
 */
export function proposeTrios(signups: Signup[], sles: SleCandidate[], days = DEFAULT_SLE_DAYS): Proposal {
  const groups = new Map<string, Signup[]>();
  for (const s of [...signups].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = `${s.phase}|${s.focusId}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const formed: { members: [Signup, Signup, Signup]; travel: number }[] = [];
  for (const group of groups.values()) {
    const triples: { members: [Signup, Signup, Signup]; travel: number; key: string }[] = [];
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++)
        for (let k = j + 1; k < group.length; k++) {
          const [a, b, c] = [group[i]!, group[j]!, group[k]!];
          if (!canFormTrio(a, b, c)) continue;
          triples.push({ members: [a, b, c], travel: distance(a, b) + distance(b, c) + distance(a, c), key: `${a.id}|${b.id}|${c.id}` });
        }
    triples.sort((x, y) => x.travel - y.travel || x.key.localeCompare(y.key));
    const placed = new Set<string>();
    const people = new Set<string>();
    for (const t of triples) {
      if (t.members.some((m) => placed.has(m.id) || people.has(m.personId))) continue;
      for (const m of t.members) {
        placed.add(m.id);
        people.add(m.personId);
      }
      formed.push({ members: t.members, travel: t.travel });
    }
  }
  formed.sort((x, y) => x.travel - y.travel || x.members[0].id.localeCompare(y.members[0].id));

  const daysLeft = new Map(sles.map((s) => [s.designationId, s.daysLeft]));
  const inTrio = new Set(formed.flatMap((t) => t.members.map((m) => m.personId)));
  const trios = formed.map(({ members, travel }): TrioProposal => {
    const [first] = members;
    const middle = centroid(members);
    const best = sles
      .filter((s) => !inTrio.has(s.personId))
      .filter((s) => sleCanSupport({ ...s, daysLeft: daysLeft.get(s.designationId)! }, first.focusId, [], days))
      .sort(
        (x, y) =>
          Number(y.phase === first.phase) - Number(x.phase === first.phase) ||
          distance(x, middle) - distance(y, middle) ||
          daysLeft.get(y.designationId)! - daysLeft.get(x.designationId)! ||
          x.designationId.localeCompare(y.designationId),
      )[0];
    if (best) daysLeft.set(best.designationId, daysLeft.get(best.designationId)! - days);
    return {
      phase: first.phase,
      focusId: first.focusId,
      signupIds: [members[0].id, members[1].id, members[2].id],
      travel: Math.round(travel),
      sleDesignationId: best?.designationId ?? null,
    };
  });
  const placedIds = new Set(trios.flatMap((t) => t.signupIds));
  return { trios, unplaced: signups.filter((s) => !placedIds.has(s.id)).map((s) => s.id) };
}

/** Kilometres for people, from metres. */
export const km = (metres: number) => `${(metres / 1000).toFixed(1)} km`;
