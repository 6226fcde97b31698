import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { memberships, networkSchools, people, schools } from '../networks/schema.ts';
import { cpdBookings, cpdInvoices, cpdProgrammes, cpdSessions } from './schema.ts';

/** Is the school a current member of the network (its staff book free)? */
export async function isMemberSchool(db: Db, networkId: string, schoolUrn: number | null): Promise<boolean> {
  if (schoolUrn == null) return false;
  const [row] = await db
    .select({ urn: networkSchools.schoolUrn })
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, networkId), eq(networkSchools.schoolUrn, schoolUrn), isNull(networkSchools.leftOn)));
  return Boolean(row);
}

/** A member of the network who may be booked onto its sessions, with their school. */
export async function findBookablePerson(db: Db, networkId: string, personId: string) {
  const [row] = await db
    .selectDistinct({ id: people.id, fullName: people.fullName, email: people.email, schoolUrn: people.schoolUrn })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.networkId, networkId)))
    .where(eq(people.id, personId));
  return row ?? null;
}

/** Staff of a school who are members of the network: whom a school leader may book for. */
export async function staffOf(db: Db, networkId: string, schoolUrn: number) {
  return db
    .selectDistinct({ id: people.id, fullName: people.fullName })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.networkId, networkId)))
    .where(eq(people.schoolUrn, schoolUrn))
    .orderBy(asc(people.fullName));
}

const bookingColumns = {
  id: cpdBookings.id,
  networkId: cpdBookings.networkId,
  sessionId: cpdBookings.sessionId,
  personId: cpdBookings.personId,
  bookedBy: cpdBookings.bookedBy,
  schoolUrn: cpdBookings.schoolUrn,
  status: cpdBookings.status,
  position: cpdBookings.position,
  pricePence: cpdBookings.pricePence,
  offerExpiresAt: cpdBookings.offerExpiresAt,
  attended: cpdBookings.attended,
  feedbackRating: cpdBookings.feedbackRating,
  feedbackComment: cpdBookings.feedbackComment,
  createdAt: cpdBookings.createdAt,
  fullName: people.fullName,
  email: people.email,
  schoolName: schools.name,
  sessionTitle: cpdSessions.title,
  startsAt: cpdSessions.startsAt,
  endsAt: cpdSessions.endsAt,
  sessionStatus: cpdSessions.status,
  nextSteps: cpdSessions.nextSteps,
  programmeId: cpdSessions.programmeId,
  programmeTitle: cpdProgrammes.title,
  invoiceNumber: cpdInvoices.number,
  invoiceVoided: sql<boolean>`${cpdInvoices.voidedAt} is not null`,
};

function bookingsQuery(db: Db) {
  return db
    .select(bookingColumns)
    .from(cpdBookings)
    .innerJoin(people, eq(people.id, cpdBookings.personId))
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .innerJoin(cpdProgrammes, eq(cpdProgrammes.id, cpdSessions.programmeId))
    .leftJoin(schools, eq(schools.urn, cpdBookings.schoolUrn))
    .leftJoin(cpdInvoices, eq(cpdInvoices.bookingId, cpdBookings.id));
}

export type BookingRow = NonNullable<Awaited<ReturnType<typeof findBooking>>>;

export async function findBooking(db: Db, bookingId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(bookingId)) return null;
  const [row] = await bookingsQuery(db).where(eq(cpdBookings.id, bookingId));
  return row ?? null;
}

/** A session's bookings in arrival order (confirmed and offered first, then the waiting list, then the closed ones). */
export async function sessionBookings(db: Db, sessionId: string) {
  const order = sql`case ${cpdBookings.status} when 'confirmed' then 0 when 'offered' then 1 when 'waiting' then 2 else 3 end`;
  return bookingsQuery(db).where(eq(cpdBookings.sessionId, sessionId)).orderBy(order, asc(cpdBookings.position));
}

/** Bookings of a person, or of the staff of a school (school leaders), in the network; newest session first. */
export async function listBookings(
  db: Db,
  networkId: string,
  filter: { personId?: string; schoolUrn?: number },
  paging: { page: number; perPage: number },
) {
  const where = and(
    eq(cpdBookings.networkId, networkId),
    filter.personId ? eq(cpdBookings.personId, filter.personId) : undefined,
    filter.schoolUrn != null ? eq(cpdBookings.schoolUrn, filter.schoolUrn) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    bookingsQuery(db)
      .where(where)
      .orderBy(desc(cpdSessions.startsAt), asc(people.fullName))
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage),
    db.select({ n: sql<number>`count(*)::int` }).from(cpdBookings).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function openBookingOf(db: Db, sessionId: string, personId: string) {
  const [row] = await db
    .select({ id: cpdBookings.id, status: cpdBookings.status })
    .from(cpdBookings)
    .where(
      and(
        eq(cpdBookings.sessionId, sessionId),
        eq(cpdBookings.personId, personId),
        inArray(cpdBookings.status, ['confirmed', 'waiting', 'offered']),
      ),
    );
  return row ?? null;
}
