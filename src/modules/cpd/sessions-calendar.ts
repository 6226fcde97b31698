import { and, eq, gte, inArray } from 'drizzle-orm';
import type { CalendarEvent } from '../../kernel/calendar/feed.ts';
import type { Db } from '../../kernel/db/client.ts';
import { schools } from '../networks/schema.ts';
import { sessionsFacilitatedBy } from './facilitators-queries.ts';
import { cpdBookings, cpdSessions } from './schema.ts';
import { whereOf } from './sessions-queries.ts';

/**
 * A person's CPD sessions for their calendar feed, from 90 days back: places held (and cancelled sessions, marked
 * so), and the sessions they facilitate, linked to the register.
 */
export async function cpdCalendarEvents(db: Db, personId: string, appUrl = ''): Promise<CalendarEvent[]> {
  const since = new Date(Date.now() - 90 * 86_400_000);
  const rows = await db
    .select({ booking: cpdBookings, session: cpdSessions, hostSchoolName: schools.name })
    .from(cpdBookings)
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .leftJoin(schools, eq(schools.urn, cpdSessions.hostSchoolUrn))
    .where(
      and(
        eq(cpdBookings.personId, personId),
        inArray(cpdBookings.status, ['confirmed', 'offered', 'cancelled']),
        gte(cpdSessions.startsAt, since),
      ),
    );
  const facilitating = (await sessionsFacilitatedBy(db, personId, since)).map((s) => ({
    id: `cpd-facilitating-${s.id}`,
    title: `Facilitating: ${s.title}`,
    start: s.startsAt,
    end: s.endsAt,
    location: whereOf(s),
    url: `${appUrl}/networks/${s.networkId}/cpd/sessions/${s.id}/register`,
    description: `${s.confirmed} booked. ${s.onlineUrl ?? ''}`.trim(),
    cancelled: s.status === 'cancelled',
  }));
  // A booking the person cancelled leaves the feed; a session the network cancelled shows as cancelled.
  const booked = rows
    .filter((r) => r.booking.status !== 'cancelled' || r.session.status === 'cancelled')
    .map((r) => ({
      id: `cpd-booking-${r.booking.id}`,
      title: r.session.title,
      start: r.session.startsAt,
      end: r.session.endsAt,
      location: whereOf({ ...r.session, hostSchoolName: r.hostSchoolName }),
      url: `${appUrl}/networks/${r.booking.networkId}/cpd/bookings/${r.booking.id}`,
      description: r.booking.status === 'offered' ? 'A place is offered to you: accept it to keep it.' : r.session.onlineUrl,
      cancelled: r.session.status === 'cancelled',
    }));
  return [...booked, ...facilitating];
}
