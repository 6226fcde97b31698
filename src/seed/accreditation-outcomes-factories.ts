import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../kernel/db/client.ts';
import { ssatDefaultFramework } from '../modules/accreditation/framework-domain.ts';
import {
  lpCandidates,
  lpCohortNetworks,
  lpCohorts,
  lpEvidence,
  lpEvidenceStandards,
  lpFrameworks,
  lpFrameworkVersions,
  lpLevels,
  lpPortfolios,
  lpStandardGroups,
  lpStandards,
} from '../modules/accreditation/schema.ts';

// Factories for accreditation outcomes tests and the demo: a framework version with the SSAT default
// content, a cohort, candidates with portfolios, evidence with claims. Rows are written directly, so
// that tests of the second half depend only on the first half's tables.

/** A version of the SSAT default framework for the network (creating the framework if needed). */
export async function makeLpFrameworkVersion(db: Db, networkId: string) {
  let [framework] = await db.select().from(lpFrameworks).where(eq(lpFrameworks.networkId, networkId));
  if (!framework) [framework] = await db.insert(lpFrameworks).values({ networkId, name: 'Lead Practitioner standards' }).returning();
  const existing = await db
    .select({ id: lpFrameworkVersions.id })
    .from(lpFrameworkVersions)
    .where(eq(lpFrameworkVersions.frameworkId, framework!.id));
  const content = ssatDefaultFramework;
  const [version] = await db
    .insert(lpFrameworkVersions)
    .values({
      frameworkId: framework!.id,
      networkId,
      version: existing.length + 1,
      passMinLevel: content.passRule.minLevel,
      passMinStandards: content.passRule.minStandards,
      validityYears: content.validityYears,
    })
    .returning();
  await db.insert(lpLevels).values(content.levels.map((l) => ({ versionId: version!.id, ...l })));
  const standards: { id: string; code: string }[] = [];
  let position = 0;
  for (const [g, group] of content.groups.entries()) {
    const [row] = await db
      .insert(lpStandardGroups)
      .values({ versionId: version!.id, position: g + 1, name: group.name })
      .returning();
    for (const s of group.standards) {
      const [st] = await db
        .insert(lpStandards)
        .values({
          versionId: version!.id,
          groupId: row!.id,
          code: s.code,
          position: ++position,
          title: s.title,
          description: s.description,
        })
        .returning({ id: lpStandards.id, code: lpStandards.code });
      standards.push(st!);
    }
  }
  return { versionId: version!.id, frameworkId: framework!.id, standards };
}

/** A cohort of the network on a fresh framework version. */
export async function makeLpCohort(db: Db, networkId: string, overrides: Partial<typeof lpCohorts.$inferInsert> = {}) {
  const framework = await makeLpFrameworkVersion(db, networkId);
  const [cohort] = await db
    .insert(lpCohorts)
    .values({
      networkId,
      name: `Cohort ${randomUUID().slice(0, 8)}`,
      frameworkVersionId: framework.versionId,
      startsOn: '2025-09-01',
      endsOn: '2026-07-31',
      ...overrides,
    })
    .returning();
  await db.insert(lpCohortNetworks).values({ cohortId: cohort!.id, networkId });
  return { cohort: cohort!, framework };
}

/** A candidate enrolled in the cohort, with a draft portfolio. */
export async function makeLpCandidate(db: Db, cohortId: string, networkId: string, personId: string, schoolUrn: number | null = null) {
  const [candidate] = await db
    .insert(lpCandidates)
    .values({ cohortId, networkId, personId, schoolUrn, headConsentName: 'Head Teacher', headConsentOn: '2025-09-01', stage: 'building' })
    .returning();
  const [portfolio] = await db.insert(lpPortfolios).values({ candidateId: candidate!.id }).returning();
  return { candidate: candidate!, portfolio: portfolio! };
}

/** An evidence item claiming `levels[i]` against standard i (0 or missing: no claim). */
export async function makeLpEvidence(
  db: Db,
  portfolioId: string,
  framework: { versionId: string; standards: { id: string }[] },
  levels: number[],
  overrides: Partial<typeof lpEvidence.$inferInsert> = {},
) {
  const [item] = await db
    .insert(lpEvidence)
    .values({
      portfolioId,
      title: 'Coaching two colleagues through a lesson study',
      whatWasDone: 'Led a lesson study cycle on questioning',
      withWhom: 'Two early career teachers',
      occurredOn: '2025-11-12',
      impact: 'Both colleagues now plan hinge questions into every lesson',
      impactMeasure: 'Lesson visits before and after',
      type: 'coaching',
      ...overrides,
    })
    .returning();
  const claims = levels
    .map((level, i) => ({
      evidenceId: item!.id,
      standardId: framework.standards[i]!.id,
      versionId: framework.versionId,
      claimedLevel: level,
    }))
    .filter((c) => c.claimedLevel > 0);
  if (claims.length) await db.insert(lpEvidenceStandards).values(claims);
  return item!;
}
