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
function phaseOf(giasPhase: string | null): Phase {
  const p = (giasPhase ?? '').toLowerCase();
  if (p.includes('nursery')) return 'nursery';
  if (p.includes('primary')) return 'primary';
  if (p.includes('secondary')) return 'secondary';
  if (p.includes('16')) return 'post_16';
  if (p.includes('special')) return 'special';
  return 'all_through';
}

/** Every system leader of the network, plus the named people (`planned`, by lower-case email), gets a current designation. */
export async function ensureDemoDesignations(db: Db, networkId: string, planned: Map<string, DesignationPlan>) {
  const shared = await db.select({ id: specialisms.id, code: specialisms.code }).from(specialisms).where(isNull(specialisms.networkId));
  const idOf = new Map(shared.map((s) => [s.code, s.id]));
  const candidates = await db
    .selectDistinct({ id: people.id, email: sql<string>`lower(${people.email})`, phase: schools.phase })
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
  let n = 0;
  for (const person of candidates) {
    const plan = planned.get(person.email) ?? {
      kind: 'sle',
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
