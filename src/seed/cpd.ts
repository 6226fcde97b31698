import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { hashSecret } from '../kernel/auth/secrets.ts';
import type { Db } from '../kernel/db/client.ts';
import { cpdBookings, cpdFollowUps, cpdProgrammes, cpdSessionFacilitators, cpdSessions } from '../modules/cpd/schema.ts';
import type { SessionSlot } from '../modules/cpd/sessions-domain.ts';
import { londonToUtc } from '../modules/cpd/sessions-time.ts';
import { memberships, networkSchools, people } from '../modules/networks/schema.ts';
import { makeCpdProgramme } from './factories.ts';

// The demo network's live CPD: a literacy twilight series and an aspiring heads programme, with past
// sessions (register taken, feedback, a follow-up answered) and upcoming ones, one of them full with a
// waiting list. Dates are relative to the day of seeding. Safe to re-run: a programme found by title is left.

const LITERACY = 'Monday twilights: literacy across the curriculum';
const ASPIRING = 'Aspiring heads: nine-month leadership programme';

interface SessionPlan {
  title: string;
  theme: string;
  slot: SessionSlot;
  /** Days from today (negative: already happened). */
  inDays: number;
  start: string;
  end: string;
  capacity: number;
  /** People with a place (from the front of the list), then those waiting. */
  booked: number;
  waiting?: number;
  nextSteps?: string;
  where: { venue?: string; host?: boolean; online?: boolean };
}

const literacy: SessionPlan[] = [
  {
    title: 'Reading for pleasure',
    theme: 'Reading',
    slot: 'twilight',
    inDays: -49,
    start: '16:00',
    end: '17:30',
    capacity: 12,
    booked: 10,
    nextSteps: 'Start a class reading spine; read aloud for ten minutes every day and note which books pupils ask for.',
    where: { host: true },
  },
  {
    title: 'Disciplinary literacy in science and humanities',
    theme: 'Writing',
    slot: 'twilight',
    inDays: -14,
    start: '16:00',
    end: '17:30',
    capacity: 12,
    booked: 9,
    nextSteps: 'Model one subject-specific text type a week and co-construct success criteria with the class.',
    where: { host: true },
  },
  {
    title: 'Vocabulary: tier 2 words across the curriculum',
    theme: 'Vocabulary',
    slot: 'twilight',
    inDays: 9,
    start: '16:00',
    end: '17:30',
    capacity: 6,
    booked: 6,
    waiting: 3,
    where: { host: true, online: true },
  },
  {
    title: 'Oracy in every classroom',
    theme: 'Oracy',
    slot: 'breakfast',
    inDays: 23,
    start: '07:45',
    end: '08:30',
    capacity: 20,
    booked: 4,
    where: { venue: 'Sacred Heart library' },
  },
];
const aspiring: SessionPlan[] = [
  {
    title: 'Leading a school: vision and culture',
    theme: 'Leadership',
    slot: 'day',
    inDays: -35,
    start: '09:00',
    end: '15:30',
    capacity: 10,
    booked: 8,
    nextSteps: 'Shadow your head for a day and write a one-page vision for a school you might lead.',
    where: { venue: 'Coventry University, Alan Berry Building' },
  },
  {
    title: 'School finance and the budget',
    theme: 'Finance',
    slot: 'day',
    inDays: 16,
    start: '09:00',
    end: '15:30',
    capacity: 10,
    booked: 5,
    where: { venue: 'Coventry University, Alan Berry Building' },
  },
  {
    title: 'Curriculum leadership and inspection',
    theme: 'Curriculum',
    slot: 'half_day',
    inDays: 44,
    start: '13:00',
    end: '16:00',
    capacity: 10,
    booked: 2,
    where: { online: true },
  },
];

function dayFromNow(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export async function seedCpdBookings(
  db: Db,
  networkId: string,
  hostUrn: number,
  facilitatorEmails: { literacy?: string; aspiring?: string } = {},
) {
  const [existing] = await db
    .select({ id: cpdProgrammes.id })
    .from(cpdProgrammes)
    .where(and(eq(cpdProgrammes.networkId, networkId), eq(cpdProgrammes.title, LITERACY)));
  if (existing) return;
  // Teachers and leaders of member schools, in a fixed order, to book.
  const attendees = await db
    .selectDistinct({ id: people.id, schoolUrn: people.schoolUrn, email: people.email })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.networkId, networkId)))
    .innerJoin(
      networkSchools,
      and(eq(networkSchools.schoolUrn, people.schoolUrn), eq(networkSchools.networkId, networkId), sql`${networkSchools.leftOn} is null`),
    )
    .where(inArray(memberships.role, ['participant', 'school_leader', 'system_leader']))
    .orderBy(asc(people.email))
    .limit(40);
  const facilitatorIds = new Map<string, string>();
  for (const [key, email] of Object.entries(facilitatorEmails)) {
    const [person] = email ? await db.select({ id: people.id }).from(people).where(eq(people.email, email)) : [];
    if (person) facilitatorIds.set(key, person.id);
  }
  const programmes = [
    {
      row: await makeCpdProgramme(db, networkId, {
        title: LITERACY,
        description: 'A Monday-evening series hosted in turn by partner schools: practical literacy strategies to use the next morning.',
        themes: ['Literacy', 'Reading', 'Writing', 'Oracy'],
        memberPricePence: 0,
        otherPricePence: 4500,
      }),
      plans: literacy,
      offset: 0,
    },
    {
      row: await makeCpdProgramme(db, networkId, {
        title: ASPIRING,
        description:
          'For deputies and assistant heads preparing for headship: monthly days from September to May, each participant with a serving head as mentor.',
        themes: ['Leadership', 'Finance', 'Curriculum'],
        memberPricePence: 0,
        otherPricePence: 35000,
      }),
      plans: aspiring,
      offset: 20,
    },
  ];
  for (const { row: programme, plans, offset } of programmes) {
    for (const plan of plans) {
      const date = dayFromNow(plan.inDays);
      const past = plan.inDays < 0;
      const [session] = await db
        .insert(cpdSessions)
        .values({
          networkId,
          programmeId: programme.id,
          title: plan.title,
          theme: plan.theme,
          slot: plan.slot,
          startsAt: londonToUtc(date, plan.start),
          endsAt: londonToUtc(date, plan.end),
          venue: plan.where.venue ?? null,
          hostSchoolUrn: plan.where.host ? hostUrn : null,
          onlineUrl: plan.where.online ? 'https://meet.example.org/blue-sky-cpd' : null,
          // Facilitators on Alliance take the register; the serving heads who mentor are named in words.
          facilitators: programme.title === LITERACY ? null : 'Serving heads from partner schools',
          capacity: plan.capacity,
          status: 'published',
          nextSteps: plan.nextSteps ?? null,
          followUpSentAt: plan.inDays <= -42 ? new Date() : null,
        })
        .returning();
      const facilitator = facilitatorIds.get(programme.title === LITERACY ? 'literacy' : 'aspiring');
      if (facilitator) await db.insert(cpdSessionFacilitators).values({ sessionId: session!.id, personId: facilitator, networkId });
      const who = attendees.slice(offset, offset + plan.booked + (plan.waiting ?? 0));
      const rows = who.map((p, i) => {
        const placed = i < plan.booked;
        // In the past: most came, one did not; feedback mostly positive.
        const attended = past && placed ? i !== 1 : null;
        return {
          networkId,
          sessionId: session!.id,
          personId: p.id,
          bookedBy: p.id,
          schoolUrn: p.schoolUrn,
          status: placed ? ('confirmed' as const) : ('waiting' as const),
          position: i + 1,
          attended,
          feedbackRating: attended ? (i % 7 === 3 ? 3 : i % 2 === 0 ? 5 : 4) : null,
          feedbackComment: attended && i === 0 ? 'Practical ideas I used the next morning.' : null,
          feedbackAt: attended ? new Date() : null,
        };
      });
      if (rows.length) {
        const inserted = await db.insert(cpdBookings).values(rows).returning({ id: cpdBookings.id, attended: cpdBookings.attended });
        await db
          .update(cpdSessions)
          .set({ nextPosition: rows.length + 1 })
          .where(eq(cpdSessions.id, session!.id));
        if (plan.inDays <= -42) {
          // Follow-ups went out six weeks on; two have answered.
          const came = inserted.filter((b) => b.attended);
          await db.insert(cpdFollowUps).values(
            came.map((b, i) => ({
              bookingId: b.id,
              tokenHash: hashSecret(`demo-follow-up-${b.id}`),
              answeredAt: i < 2 ? new Date() : null,
              changed: i === 0 ? 'Daily read-aloud and a class reading spine' : i === 1 ? 'Book talk on Friday afternoons' : null,
              pupilEffect:
                i === 0
                  ? 'More pupils borrowing books; reluctant readers asking for the next in a series'
                  : i === 1
                    ? 'Pupils recommend books to each other'
                    : null,
              impact: i === 0 ? 'strong' : i === 1 ? 'some' : null,
            })),
          );
        }
      }
    }
  }
}
