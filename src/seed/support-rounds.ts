import { and, asc, eq, gte, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Role } from '../kernel/auth/actor.ts';
import { todayIso } from '../kernel/dates.ts';
import type { Db } from '../kernel/db/client.ts';
import { memberships, networkSchools, people, specialisms } from '../modules/networks/schema.ts';
import { deployments } from '../modules/support/brokerage-schema.ts';
import { defaultPaymentModel, mulDivRound } from '../modules/support/money-domain.ts';
import { paymentModels, supportTargets, supportVouchers } from '../modules/support/money-schema.ts';
import { redeemVouchers } from '../modules/support/money-vouchers.ts';
import { defaultCriteria } from '../modules/support/rounds-domain.ts';
import {
  designationApplicationScores,
  designationApplicationSpecialisms,
  designationApplicationStatements,
  designationApplications,
  designationRoundCriteria,
  designationRoundReviews,
  designationRoundSpecialisms,
  designationRounds,
  designationTrainingAttendance,
  designationTrainings,
} from '../modules/support/rounds-schema.ts';
import { designations } from '../modules/support/schema.ts';
import { makeDesignation } from './factories.ts';

// The demo's designation rounds and money, after seed 004: last year's first SLE cohort (induction and a
// review meeting "to discuss the deployment process from end to end"), this year's round targeting primary
// leaders with applications at every stage; the default payment model, this year's targets and a
// marketplace voucher ("two hours' free support"). Safe to re-run: a network with rounds is left as it is.

const day = (offset: number) => todayIso(new Date(Date.now() + offset * 86_400_000));
const CURRENT = 'SLE designation: primary cohort';
const statements = [
  'Four years leading maths across the school, and two as assistant head for teaching and learning.',
  'Our KS2 maths results rose from 61% to 82% at the expected standard in three years; the disadvantaged gap halved.',
  'I coach two new subject leaders and ran the alliance’s maths network meetings last year.',
];

export async function seedSupportRounds(db: Db, networkId: string, emails: { admin: string; head: string }) {
  const [existing] = await db
    .select({ id: designationRounds.id })
    .from(designationRounds)
    .where(eq(designationRounds.networkId, networkId));
  if (existing) return;
  const byEmail = async (email: string) =>
    (
      await db
        .select()
        .from(people)
        .where(eq(sql`lower(${people.email})`, email))
    )[0]!;
  const admin = await byEmail(emails.admin);
  const head = await byEmail(emails.head);
  const codes = ['maths', 'english', 'phonics', 'sen', 'early_years'];
  const shared = await db
    .select({ id: specialisms.id, code: specialisms.code })
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), inArray(specialisms.code, codes)));
  const idOf = new Map(shared.map((s) => [s.code, s.id]));

  // Money: the default model saved as the network's own, this year's targets, a marketplace voucher.
  await db
    .insert(paymentModels)
    .values({ networkId, ...defaultPaymentModel, hoursPerDay: String(defaultPaymentModel.hoursPerDay), updatedBy: admin.id })
    .onConflictDoNothing();
  const year = Number(day(0).slice(0, 4)) - (Number(day(0).slice(5, 7)) < 9 ? 1 : 0);
  await db.insert(supportTargets).values({ networkId, startYear: year, days: '80', incomePence: 3_000_000 }).onConflictDoNothing();
  // The voucher goes to the school paying for this year's first agreed deployment (else the first member),
  // and that school spends it on it, as agreeing the deployment would have.
  const [spentOn] = await db
    .select({
      id: deployments.id,
      urn: deployments.payingSchoolUrn,
      days: deployments.days,
      dayRatePence: deployments.dayRatePence,
      startsOn: deployments.startsOn,
    })
    .from(deployments)
    .where(
      and(
        eq(deployments.networkId, networkId),
        inArray(deployments.status, ['agreed', 'active', 'completed', 'evaluated']),
        gte(deployments.startsOn, `${year}-09-15`),
      ),
    )
    .orderBy(asc(deployments.startsOn), asc(deployments.id))
    .limit(1);
  const [firstMember] = await db
    .select({ urn: networkSchools.schoolUrn })
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, networkId), isNull(networkSchools.leftOn)))
    .orderBy(asc(networkSchools.schoolUrn));
  const voucherSchool = spentOn ? { urn: spentOn.urn } : firstMember;
  if (voucherSchool)
    await db.insert(supportVouchers).values({
      networkId,
      schoolUrn: voucherSchool.urn,
      hours: '2',
      reason: 'Marketplace event: two hours’ free support',
      issuedOn: `${year}-09-15`,
      issuedBy: admin.id,
    });
  if (voucherSchool && spentOn?.dayRatePence != null)
    await redeemVouchers(db, {
      networkId,
      schoolUrn: voucherSchool.urn,
      deploymentId: spentOn.id,
      on: spentOn.startsOn,
      dayRatePence: spentOn.dayRatePence,
      hoursPerDay: defaultPaymentModel.hoursPerDay,
      supportPence: mulDivRound(Math.round(Number(spentOn.days) * 2), spentOn.dayRatePence, 2),
    });

  const round = async (values: typeof designationRounds.$inferInsert, codesWanted: string[]) => {
    const [r] = await db.insert(designationRounds).values(values).returning();
    const ids = codesWanted.map((c) => idOf.get(c)).filter((x): x is string => !!x);
    if (ids.length) await db.insert(designationRoundSpecialisms).values(ids.map((specialismId) => ({ roundId: r!.id, specialismId })));
    const criteria = await db
      .insert(designationRoundCriteria)
      .values(defaultCriteria.sle.map((title, i) => ({ roundId: r!.id, position: i + 1, title, maxScore: 4 })))
      .returning();
    return { ...r!, criteria };
  };

  // Last year's first cohort, whose designations start on 1 September 2025 (designations.ts pins them: 15 SLEs
  // from 6 schools): closed, every one of them designated through it, with the induction they attended and
  // the review meeting.
  const first = await round(
    {
      networkId,
      title: 'SLE designation: first cohort',
      kind: 'sle',
      phases: ['primary', 'secondary'],
      opensOn: '2025-06-02',
      closesOn: '2025-07-04',
      termStartsOn: '2025-09-01',
      termEndsOn: '2028-09-01',
    },
    [],
  );
  const cohort = await db
    .select({
      id: designations.id,
      personId: designations.personId,
      schoolUrn: people.schoolUrn,
      phase: designations.phase,
      releaseDays: designations.releaseDays,
    })
    .from(designations)
    .innerJoin(people, eq(people.id, designations.personId))
    .where(and(eq(designations.networkId, networkId), eq(designations.kind, 'sle'), eq(designations.startsOn, '2025-09-01')))
    .orderBy(asc(people.email));
  const cohortApplications: string[] = [];
  for (const [i, d] of cohort.entries()) {
    if (!d.schoolUrn) continue;
    const [a] = await db
      .insert(designationApplications)
      .values({
        networkId,
        roundId: first.id,
        personId: d.personId,
        schoolUrn: d.schoolUrn,
        phase: d.phase,
        leadershipYears: String(2 + (i % 5)),
        status: 'designated',
        submittedAt: new Date('2025-06-16T10:00:00Z'),
        endorsedAt: new Date('2025-06-25T10:00:00Z'),
        releaseDays: d.releaseDays,
        decidedBy: admin.id,
        decidedAt: new Date('2025-07-14T10:00:00Z'),
        feedback: 'Designated: welcome to the first cohort.',
        designationId: d.id,
      })
      .returning({ id: designationApplications.id });
    cohortApplications.push(a!.id);
    await db
      .insert(designationApplicationStatements)
      .values(first.criteria.map((c, j) => ({ applicationId: a!.id, criterionId: c.id, statement: statements[j % statements.length]! })));
    await db.execute(sql`insert into designation_application_specialisms (application_id, specialism_id)
      select ${a!.id}::uuid, specialism_id from designation_specialisms where designation_id = ${d.id}::uuid`);
  }
  const [induction] = await db
    .insert(designationTrainings)
    .values({ roundId: first.id, kind: 'induction', title: 'SLE induction day', heldOn: '2025-09-10' })
    .returning();
  if (cohortApplications.length)
    await db
      .insert(designationTrainingAttendance)
      .values(cohortApplications.map((applicationId) => ({ trainingId: induction!.id, applicationId })));
  await db.insert(designationRoundReviews).values({
    roundId: first.id,
    heldOn: '2026-03-19',
    attendees: 'Alliance director, SLEs of the first cohort, headteachers of the schools supported',
    notes:
      'Went through the deployment process from end to end and listened to feedback: schools want the diagnostic day sooner, and SLEs want the objectives agreed before the first visit.',
    actions: 'Broker to agree objectives before the first visit; diagnostic within two weeks of a request.',
    recordedBy: admin.id,
  });

  // This year's round, primary leaders targeted (seed 004's second cohort), open now.
  const current = await round(
    {
      networkId,
      title: CURRENT,
      kind: 'sle',
      phases: ['primary'],
      opensOn: day(-14),
      closesOn: day(30),
      termStartsOn: day(60),
      termEndsOn: day(60 + 3 * 365),
    },
    codes,
  );
  // Applicants: middle and senior leaders of member schools without a designation, the head's own school first.
  const designated = db.select({ id: designations.personId }).from(designations).where(eq(designations.networkId, networkId));
  const rolesIn = (roles: Role[]) =>
    db
      .select({ id: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.networkId, networkId), inArray(memberships.role, roles)));
  const candidates = await db
    .select({
      id: people.id,
      schoolUrn: people.schoolUrn,
      email: people.email,
      sameSchool: sql<boolean>`${people.schoolUrn} = ${head.schoolUrn}`,
    })
    .from(people)
    .where(
      and(
        inArray(people.id, rolesIn(['participant', 'mentor', 'assessor'])),
        inArray(people.leadershipLevel, ['middle_leader', 'senior_leader']),
        notInArray(people.id, designated),
        notInArray(people.id, rolesIn(['network_admin', 'school_leader', 'lp_candidate', 'system_leader'])),
      ),
    )
    .orderBy(sql`${people.schoolUrn} = ${head.schoolUrn} desc`, asc(people.email))
    .limit(6);
  const stages = ['submitted', 'submitted', 'endorsed', 'scored', 'designated', 'declined'] as const;
  for (const [i, person] of candidates.entries()) {
    if (!person.schoolUrn) continue;
    const stage = stages[i]!;
    const endorsed = stage !== 'submitted';
    const code = codes[i % codes.length]!;
    let designationId: string | null = null;
    if (stage === 'designated') {
      designationId = (
        await makeDesignation(db, networkId, person.id, {
          phase: 'primary',
          releaseDays: '15',
          startsOn: current.termStartsOn,
          endsOn: current.termEndsOn,
          specialismIds: idOf.has(code) ? [idOf.get(code)!] : [],
        })
      ).id;
    }
    const [a] = await db
      .insert(designationApplications)
      .values({
        networkId,
        roundId: current.id,
        personId: person.id,
        schoolUrn: person.schoolUrn,
        phase: 'primary',
        leadershipYears: String(2 + (i % 4)),
        status: stage === 'scored' ? 'endorsed' : stage,
        submittedAt: new Date(Date.now() - (12 - i) * 86_400_000),
        endorsedBy: endorsed && person.sameSchool ? head.id : null,
        endorsedAt: endorsed ? new Date(Date.now() - (10 - i) * 86_400_000) : null,
        releaseDays: endorsed ? '15' : null,
        endorsementNote: endorsed ? 'Released on Thursdays.' : null,
        decidedBy: stage === 'designated' || stage === 'declined' ? admin.id : null,
        decidedAt: stage === 'designated' || stage === 'declined' ? new Date() : null,
        feedback:
          stage === 'declined'
            ? 'Strong practice; please bring more evidence of impact beyond your own class next round.'
            : stage === 'designated'
              ? 'A strong application.'
              : null,
        designationId,
      })
      .returning();
    if (idOf.has(code)) await db.insert(designationApplicationSpecialisms).values({ applicationId: a!.id, specialismId: idOf.get(code)! });
    await db
      .insert(designationApplicationStatements)
      .values(current.criteria.map((c, j) => ({ applicationId: a!.id, criterionId: c.id, statement: statements[j] ?? statements[0]! })));
    if (stage === 'scored' || stage === 'designated' || stage === 'declined')
      await db.insert(designationApplicationScores).values(
        current.criteria.map((c, j) => ({
          applicationId: a!.id,
          criterionId: c.id,
          scorerId: admin.id,
          score: stage === 'declined' ? 2 : 3 + (j % 2),
        })),
      );
  }
}
