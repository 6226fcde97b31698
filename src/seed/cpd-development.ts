import { and, asc, eq, sql } from 'drizzle-orm';
import { hashSecret } from '../kernel/auth/secrets.ts';
import type { Db } from '../kernel/db/client.ts';
import { insertDefaultFramework } from '../modules/cpd/commands/adopt-default-framework.ts';
import {
  feedback360Raters,
  feedback360ResponseScores,
  feedback360Responses,
  feedback360SelfScores,
  feedback360s,
  reviewGroupMembers,
  reviewGroups,
  reviewVisits,
  trioCycles,
  trioMembers,
  trioSignups,
  trios,
} from '../modules/cpd/development-schema.ts';
import { listQualities } from '../modules/cpd/leadership-queries.ts';
import { rotation } from '../modules/cpd/peer-review-domain.ts';
import { memberships, people, schools, specialisms } from '../modules/networks/schema.ts';
import { designations } from '../modules/support/schema.ts';

// The demo network's collaborative and leadership development (seed 004): a maths trio of three primary
// teachers supported by Priya Sharma with a cycle recorded; Rachel Hughes's 360 with four anonymous
// answers, enough for her report; and a heads' review triad with its first visit written up.
// Safe to re-run: each part is skipped when the network already has one.

/** Members of the network with a role and a school of the given GIAS phase, one a school, by name. */
async function onePerSchool(
  db: Db,
  networkId: string,
  role: 'participant' | 'school_leader',
  phase: string,
  n: number,
  exclude: string[] = [],
) {
  const rows = await db
    .select({ id: people.id, email: people.email, schoolUrn: people.schoolUrn })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.networkId, networkId), eq(memberships.role, role)))
    .innerJoin(schools, eq(schools.urn, people.schoolUrn))
    .where(eq(schools.phase, phase))
    .orderBy(asc(schools.urn), asc(people.fullName));
  const seen = new Set<number>();
  return rows.filter((r) => !exclude.includes(r.id) && !seen.has(r.schoolUrn!) && seen.add(r.schoolUrn!)).slice(0, n);
}

async function seedTrio(db: Db, networkId: string, sleEmail: string) {
  if ((await db.select({ id: trios.id }).from(trios).where(eq(trios.networkId, networkId))).length) return;
  const [maths] = await db.select().from(specialisms).where(eq(specialisms.code, 'maths')).limit(1);
  const [sle] = await db
    .select({ id: designations.id })
    .from(designations)
    .innerJoin(people, eq(people.id, designations.personId))
    .where(and(eq(designations.networkId, networkId), eq(designations.kind, 'sle'), eq(sql`lower(${people.email})`, sleEmail)));
  const teachers = await onePerSchool(db, networkId, 'participant', 'Primary', 5);
  if (!maths || teachers.length < 3) return;
  const signups = await db
    .insert(trioSignups)
    .values(teachers.map((t) => ({ networkId, personId: t.id, schoolUrn: t.schoolUrn!, phase: 'primary' as const, focusId: maths.id })))
    .returning();
  const [trio] = await db
    .insert(trios)
    .values({
      networkId,
      name: 'Mathematics trio (primary) 2025-1',
      phase: 'primary',
      focusId: maths.id,
      sleDesignationId: sle?.id ?? null,
      sleDays: sle ? '2' : '0',
    })
    .returning();
  await db
    .insert(trioMembers)
    .values(
      signups
        .slice(0, 3)
        .map((s, position) => ({ trioId: trio!.id, signupId: s.id, personId: s.personId, schoolUrn: s.schoolUrn, position })),
    );
  await db.insert(trioCycles).values([
    {
      networkId,
      trioId: trio!.id,
      kind: 'reciprocal_observation',
      heldOn: '2025-10-06',
      notes:
        'Each of us observed the others teach a Year 4 fluency lesson. Common thread: pupils wait too long for help with times tables.',
      recordedBy: signups[0]!.personId,
    },
    {
      networkId,
      trioId: trio!.id,
      kind: 'joint_planning',
      heldOn: '2025-11-03',
      notes: 'Planned a daily ten-minute retrieval routine together, with Priya, to trial for six weeks.',
      recordedBy: signups[1]!.personId,
    },
  ]);
}

async function seed360(db: Db, networkId: string, leaderEmail: string) {
  const [leader] = await db
    .select({ id: people.id })
    .from(people)
    .where(eq(sql`lower(${people.email})`, leaderEmail));
  if (!leader) return;
  if ((await db.select({ id: feedback360s.id }).from(feedback360s).where(eq(feedback360s.leaderId, leader.id))).length) return;
  let qualities = await listQualities(db, networkId);
  if (qualities.length === 0) qualities = await insertDefaultFramework(db, networkId);
  const [feedback] = await db
    .insert(feedback360s)
    .values({ networkId, leaderId: leader.id, title: 'Autumn term 2025', status: 'open' })
    .returning();
  const self = [5, 4, 4, 3, 5, 4];
  await db
    .insert(feedback360SelfScores)
    .values(qualities.map((q, i) => ({ feedbackId: feedback!.id, qualityId: q.id, score: self[i % self.length]! })));
  const raters = [
    ['line_manager', 'chair.of.governors@st-michaels.example.org'],
    ['peer', 'head.peer@example.org'],
    ['team', 'deputy@st-michaels.example.org'],
    ['team', 'phase.leader@st-michaels.example.org'],
  ] as const;
  await db.insert(feedback360Raters).values(
    raters.map(([relationship, email]) => ({
      feedbackId: feedback!.id,
      relationship,
      email,
      tokenHash: hashSecret(`demo-${feedback!.id}-${email}`),
      respondedAt: new Date('2025-11-20T16:00:00Z'),
    })),
  );
  const answers = [
    [4, 4, 3, 3, 3, 4],
    [4, 5, 3, 2, 3, 4],
    [5, 4, 2, 3, 4, 4],
    [4, 4, 3, 2, 3, 5],
  ];
  const comments = [
    'Clear about where the school is going.',
    'I would like more feedback on my own practice.',
    null,
    'Could share more of what works with other schools.',
  ];
  for (const [i, scores] of answers.entries()) {
    const [response] = await db.insert(feedback360Responses).values({ feedbackId: feedback!.id, comment: comments[i] }).returning();
    await db
      .insert(feedback360ResponseScores)
      .values(qualities.map((q, j) => ({ responseId: response!.id, qualityId: q.id, score: scores[j % scores.length]! })));
  }
}

async function seedReviewGroup(db: Db, networkId: string, headEmail: string) {
  if ((await db.select({ id: reviewGroups.id }).from(reviewGroups).where(eq(reviewGroups.networkId, networkId))).length) return;
  const [first] = await db
    .select({ id: people.id, schoolUrn: people.schoolUrn })
    .from(people)
    .where(eq(sql`lower(${people.email})`, headEmail));
  if (!first?.schoolUrn) return;
  const others = (await onePerSchool(db, networkId, 'school_leader', 'Primary', 6, [first.id]))
    .filter((h) => h.schoolUrn !== first.schoolUrn)
    .slice(0, 2);
  if (others.length < 2) return;
  const heads = [first, ...others];
  const [group] = await db
    .insert(reviewGroups)
    .values({ networkId, name: 'Coventry primary heads triad', framework: 'ofsted_2025' })
    .returning();
  await db
    .insert(reviewGroupMembers)
    .values(heads.map((h, position) => ({ groupId: group!.id, personId: h.id, schoolUrn: h.schoolUrn!, position })));
  const visits = await db
    .insert(reviewVisits)
    .values(
      rotation(3).map((v) => ({
        networkId,
        groupId: group!.id,
        reviewedId: heads[v.reviewed]!.id,
        schoolUrn: heads[v.reviewed]!.schoolUrn!,
        leadReviewerId: heads[v.lead]!.id,
      })),
    )
    .returning();
  const firstVisit = visits.find((v) => v.reviewedId === first.id)!;
  await db
    .update(reviewVisits)
    .set({
      visitOn: '2025-11-12',
      focus: 'Curriculum and teaching; Achievement',
      findings:
        'Reading is taught consistently well from Reception. Mathematics fluency is uneven in lower Key Stage 2, where pupils rely on counting on.',
      agreedActions:
        'Introduce a daily fluency routine in Years 3 and 4\nVisit a triad school to see its maths meetings\nRevisit in the summer term',
    })
    .where(eq(reviewVisits.id, firstVisit.id));
}

export async function seedCpdDevelopment(db: Db, networkId: string, emails: { sle: string; head: string }) {
  await seedTrio(db, networkId, emails.sle);
  await seed360(db, networkId, emails.head);
  await seedReviewGroup(db, networkId, emails.head);
}
