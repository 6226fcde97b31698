import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../kernel/db/client.ts';
import type { Phase } from '../modules/networks/domain.ts';
import { memberships, people, schools, specialisms } from '../modules/networks/schema.ts';
import type { DesignationKind } from '../modules/support/domain.ts';
import { designations } from '../modules/support/schema.ts';
import { makeDesignation } from './factories.ts';

// Designations for the demo's system leaders, so that the directory of expertise has people in it.
// Safe to re-run: a person who already holds a designation in the network is left as they are.

export interface DesignationPlan {
  kind: DesignationKind;
  codes: string[];
  releaseDays: number;
}

const generatedCodes = [
  'english',
  'maths',
  'science',
  'phonics',
  'sen',
  'early_years',
  'assessment',
  'leadership_of_cpd',
  'behaviour_and_discipline',
  'closing_the_gap',
  'itt_and_nqt_development',
  'leadership_of_curriculum',
];
const generatedDays = [15, 10, 12.5, 8, 15, 5];

/** GIAS phase names onto the app's phases; anything else counts as all-through. */
export function phaseOf(giasPhase: string | null): Phase {
  const p = (giasPhase ?? '').toLowerCase();
  if (p.includes('nursery')) return 'nursery';
  if (p.includes('primary')) return 'primary';
  if (p.includes('secondary')) return 'secondary';
  if (p.includes('16')) return 'post_16';
  if (p.includes('special')) return 'special';
  return 'all_through';
}

/** The shape of a network's first SLE cohort (seed 004, Ashton-on-Mersey: 15 SLEs designated from 6 schools). */
export interface CohortShape {
  sles: number;
  schools: number;
}

interface Candidate {
  id: string;
  email: string;
  phase: string | null;
  schoolUrn: number | null;
}

/**
 * Choose the SLE cohort: `shape.schools` schools (the planned SLEs' first, then those with the most system
 * leaders), and `shape.sles` leaders from them taken in turn, so every school has one; when the schools'
 * system leaders are too few, their senior and middle leaders are made system leaders too. Deterministic:
 * the same people every run.
 */
async function pinCohort(db: Db, networkId: string, candidates: Candidate[], planned: Map<string, DesignationPlan>, shape: CohortShape) {
  const sleCandidates = candidates.filter((c) => c.schoolUrn !== null && (planned.get(c.email)?.kind ?? 'sle') === 'sle');
  const perSchool = new Map<number, Candidate[]>();
  for (const c of sleCandidates) perSchool.set(c.schoolUrn!, [...(perSchool.get(c.schoolUrn!) ?? []), c]);
  const required = new Set(sleCandidates.filter((c) => planned.has(c.email)).map((c) => c.schoolUrn!));
  const schoolsChosen = [...perSchool.keys()]
    .sort((a, b) => Number(required.has(b)) - Number(required.has(a)) || perSchool.get(b)!.length - perSchool.get(a)!.length || a - b)
    .slice(0, shape.schools);
  // Planned people first within a school, then by email.
  for (const urn of schoolsChosen)
    perSchool.get(urn)!.sort((a, b) => Number(planned.has(b.email)) - Number(planned.has(a.email)) || a.email.localeCompare(b.email));
  const pool = new Map(schoolsChosen.map((urn) => [urn, [...perSchool.get(urn)!]]));
  const taken: Candidate[] = [];
  const fill = () => {
    for (let progress = true; progress && taken.length < shape.sles; ) {
      progress = false;
      for (const urn of schoolsChosen) {
        const next = pool.get(urn)!.shift();
        if (next && taken.length < shape.sles) {
          taken.push(next);
          progress = true;
        }
      }
    }
  };
  fill();
  if (taken.length < shape.sles && schoolsChosen.length) {
    const known = new Set(candidates.map((c) => c.id));
    const more = await db
      .selectDistinct({ id: people.id, email: sql<string>`lower(${people.email})`, phase: schools.phase, schoolUrn: people.schoolUrn })
      .from(people)
      .innerJoin(memberships, eq(memberships.personId, people.id))
      .leftJoin(schools, eq(schools.urn, people.schoolUrn))
      .where(
        and(
          eq(memberships.networkId, networkId),
          inArray(people.schoolUrn, schoolsChosen),
          inArray(people.leadershipLevel, ['senior_leader', 'middle_leader']),
        ),
      )
      .orderBy(asc(sql`lower(${people.email})`));
    for (const m of more.filter((m) => !known.has(m.id))) pool.get(m.schoolUrn!)!.push(m);
    fill();
    const promoted = taken.filter((c) => !known.has(c.id));
    if (promoted.length)
      await db
        .insert(memberships)
        .values(promoted.map((c) => ({ networkId, personId: c.id, role: 'system_leader' as const })))
        .onConflictDoNothing();
  }
  return taken;
}

/**
 * Every system leader of the network, plus the named people (`planned`, by lower-case email), gets a current
 * designation. With a cohort shape, exactly that many SLEs from that many schools; the other system leaders
 * hold the network's own lead practitioner designation.
 */
export async function ensureDemoDesignations(db: Db, networkId: string, planned: Map<string, DesignationPlan>, cohort?: CohortShape) {
  const shared = await db.select({ id: specialisms.id, code: specialisms.code }).from(specialisms).where(isNull(specialisms.networkId));
  const idOf = new Map(shared.map((s) => [s.code, s.id]));
  const candidates = await db
    .selectDistinct({ id: people.id, email: sql<string>`lower(${people.email})`, phase: schools.phase, schoolUrn: people.schoolUrn })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .leftJoin(schools, eq(schools.urn, people.schoolUrn))
    .where(
      and(
        eq(memberships.networkId, networkId),
        or(eq(memberships.role, 'system_leader'), inArray(sql`lower(${people.email})`, [...planned.keys()])),
      ),
    )
    .orderBy(asc(sql`lower(${people.email})`));
  const held = new Set(
    (
      await db
        .select({ personId: designations.personId })
        .from(designations)
        .where(
          and(
            eq(designations.networkId, networkId),
            inArray(
              designations.personId,
              candidates.map((c) => c.id),
            ),
          ),
        )
    ).map((d) => d.personId),
  );
  const chosen = cohort ? await pinCohort(db, networkId, candidates, planned, cohort) : null;
  const cohortIds = chosen ? new Set(chosen.map((c) => c.id)) : null;
  // Those made system leaders for the cohort are designated with the rest, in email order.
  const everyone = [...candidates, ...(chosen ?? []).filter((c) => !candidates.some((x) => x.id === c.id))].sort((a, b) =>
    a.email.localeCompare(b.email),
  );
  let n = 0;
  for (const person of everyone) {
    const plan = planned.get(person.email) ?? {
      kind: cohortIds && !cohortIds.has(person.id) ? 'lead_practitioner' : 'sle',
      codes: [generatedCodes[n % generatedCodes.length]!, generatedCodes[(n + 5) % generatedCodes.length]!],
      releaseDays: generatedDays[n % generatedDays.length]!,
    };
    n++;
    if (held.has(person.id)) continue;
    await makeDesignation(db, networkId, person.id, {
      kind: plan.kind,
      phase: phaseOf(person.phase),
      releaseDays: String(plan.releaseDays),
      startsOn: '2025-09-01',
      endsOn: '2028-09-01',
      reviewOn: '2026-07-01',
      specialismIds: plan.codes.map((c) => idOf.get(c)).filter((id): id is string => id !== undefined),
    });
  }
}
