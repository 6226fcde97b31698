import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../kernel/db/client.ts';
import { networkSchools, people, schools, specialisms } from '../modules/networks/schema.ts';
import {
  deploymentCriteria,
  deploymentDayLogs,
  deploymentEvaluations,
  deploymentStatusEvents,
  deployments,
  supportOfferProviders,
  supportOffers,
  supportRequests,
} from '../modules/support/brokerage-schema.ts';
import type { DeploymentStatus, SupportRating } from '../modules/support/deployments-domain.ts';
import { agreedPrice } from '../modules/support/money-domain.ts';
import { paymentModelOf } from '../modules/support/money-queries.ts';
import { schoolYearOf } from '../modules/support/requests-domain.ts';
import { designationSpecialisms, designations } from '../modules/support/schema.ts';
import { phaseOf } from './designations.ts';

// The demo network's school-to-school support, after Ashton-on-Mersey (seed 004): SPELL's menu of offers;
// SLEs deployed for just under 80 days in 2025 to 2026, from one-day diagnostics (one whose findings became
// a five-and-a-half-day follow-up) to a 19-day maths deployment, most evaluated; Priya Sharma with past,
// agreed and proposed deployments; and open requests for the broker, one for a specialism nobody holds.
// Safe to re-run: a network that already has offers is left as it is.

const offers = [
  ['Headteacher support', 'Strategic leadership, evaluation and raising standards, from an NLE or LLE.', 3, null],
  [
    'Leadership and management review',
    'Lesson observations, strategic planning sessions, meetings with governors and a staff questionnaire.',
    2,
    90000,
  ],
  [
    'Guidance and support day',
    'Pupil tracking, understanding and using data effectively, inclusion and working with external agencies.',
    1,
    45000,
  ],
  ['One-day curriculum review', 'A one-day curriculum review and redesign package.', 1, 45000],
  [
    'Teaching and learning support',
    'Joint lesson observations, student dialogue groups and visits to observe outstanding teachers in other schools.',
    3,
    null,
  ],
  ['Whole-staff Inset', 'Inset delivered to the whole staff on a priority the school chooses.', 0.5, 35000],
  ['Student leadership', 'Resources and training for student leadership.', 1, 30000],
  [
    'ICT, MIS and site support',
    'Practical support on ICT networks, the school information management system, and site and financial management.',
    1,
    35000,
  ],
  ['Governance: academy conversion', 'School governance sessions on academy conversion.', 0.5, 25000],
  ['Becoming a teaching school', 'Support for schools considering applying to become teaching schools.', 1, 40000],
] as const;

interface Plan {
  days: number;
  code: string | null;
  status: DeploymentStatus;
  start: string;
  rating?: SupportRating;
  diagnostic?: boolean;
  objectives: string;
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function seedSupportBrokerage(db: Db, networkId: string, priyaEmail: string) {
  const [existing] = await db.select({ id: supportOffers.id }).from(supportOffers).where(eq(supportOffers.networkId, networkId)).limit(1);
  if (existing) return;
  const codes = new Map(
    (await db.select({ id: specialisms.id, code: specialisms.code }).from(specialisms).where(isNull(specialisms.networkId))).map((s) => [
      s.code,
      s.id,
    ]),
  );
  const sles = await db
    .select({
      id: designations.id,
      personId: designations.personId,
      email: people.email,
      schoolUrn: people.schoolUrn,
      releaseDays: designations.releaseDays,
      codes: sql<
        string[]
      >`array(select s.code from ${designationSpecialisms} x join ${specialisms} s on s.id = x.specialism_id where x.designation_id = ${designations.id})`,
    })
    .from(designations)
    .innerJoin(people, eq(people.id, designations.personId))
    .where(and(eq(designations.networkId, networkId), eq(designations.kind, 'sle'), eq(designations.status, 'active')))
    .orderBy(asc(sql`lower(${people.email})`));
  const priya = sles.find((s) => s.email.toLowerCase() === priyaEmail);
  if (!priya) return;
  const memberRows = await db
    .select({ urn: schools.urn, phase: schools.phase })
    .from(networkSchools)
    .innerJoin(schools, eq(schools.urn, networkSchools.schoolUrn))
    .where(and(eq(networkSchools.networkId, networkId), isNull(networkSchools.leftOn)))
    .orderBy(asc(schools.urn));
  const members = memberRows.map((s) => s.urn);
  // A request is for the phase of the school asking.
  const phaseAt = new Map(memberRows.map((s) => [s.urn, phaseOf(s.phase)]));

  // The menu, with Priya among the teaching and learning providers.
  for (const [title, description, typicalDays, pricePence] of offers) {
    const [o] = await db
      .insert(supportOffers)
      .values({ networkId, title, description, typicalDays: String(typicalDays), pricePence })
      .returning({ id: supportOffers.id });
    if (title === 'Teaching and learning support')
      await db.insert(supportOfferProviders).values({ offerId: o!.id, personId: priya.personId });
  }

  // The 19-day maths deployment needs a leader whose school releases them for 20 days this year.
  const mathsLead = sles.find((s) => s !== priya && s.codes.includes('maths')) ?? sles.find((s) => s !== priya)!;
  await db.update(designations).set({ releaseDays: '20' }).where(eq(designations.id, mathsLead.id));
  mathsLead.releaseDays = '20';
  const others = sles.filter((s) => s !== priya && s !== mathsLead);
  const plans: [typeof priya, Plan][] = [
    [
      mathsLead,
      {
        days: 19,
        code: 'maths',
        status: 'evaluated',
        start: '2025-09-16',
        rating: 'excellent',
        objectives: 'Increase attainment and progress in maths across key stages 2 and 3',
      },
    ],
    [
      priya,
      {
        days: 6,
        code: 'maths',
        status: 'evaluated',
        start: '2025-10-07',
        rating: 'good',
        objectives: 'Develop reasoning in year 6 maths lessons',
      },
    ],
    [
      others[0]!,
      {
        days: 1,
        code: 'english',
        status: 'evaluated',
        start: '2025-10-14',
        rating: 'good',
        diagnostic: true,
        objectives: 'Diagnostic review of English at key stage 2',
      },
    ],
    [
      others[0]!,
      {
        days: 5.5,
        code: 'english',
        status: 'evaluated',
        start: '2025-11-18',
        rating: 'excellent',
        objectives: 'Teach and assess writing at greater depth (from the diagnostic)',
      },
    ],
    [
      others[1]!,
      {
        days: 1,
        code: 'science',
        status: 'evaluated',
        start: '2025-11-04',
        rating: 'satisfactory',
        diagnostic: true,
        objectives: 'Diagnostic review of practical science',
      },
    ],
    [
      others[2]!,
      {
        days: 8,
        code: null,
        status: 'evaluated',
        start: '2026-01-13',
        rating: 'good',
        objectives: 'Prepare leaders and staff for inspection',
      },
    ],
    [
      others[3]!,
      {
        days: 5,
        code: null,
        status: 'evaluated',
        start: '2026-01-20',
        rating: 'good',
        objectives: 'Use data to target intervention in year 11',
      },
    ],
    [others[4]!, { days: 7.5, code: null, status: 'completed', start: '2026-02-03', objectives: 'Develop middle leaders’ monitoring' }],
    [
      others[5]!,
      {
        days: 4,
        code: null,
        status: 'evaluated',
        start: '2026-02-24',
        rating: 'excellent',
        objectives: 'Whole-staff Inset on feedback, with follow-up coaching',
      },
    ],
    [
      others[6]!,
      {
        days: 10,
        code: null,
        status: 'evaluated',
        start: '2026-03-03',
        rating: 'good',
        objectives: 'Improve phonics outcomes in key stage 1',
      },
    ],
    [
      others[7]!,
      {
        days: 3,
        code: null,
        status: 'evaluated',
        start: '2026-04-21',
        rating: 'good',
        objectives: 'Review the curriculum for SEN support',
      },
    ],
    [
      others[8]!,
      {
        days: 6,
        code: null,
        status: 'evaluated',
        start: '2026-04-28',
        rating: 'good',
        objectives: 'Behaviour for learning in key stage 3',
      },
    ],
    [
      others[9]!,
      {
        days: 2.5,
        code: null,
        status: 'evaluated',
        start: '2026-06-09',
        rating: 'excellent',
        objectives: 'Transition from year 6 to year 7 in maths',
      },
    ],
    // This school year: Priya has an agreed diagnostic and a proposal waiting for her consent.
    [
      priya,
      {
        days: 1,
        code: null,
        status: 'agreed',
        start: '2026-12-08',
        diagnostic: true,
        objectives: 'Diagnostic review of maths in key stage 3',
      },
    ],
    [priya, { days: 3, code: 'maths', status: 'proposed', start: '2027-01-12', objectives: 'Coach the new maths lead' }],
  ];
  let school = 0;
  const nextSchool = (not: number | null) => {
    for (;;) {
      const urn = members[school++ % members.length]!;
      if (urn !== not) return urn;
    }
  };
  let diagnosticRequest: string | null = null;
  const used = new Map<string, number>();
  const model = await paymentModelOf(db, networkId);
  for (const [leader, p] of plans) {
    if (!leader) continue;
    // Never past the leader's release days for the year (the database would refuse it anyway).
    const key = `${leader.id}:${schoolYearOf(p.start)}`;
    const days = Math.min(p.days, Number(leader.releaseDays) - (used.get(key) ?? 0));
    if (days <= 0) continue;
    used.set(key, (used.get(key) ?? 0) + days);
    const code = p.code ?? leader.codes[0] ?? null;
    const urn: number | null = p.code === 'english' && !p.diagnostic && diagnosticRequest ? null : nextSchool(leader.schoolUrn);
    const hostUrn: number =
      urn ??
      (await db.select({ u: supportRequests.schoolUrn }).from(supportRequests).where(eq(supportRequests.id, diagnosticRequest!)))[0]!.u;
    const endsOn = [addDays(p.start, Math.ceil(days) * 7), `${schoolYearOf(p.start) + 1}-07-17`].sort()[0]!;
    const [request]: { id: string }[] = await db
      .insert(supportRequests)
      .values({
        networkId,
        schoolUrn: hostUrn,
        kind: p.diagnostic ? 'diagnostic' : 'known_need',
        specialismId: code ? (codes.get(code) ?? null) : null,
        phase: phaseAt.get(hostUrn) ?? 'secondary',
        objectives: p.objectives,
        days: String(days),
        preferredStartOn: p.start,
        preferredEndOn: endsOn,
        status: p.status === 'evaluated' ? 'closed' : 'open',
        findings:
          p.diagnostic && p.status === 'evaluated'
            ? 'Writing at greater depth is the priority: teachers lack confidence in assessing it.'
            : null,
        followUpOf: urn === null ? diagnosticRequest : null,
      })
      .returning({ id: supportRequests.id });
    if (p.diagnostic && p.code === 'english') diagnosticRequest = request!.id;
    const stamp = new Date(`${p.start}T09:00:00Z`);
    const agreed = !['proposed', 'declined'].includes(p.status);
    const [d] = await db
      .insert(deployments)
      .values({
        networkId,
        requestId: request!.id,
        designationId: leader.id,
        leaderId: leader.personId,
        schoolUrn: hostUrn,
        payingSchoolUrn: hostUrn,
        kind: p.diagnostic ? 'diagnostic' : 'support',
        tier: 'sle',
        status: p.status,
        objectives: p.objectives,
        days: String(days),
        startsOn: p.start,
        endsOn,
        schoolYear: schoolYearOf(p.start),
        leaderConsentAt: agreed ? stamp : null,
        releasedAt: agreed ? stamp : null,
        agreedAt: agreed ? stamp : null,
        // Priced as the school agreed it: the network's model, member rates (every host is a member).
        ...(agreed ? agreedPrice(model, 'sle', true, p.diagnostic === true) : {}),
      })
      .returning({ id: deployments.id });
    const id = d!.id;
    const path: DeploymentStatus[] = ['proposed', 'agreed', 'active', 'completed', 'evaluated'];
    const reached = path.slice(0, path.indexOf(p.status) + 1);
    await db.insert(deploymentStatusEvents).values(
      reached.map((to, i) => ({
        deploymentId: id,
        fromStatus: i === 0 ? null : reached[i - 1]!,
        toStatus: to,
        event: i === 0 ? 'propose' : ['agree', 'start', 'complete', 'evaluate'][i - 1]!,
        at: new Date(stamp.getTime() + i * 86_400_000),
      })),
    );
    if (!agreed) continue;
    await db.insert(deploymentCriteria).values({
      deploymentId: id,
      position: 1,
      description: 'Lessons judged good or better in the focus area',
      baseline: '50%',
      target: '80%',
      endMeasure: p.status === 'evaluated' ? (p.rating === 'satisfactory' ? '60%' : '85%') : null,
    });
    if (p.status === 'agreed') continue;
    // Days logged weekly, full days, the last a half day when the days end in a half.
    const logs: { deploymentId: string; workedOn: string; halfDays: number; activity: string }[] = [];
    for (let h = days * 2, w = 0; h > 0; w++) {
      const half = h >= 2 ? 2 : 1;
      logs.push({
        deploymentId: id,
        workedOn: addDays(p.start, w * 7),
        halfDays: half,
        activity: w === 0 ? 'Baseline visit and lesson observations' : 'Coaching and joint planning',
      });
      h -= half;
    }
    await db.insert(deploymentDayLogs).values(logs);
    if (p.status === 'evaluated')
      await db.insert(deploymentEvaluations).values({
        deploymentId: id,
        schoolRating: p.rating!,
        schoolComment: 'Staff confidence and outcomes improved against the baseline.',
        schoolEvaluatedAt: new Date(`${endsOn}T15:00:00Z`),
        leaderReflection: 'Joint planning and modelling made the difference.',
        leaderReflectedAt: new Date(`${endsOn}T16:00:00Z`),
      });
  }

  // Open requests for the broker: two that match, one for a specialism nobody in the network holds.
  const held = new Set(sles.flatMap((s) => s.codes));
  const unheld = ['music', 'drama', 'citizenship', 'pe', 're'].find((c) => !held.has(c) && codes.has(c));
  const open: [string | undefined, string, number][] = [
    ['maths', 'Improve problem solving in maths', 3],
    ['english', 'Raise standards in reading', 2],
    [unheld, 'Develop the music curriculum', 2],
  ];
  for (const [code, objectives, days] of open) {
    if (!code) continue;
    const urn = nextSchool(null);
    await db.insert(supportRequests).values({
      networkId,
      schoolUrn: urn,
      kind: 'known_need',
      specialismId: codes.get(code)!,
      phase: phaseAt.get(urn) ?? 'secondary',
      objectives,
      days: String(days),
      preferredStartOn: '2027-01-11',
      preferredEndOn: '2027-03-26',
    });
  }
}
