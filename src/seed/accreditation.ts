import { and, asc, eq, inArray } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { loadConfig } from '../config.ts';
import { operatorActor } from '../kernel/auth/actor.ts';
import type { CommandContext } from '../kernel/commands.ts';
import { todayIso } from '../kernel/dates.ts';
import type { Db } from '../kernel/db/client.ts';
import { cohortMeetings, cohortRoster, loadCohort } from '../modules/accreditation/cohorts-queries.ts';
import { addEvidence, type EvidenceInput } from '../modules/accreditation/commands/add-evidence.ts';
import { assignMentors } from '../modules/accreditation/commands/assign-mentor.ts';
import { markEvidenceReady } from '../modules/accreditation/commands/change-evidence.ts';
import { createCohort } from '../modules/accreditation/commands/create-cohort.ts';
import { createGroup } from '../modules/accreditation/commands/create-group.ts';
import { enrolCandidate } from '../modules/accreditation/commands/enrol-candidate.ts';
import { giveFeedback } from '../modules/accreditation/commands/give-feedback.ts';
import { recordAttendance } from '../modules/accreditation/commands/record-attendance.ts';
import { shareEvidence } from '../modules/accreditation/commands/share-evidence.ts';
import { type LoadedFramework, loadFrameworkVersion } from '../modules/accreditation/framework-queries.ts';
import { proposeRotation, rotationPeriods } from '../modules/accreditation/mentors-domain.ts';
import { lpCohorts, lpPortfolios } from '../modules/accreditation/schema.ts';
import { memberships, people } from '../modules/networks/schema.ts';

// The demo's Lead Practitioner cohort (seed 000): Blue Sky with its partner Castle Phoenix, in progress
// this school year. Leanne Casey is a candidate with evidence and feedback; Tom Whitfield mentors.
// Safe to re-run: a cohort of the same name is left as it is.

export const DEMO_COHORT = 'Coventry Lead Practitioner cohort';

/** A context for seeding through the same commands as the app (audited as the demo seed). */
function seedContext(db: Db): CommandContext {
  return { db, actor: operatorActor('demo seed'), mailer: { local: true, async send() {} }, config: loadConfig({}) };
}

/** The school year holding `today`: 1 September to the third Friday of July. */
function schoolYear(today: string) {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = m >= 9 ? y : y - 1;
  return { startsOn: `${start}-09-01`, endsOn: `${start + 1}-07-17` };
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const notAfter = (iso: string, limit: string) => (iso > limit ? limit : iso);

async function impactSummaryPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Maths SKE impact summary' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(18).text('Maths subject knowledge enhancement: impact summary');
  doc
    .moveDown()
    .fontSize(11)
    .text('Teachers completing the course: 14 from 6 schools. Confidence in teaching place value rose from 2.4 to 4.1 (of 5).');
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

async function membersOf(db: Db, networkId: string, exclude: string[], n: number) {
  const rows = await db
    .selectDistinct({ id: people.id, fullName: people.fullName })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'participant')))
    .orderBy(asc(people.fullName))
    .limit(n + exclude.length);
  return rows.filter((r) => !exclude.includes(r.id)).slice(0, n);
}

export async function seedAccreditation(
  db: Db,
  networks: { blueSky: string; castlePhoenix: string },
  emails: { candidate: string; mentor: string; secondMentor: string; lead: string; head: string },
) {
  const [existing] = await db.select({ id: lpCohorts.id }).from(lpCohorts).where(eq(lpCohorts.name, DEMO_COHORT));
  if (existing) return;
  const ctx = seedContext(db);
  const today = todayIso();
  const found = await db
    .select({ id: people.id, email: people.email, fullName: people.fullName })
    .from(people)
    .where(inArray(people.email, Object.values(emails)));
  const idOf = (email: string) => found.find((p) => p.email.toLowerCase() === email.toLowerCase())!.id;
  const year = schoolYear(today);

  const created = await createCohort(ctx, {
    networkId: networks.blueSky,
    name: DEMO_COHORT,
    ...year,
    partnerNetworkIds: [networks.castlePhoenix],
    leadId: idOf(emails.lead),
    maxMenteesPerMentor: 2,
    halfTermlyMeetings: true,
  });
  const cohort = (await loadCohort(db, created.id))!;
  const head = found.find((p) => p.id === idOf(emails.head))!.fullName;
  const leanne = await enrolCandidate(ctx, cohort, {
    personId: idOf(emails.candidate),
    headConsentName: head,
    headConsentOn: year.startsOn,
  });
  const others = [
    ...(await membersOf(db, networks.blueSky, [idOf(emails.candidate)], 1)),
    ...(await membersOf(db, networks.castlePhoenix, [], 2)),
  ];
  for (const p of others)
    await enrolCandidate(ctx, cohort, { personId: p.id, headConsentName: 'Their headteacher', headConsentOn: year.startsOn });

  // Mentors rotate each term; Tom starts with Leanne.
  const roster = await cohortRoster(db, cohort.id, today);
  const tom = idOf(emails.mentor);
  const second = idOf(emails.secondMentor);
  const rotation = proposeRotation({
    candidates: roster.map((r) => ({ id: r.id, personId: r.personId, schoolUrn: r.schoolUrn })),
    mentors: [tom, second].map((personId) => ({ personId, schoolUrn: null })),
    periods: rotationPeriods(year.startsOn, year.endsOn, 3),
    maxMentees: 2,
    history: [],
  });
  if (rotation.ok) {
    // Keep Tom with Leanne this term: swap the pairings of the period holding today if needed.
    const pairings = rotation.pairings.map(({ period: _p, ...p }) => p);
    const current = pairings.filter((p) => p.startsOn <= today && today <= p.endsOn);
    if (current.find((p) => p.candidateId === leanne.id)?.mentorId !== tom)
      for (const p of current) p.mentorId = p.mentorId === tom ? second : tom;
    await assignMentors(ctx, cohort, pairings);
  }
  // Leanne and a Castle Phoenix colleague collaborate on shared evidence (seed 000).
  const partner =
    roster.find((r) => r.id !== leanne.id && r.networkId === networks.castlePhoenix) ?? roster.find((r) => r.id !== leanne.id)!;
  const group = await createGroup(ctx, cohort, {
    name: 'Maths subject knowledge',
    focus: 'A Singapore maths approach across a cluster of schools',
    candidateIds: [leanne.id, partner.id],
  });

  const meetings = (await cohortMeetings(db, cohort.id)).filter((m) => m.heldOn <= today);
  for (const [i, m] of meetings.entries()) {
    await recordAttendance(
      ctx,
      { id: m.id, cohortId: cohort.id },
      networks.blueSky,
      Object.fromEntries(roster.map((r, j) => [r.id, (i + j) % 5 === 4 ? 'apologies' : 'present'])),
    );
  }

  // Leanne's evidence, with Tom's comments.
  const framework = (await loadFrameworkVersion(db, cohort.frameworkVersionId))!;
  const std = (code: string) => framework.standards.find((s) => s.code === code)!.id;
  const [portfolio] = await db.select().from(lpPortfolios).where(eq(lpPortfolios.candidateId, leanne.id));
  const ref = { portfolioId: portfolio!.id, networkId: networks.blueSky, candidatePersonId: leanne.personId, framework };
  const on = (days: number) => notAfter(addDays(year.startsOn, days), today);
  const items: [EvidenceInput, boolean][] = [
    [
      {
        title: 'Singapore maths pilot across the cluster',
        whatWasDone:
          'Researched, trialled and modelled a Singapore maths approach to place value in Year 3, then trained colleagues in four cluster schools.',
        withWhom: 'Year 3 teams at St Michael’s and three cluster primaries',
        occurredOn: on(30),
        impact: 'Pupils working at the expected standard in the Year 3 place value assessment rose from 58% to 79%.',
        impactMeasure: 'Same assessment before and after the six-week unit; lesson visits with the maths lead.',
        type: 'action_research',
        claims: [
          { standardId: std('S5'), level: 3 },
          { standardId: std('S7'), level: 3 },
          { standardId: std('S10'), level: 3 },
        ],
        links: [{ url: 'https://example.org/videos/singapore-maths-bar-models', label: 'Lesson video: bar models' }],
      },
      true,
    ],
    [
      {
        title: 'Maths subject knowledge enhancement course',
        whatWasDone:
          'Designed and delivered four twilight sessions of the subject knowledge enhancement course for teachers across the alliance.',
        withWhom: '14 teachers from 6 schools',
        occurredOn: on(60),
        impact: 'Teachers’ confidence in teaching place value rose from 2.4 to 4.1 out of 5; three schools have adopted the approach.',
        impactMeasure: 'Questionnaire at the first and last session; follow-up visits.',
        type: 'cpd_delivered',
        claims: [
          { standardId: std('S1'), level: 3 },
          { standardId: std('S7'), level: 4 },
          { standardId: std('S2'), level: 3 },
        ],
        links: [],
      },
      true,
    ],
    [
      {
        title: 'Coaching two newly qualified teachers',
        whatWasDone: 'Fortnightly coaching conversations with two NQTs on questioning in mathematics.',
        withWhom: 'Two NQTs at St Michael’s',
        occurredOn: on(75),
        impact: 'Both now plan hinge questions into every maths lesson.',
        impactMeasure: null,
        type: 'coaching',
        claims: [
          { standardId: std('S8'), level: 2 },
          { standardId: std('S4'), level: 3 },
        ],
        links: [],
      },
      false,
    ],
  ];
  const pdf = await impactSummaryPdf();
  const ids: string[] = [];
  for (const [i, [input, ready]] of items.entries()) {
    const item = await addEvidence(ctx, ref, input, i === 1 ? [{ fileName: 'SKE impact summary.pdf', bytes: pdf }] : []);
    if (ready) await markEvidenceReady(ctx, ref, item.id, true);
    ids.push(item.id);
  }
  const mentorCtx = {
    ...ctx,
    actor: {
      kind: 'person' as const,
      personId: tom,
      name: 'Tom Whitfield',
      email: emails.mentor,
      schoolUrn: null,
      memberships: [],
      partnerNetworkIds: [],
      via: 'session' as const,
    },
  };
  await giveFeedback(mentorCtx, ref, {
    evidenceId: ids[0]!,
    body: 'Strong impact data. Say how you will sustain this beyond the cluster to reach level 4 on networking.',
  });
  await giveFeedback(mentorCtx, ref, {
    evidenceId: ids[2]!,
    body: 'Good start: add the NQTs’ own reflections as evidence of coaching to lead.',
  });
  await seedSharedEvidence(
    ctx,
    { candidateId: partner.id, personId: partner.personId, networkId: partner.networkId },
    group.id,
    framework,
    on(45),
  );
  await giveFeedback(mentorCtx, ref, {
    evidenceId: null,
    body: 'You have level 3 evidence on six standards. Look for a project that lets you negotiate to lead (S9) before the spring meeting.',
  });
}

/** One item the group's other member shares with the group, which Leanne sees under "Shared by your group". */
async function seedSharedEvidence(
  ctx: CommandContext,
  author: { candidateId: string; personId: string; networkId: string },
  groupId: string,
  framework: LoadedFramework,
  occurredOn: string,
) {
  const [portfolio] = await ctx.db.select().from(lpPortfolios).where(eq(lpPortfolios.candidateId, author.candidateId));
  const ref = {
    portfolioId: portfolio!.id,
    networkId: author.networkId,
    candidatePersonId: author.personId,
    framework,
    candidateId: author.candidateId,
  };
  const std = (code: string) => framework.standards.find((s) => s.code === code)!.id;
  const item = await addEvidence(
    ctx,
    ref,
    {
      title: 'Bar model lesson study with the maths group',
      whatWasDone: 'Planned, taught and reviewed three bar model lessons with the group, one in each of our schools.',
      withWhom: 'The Maths subject knowledge group',
      occurredOn,
      impact: 'Each school now teaches bar models in Year 3 and 4; pupils explain their models in full sentences.',
      impactMeasure: 'Lesson study notes and pupil interviews after each lesson.',
      type: 'team_teaching',
      claims: [{ standardId: std('S7'), level: 3 }],
      links: [],
    },
    [{ fileName: 'Lesson study notes.pdf', bytes: await impactSummaryPdf() }],
  );
  await shareEvidence(ctx, ref, item.id, groupId);
}
