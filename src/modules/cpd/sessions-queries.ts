import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { networkSchools, schools } from '../networks/schema.ts';
import { cpdProgrammes, cpdSessions } from './schema.ts';

/** Where a session happens, in words: venue, host school and/or online. */
export function whereOf(s: { venue: string | null; onlineUrl: string | null; hostSchoolName?: string | null }): string {
  const parts = [s.venue, s.hostSchoolName ? `hosted by ${s.hostSchoolName}` : null, s.onlineUrl ? 'online' : null].filter(Boolean);
  return parts.join(', ') || 'To be confirmed';
}

const sessionColumns = {
  id: cpdSessions.id,
  networkId: cpdSessions.networkId,
  programmeId: cpdSessions.programmeId,
  programmeTitle: cpdProgrammes.title,
  title: cpdSessions.title,
  theme: cpdSessions.theme,
  slot: cpdSessions.slot,
  startsAt: cpdSessions.startsAt,
  endsAt: cpdSessions.endsAt,
  venue: cpdSessions.venue,
  hostSchoolUrn: cpdSessions.hostSchoolUrn,
  hostSchoolName: schools.name,
  onlineUrl: cpdSessions.onlineUrl,
  facilitators: cpdSessions.facilitators,
  /** Facilitators on Alliance, by name. */
  facilitatorPeople: sql<
    { personId: string; fullName: string }[]
  >`(select coalesce(json_agg(json_build_object('personId', p.id, 'fullName', p.full_name) order by p.full_name, p.id), '[]'::json)
    from cpd_session_facilitators f join people p on p.id = f.person_id where f.session_id = ${cpdSessions.id})`,
  capacity: cpdSessions.capacity,
  placesTaken: cpdSessions.placesTaken,
  status: cpdSessions.status,
  nextSteps: cpdSessions.nextSteps,
  memberPricePence: cpdProgrammes.memberPricePence,
  otherPricePence: cpdProgrammes.otherPricePence,
  waiting: sql<number>`(select count(*)::int from cpd_bookings b where b.session_id = ${cpdSessions.id} and b.status = 'waiting')`,
};

function sessionsQuery(db: Db) {
  return db
    .select(sessionColumns)
    .from(cpdSessions)
    .innerJoin(cpdProgrammes, eq(cpdProgrammes.id, cpdSessions.programmeId))
    .leftJoin(schools, eq(schools.urn, cpdSessions.hostSchoolUrn));
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function findSession(db: Db, sessionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [row] = await sessionsQuery(db).where(eq(cpdSessions.id, sessionId));
  return row ?? null;
}

export interface SessionFilter {
  programmeId?: string;
  when?: 'upcoming' | 'past';
  /** Leave out drafts (everyone but admins). */
  publishedOnly?: boolean;
}

/** A network's sessions: upcoming soonest first, past most recent first. */
export async function listSessions(db: Db, networkId: string, filter: SessionFilter, paging: { page: number; perPage: number }) {
  const now = new Date();
  const where = and(
    eq(cpdSessions.networkId, networkId),
    filter.programmeId ? eq(cpdSessions.programmeId, filter.programmeId) : undefined,
    filter.when === 'upcoming' ? gte(cpdSessions.endsAt, now) : filter.when === 'past' ? lt(cpdSessions.endsAt, now) : undefined,
    filter.publishedOnly ? inArray(cpdSessions.status, ['published', 'cancelled']) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    sessionsQuery(db)
      .where(where)
      .orderBy(filter.when === 'past' ? desc(cpdSessions.startsAt) : asc(cpdSessions.startsAt))
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage),
    db.select({ n: sql<number>`count(*)::int` }).from(cpdSessions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The network's current member schools, by name: the hosts a session may have. */
export async function memberSchools(db: Db, networkId: string) {
  return db
    .select({ urn: schools.urn, name: schools.name })
    .from(networkSchools)
    .innerJoin(schools, eq(schools.urn, networkSchools.schoolUrn))
    .where(and(eq(networkSchools.networkId, networkId), isNull(networkSchools.leftOn)))
    .orderBy(asc(schools.name));
}
