import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { schools } from '../networks/schema.ts';
import { cpdSettingsOf } from './cpd-settings-queries.ts';
import { cpdBookings, cpdFollowUps, cpdProgrammes, cpdSessions } from './schema.ts';

// CPD figures a network reports: by programme and by school, and the year's days against its target.

/** The school year (1 September to 31 August) that starts in `startYear`, as UTC instants. */
export const schoolYear = (startYear: number) => ({
  from: new Date(Date.UTC(startYear, 8, 1)),
  to: new Date(Date.UTC(startYear + 1, 8, 1)),
  label: `${startYear} to ${startYear + 1}`,
});
export const currentSchoolYear = (now = new Date()) => (now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1);

const delivered = (now: Date) => sql`${cpdSessions.status} = 'published' and ${cpdSessions.endsAt} <= ${now}`;
const days = sql`case ${cpdSessions.slot} when 'day' then 1.0 else 0.5 end`;
const n = (expr: ReturnType<typeof sql>) => sql<number>`(${expr})::int`;

/** Counts shared by both tables: bookings, attendance, no-shows, feedback and follow-up answers. */
const bookingFigures = {
  bookings: n(sql`count(${cpdBookings.id}) filter (where ${cpdBookings.status} = 'confirmed')`),
  waiting: n(sql`count(${cpdBookings.id}) filter (where ${cpdBookings.status} in ('waiting','offered'))`),
  attended: n(sql`count(${cpdBookings.id}) filter (where ${cpdBookings.attended} = true)`),
  noShows: n(sql`count(${cpdBookings.id}) filter (where ${cpdBookings.attended} = false)`),
  rated: n(sql`count(${cpdBookings.feedbackRating})`),
  positive: n(sql`count(${cpdBookings.id}) filter (where ${cpdBookings.feedbackRating} >= 4)`),
  followUpsSent: n(sql`count(${cpdFollowUps.id})`),
  followUpsAnswered: n(sql`count(${cpdFollowUps.answeredAt})`),
  withEffect: n(sql`count(${cpdFollowUps.id}) filter (where ${cpdFollowUps.impact} in ('some','strong'))`),
};

export type Figures = { [K in keyof typeof bookingFigures]: number };

export async function reportByProgramme(db: Db, networkId: string, from: Date, to: Date, now = new Date()) {
  const inYear = and(eq(cpdSessions.networkId, networkId), gte(cpdSessions.startsAt, from), lt(cpdSessions.startsAt, to));
  const sessions = await db
    .select({
      id: cpdProgrammes.id,
      title: cpdProgrammes.title,
      sessions: n(sql`count(*) filter (where ${cpdSessions.status} <> 'cancelled')`),
      delivered: n(sql`count(*) filter (where ${delivered(now)})`),
      days: sql<string>`coalesce(sum(${days}) filter (where ${delivered(now)}), 0)::numeric(6,1)::text`,
    })
    .from(cpdSessions)
    .innerJoin(cpdProgrammes, eq(cpdProgrammes.id, cpdSessions.programmeId))
    .where(inYear)
    .groupBy(cpdProgrammes.id, cpdProgrammes.title)
    .orderBy(asc(cpdProgrammes.title));
  const figures = await db
    .select({ id: cpdSessions.programmeId, ...bookingFigures })
    .from(cpdBookings)
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .leftJoin(cpdFollowUps, eq(cpdFollowUps.bookingId, cpdBookings.id))
    .where(inYear)
    .groupBy(cpdSessions.programmeId);
  const byId = new Map(figures.map((f) => [f.id, f]));
  return sessions.map((s) => ({ ...s, days: Number(s.days), ...(byId.get(s.id) ?? emptyFigures) }));
}

const emptyFigures: Figures = Object.fromEntries(Object.keys(bookingFigures).map((k) => [k, 0])) as Figures;

export async function reportBySchool(db: Db, networkId: string, from: Date, to: Date) {
  return db
    .select({ urn: cpdBookings.schoolUrn, name: sql<string>`coalesce(${schools.name}, 'No school given')`, ...bookingFigures })
    .from(cpdBookings)
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .leftJoin(schools, eq(schools.urn, cpdBookings.schoolUrn))
    .leftJoin(cpdFollowUps, eq(cpdFollowUps.bookingId, cpdBookings.id))
    .where(and(eq(cpdBookings.networkId, networkId), gte(cpdSessions.startsAt, from), lt(cpdSessions.startsAt, to)))
    .groupBy(cpdBookings.schoolUrn, schools.name)
    .orderBy(asc(sql`coalesce(${schools.name}, 'zzz')`));
}

export async function cpdTargets(db: Db, networkId: string) {
  const settings = await cpdSettingsOf(db, networkId);
  return { days: settings.targetDays, positivePercent: settings.targetPositivePercent };
}

/** Follow-up results of one programme (all years): how many answered, and what attendees said they changed. */
export async function followUpByProgramme(db: Db, networkId: string, programmeId: string) {
  const answers = await db
    .select({
      changed: cpdFollowUps.changed,
      pupilEffect: cpdFollowUps.pupilEffect,
      impact: cpdFollowUps.impact,
      session: cpdSessions.title,
    })
    .from(cpdFollowUps)
    .innerJoin(cpdBookings, eq(cpdBookings.id, cpdFollowUps.bookingId))
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .where(and(eq(cpdSessions.networkId, networkId), eq(cpdSessions.programmeId, programmeId)))
    .orderBy(asc(cpdSessions.startsAt));
  const answered = answers.filter((a) => a.impact != null);
  return {
    sent: answers.length,
    answered: answered.length,
    strong: answered.filter((a) => a.impact === 'strong').length,
    some: answered.filter((a) => a.impact === 'some').length,
    noEffect: answered.filter((a) => a.impact === 'none').length,
    recent: answered.slice(-5).reverse(),
  };
}

export const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100));
