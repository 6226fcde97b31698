import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { todayIso } from '../kernel/dates.ts';
import type { Db } from '../kernel/db/client.ts';
import { portfolioEvidence } from '../modules/accreditation/assessment-queries.ts';
import { accreditationExpiry } from '../modules/accreditation/framework-domain.ts';
import { standardOrder } from '../modules/accreditation/framework-queries.ts';
import { lpAssessments, lpCertificates, lpSubmissions, lpSupportDays } from '../modules/accreditation/outcomes-schema.ts';
import {
  lpCandidates,
  lpCohortNetworks,
  lpCohorts,
  lpFrameworks,
  lpFrameworkVersions,
  lpPortfolios,
  lpStandardGroups,
  lpStandards,
} from '../modules/accreditation/schema.ts';
import { academicYearOf } from '../modules/accreditation/support-days-domain.ts';
import { memberships, people } from '../modules/networks/schema.ts';
import { DEMO_COHORT } from './accreditation.ts';
import { makeLpCandidate, makeLpEvidence, makeLpFrameworkVersion } from './accreditation-outcomes-factories.ts';
import { grantRole } from './factories.ts';

// The demo's accredited Lead Practitioner: a member of the network's 2023 to 2024 cohort, assessed and
// accredited in July 2024 with a certificate (public id fixed so the demo can link to /verify), and
// support days given this school year. Safe to re-run: a network that has a certificate is left alone.

export const DEMO_PAST_COHORT = 'Coventry Lead Practitioner cohort 2023 to 2024';
export const DEMO_CERTIFICATE_ID = 'BlueSkyLeadPract2024';
const ACCREDITED_ON = '2024-07-12';

async function currentVersion(db: Db, networkId: string) {
  const [row] = await db
    .select({ id: lpFrameworkVersions.id })
    .from(lpFrameworkVersions)
    .innerJoin(lpFrameworks, eq(lpFrameworks.id, lpFrameworkVersions.frameworkId))
    .where(eq(lpFrameworks.networkId, networkId))
    .orderBy(desc(lpFrameworkVersions.version))
    .limit(1);
  if (!row) return makeLpFrameworkVersion(db, networkId);
  return currentVersionOf(db, row.id);
}

/** The first participant of the network by name: the demo's accredited LP. */
async function holderOf(db: Db, networkId: string) {
  const [row] = await db
    .select({ id: people.id, fullName: people.fullName, schoolUrn: people.schoolUrn })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'participant')))
    .orderBy(asc(people.fullName))
    .limit(1);
  return row ?? null;
}

export async function seedAccreditationOutcomes(db: Db, networkId: string, emails: { assessor: string }) {
  const [existing] = await db
    .select({ id: lpCertificates.id })
    .from(lpCertificates)
    .where(eq(lpCertificates.networkId, networkId))
    .limit(1);
  if (existing) return;
  const holder = await holderOf(db, networkId);
  const [assessor] = await db.select({ id: people.id }).from(people).where(eq(people.email, emails.assessor));
  if (!holder || !assessor) return;
  await grantRole(db, networkId, holder.id, 'lp_candidate');
  const framework = await currentVersion(db, networkId);
  const [cohort] = await db
    .insert(lpCohorts)
    .values({ networkId, name: DEMO_PAST_COHORT, frameworkVersionId: framework.versionId, startsOn: '2023-09-01', endsOn: '2024-07-19' })
    .returning();
  await db.insert(lpCohortNetworks).values({ cohortId: cohort!.id, networkId });
  const { candidate, portfolio } = await makeLpCandidate(db, cohort!.id, networkId, holder.id, holder.schoolUrn);
  const levels = [3, 3, 4, 3, 3, 3, 4, 3, 2, 2];
  await makeLpEvidence(db, portfolio.id, framework, [3, 3, 4, 3, 0, 0, 4, 0, 0, 0], {
    title: 'Singapore maths: research, model and train',
    whatWasDone: 'Researched the Singapore maths approach, modelled it in Year 4 and trained teachers from five schools',
    withWhom: 'Maths leads of five cluster schools',
    occurredOn: '2024-02-08',
    impact: 'The approach is now embedded in five schools; pupils working at greater depth in Year 4 rose from 18% to 31%',
    impactMeasure: 'Termly teacher assessment and a pupil attitude survey',
    type: 'cpd_delivered',
  });
  await makeLpEvidence(db, portfolio.id, framework, [0, 0, 0, 0, 3, 3, 0, 3, 2, 2], {
    title: 'Coaching two NQTs on the use of other adults in the classroom',
    whatWasDone: 'Ran two NQT sessions for the local authority and coached two NQTs for a term',
    withWhom: 'NQTs across the city programme',
    occurredOn: '2024-03-14',
    impact: 'Both NQTs planned deployment of teaching assistants in every lesson observed informally by their mentors',
    impactMeasure: 'Mentor notes before and after',
    type: 'coaching',
  });
  const submittedAt = new Date(`${ACCREDITED_ON}T09:00:00Z`);
  await db.update(lpPortfolios).set({ status: 'accredited', submittedAt }).where(eq(lpPortfolios.id, portfolio.id));
  await db.update(lpCandidates).set({ stage: 'accredited' }).where(eq(lpCandidates.id, candidate.id));
  const [submission] = await db
    .insert(lpSubmissions)
    .values({
      portfolioId: portfolio.id,
      candidateId: candidate.id,
      networkId,
      frameworkVersionId: framework.versionId,
      portfolioVersion: 1,
      snapshot: await portfolioEvidence(db, portfolio.id),
      submittedAt: new Date('2024-06-21T15:00:00Z'),
      status: 'decided',
      assessorId: assessor.id,
      assessedAt: submittedAt,
      outcome: 'accredited',
      decidedAt: submittedAt,
    })
    .returning();
  await db.insert(lpAssessments).values(
    framework.standards.map((s, i) => ({
      submissionId: submission!.id,
      standardId: s.id,
      versionId: framework.versionId,
      level: levels[i]!,
      feedback:
        levels[i]! >= 3
          ? `Clear evidence of reach beyond the team for ${s.code}.`
          : `${s.code} is evidenced within the team; aim wider next time.`,
    })),
  );
  const [certificate] = await db
    .insert(lpCertificates)
    .values({
      publicId: DEMO_CERTIFICATE_ID,
      submissionId: submission!.id,
      candidateId: candidate.id,
      personId: holder.id,
      networkId,
      holderName: holder.fullName,
      frameworkName: 'Lead Practitioner standards',
      issuedOn: ACCREDITED_ON,
      expiresOn: accreditationExpiry(ACCREDITED_ON, 3),
    })
    .returning();
  // Support given this school year, on days already past.
  const today = todayIso();
  const year = academicYearOf(today);
  const days = [
    { givenOn: `${year}-09-18`, days: '1', kind: 'cpd_delivery' as const, note: 'Singapore maths twilight for cluster schools' },
    { givenOn: `${year}-10-09`, days: '0.5', kind: 'team_teaching' as const, note: 'Year 4 bar modelling' },
  ].filter((d) => d.givenOn <= today);
  if (days.length) {
    await db.insert(lpSupportDays).values(
      days.map((d) => ({
        ...d,
        certificateId: certificate!.id,
        networkId,
        personId: holder.id,
        academicYear: year,
        loggedBy: holder.id,
      })),
    );
  }
}

/**
 * Something for the demo's assessor to assess: the first other Blue Sky candidate of this year's cohort
 * (not `exceptPersonId`, whose portfolio the demo keeps open) has evidence, has submitted, and the
 * submission is assigned to the assessor. Safe to re-run: a candidate with a submission is left alone.
 */
export async function seedSubmissionToAssess(db: Db, networkId: string, emails: { assessor: string; exceptCandidate: string }) {
  const [assessor] = await db.select({ id: people.id }).from(people).where(eq(people.email, emails.assessor));
  const [cohort] = await db
    .select()
    .from(lpCohorts)
    .where(and(eq(lpCohorts.name, DEMO_COHORT), eq(lpCohorts.networkId, networkId)));
  if (!assessor || !cohort) return;
  const [candidate] = await db
    .select({ id: lpCandidates.id, portfolioId: lpPortfolios.id, fullName: people.fullName })
    .from(lpCandidates)
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .innerJoin(lpPortfolios, eq(lpPortfolios.candidateId, lpCandidates.id))
    .where(and(eq(lpCandidates.cohortId, cohort.id), eq(lpCandidates.networkId, networkId), ne(people.email, emails.exceptCandidate)))
    .orderBy(asc(people.fullName))
    .limit(1);
  if (!candidate) return;
  const [submitted] = await db.select({ id: lpSubmissions.id }).from(lpSubmissions).where(eq(lpSubmissions.candidateId, candidate.id));
  if (submitted) return;
  const framework = await currentVersionOf(db, cohort.frameworkVersionId);
  const today = todayIso();
  const earlier = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  await makeLpEvidence(db, candidate.portfolioId, framework, [3, 3, 3, 3, 0, 0, 3, 0, 0, 0], {
    title: 'Leading a cluster network on oracy',
    whatWasDone: 'Set up and led a termly oracy network for five primary schools, with shared lesson visits',
    withWhom: 'Oracy leads of five schools',
    occurredOn: earlier(60),
    impact: 'Four of the five schools now plan structured talk into every English unit',
    impactMeasure: 'Curriculum plans and a pupil voice survey before and after',
    type: 'cpd_delivered',
  });
  await makeLpEvidence(db, candidate.portfolioId, framework, [0, 0, 0, 0, 3, 3, 0, 3, 2, 3], {
    title: 'Action research: feedback without marking',
    whatWasDone: 'Trialled whole-class feedback in Year 6 writing and coached two colleagues to use it',
    withWhom: 'Year 6 team and two early career teachers',
    occurredOn: earlier(30),
    impact: 'Teacher marking time fell by a third while the share of pupils improving a draft rose from 40% to 72%',
    impactMeasure: 'Time logs and a sample of drafts before and after',
    type: 'action_research',
  });
  await db.update(lpPortfolios).set({ status: 'in_assessment', submittedAt: new Date() }).where(eq(lpPortfolios.id, candidate.portfolioId));
  await db.update(lpCandidates).set({ stage: 'submitted' }).where(eq(lpCandidates.id, candidate.id));
  await db.insert(lpSubmissions).values({
    portfolioId: candidate.portfolioId,
    candidateId: candidate.id,
    networkId,
    frameworkVersionId: cohort.frameworkVersionId,
    portfolioVersion: 1,
    snapshot: await portfolioEvidence(db, candidate.portfolioId),
    status: 'in_assessment',
    assessorId: assessor.id,
  });
}

/** A version's standards in framework order, in the shape the evidence factory takes. */
async function currentVersionOf(db: Db, versionId: string) {
  const standards = await db
    .select({ id: lpStandards.id, code: lpStandards.code })
    .from(lpStandards)
    .innerJoin(lpStandardGroups, eq(lpStandardGroups.id, lpStandards.groupId))
    .where(eq(lpStandards.versionId, versionId))
    .orderBy(...standardOrder);
  return { versionId, standards };
}
