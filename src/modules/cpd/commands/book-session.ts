import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { isUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField, notFound } from '../../../kernel/http/errors.ts';
import { formatDateTime } from '../../../kernel/ui/format.ts';
import { formatPence, priceFor } from '../bookings-domain.ts';
import { expireStaleOffers, hasStaleOffers, lockSession, takePosition } from '../bookings-places.ts';
import { findBookablePerson, isMemberSchool, openBookingOf } from '../bookings-queries.ts';
import { cpdBookings, cpdInvoices, cpdProgrammes, cpdSessions } from '../schema.ts';
import { bookingRefusal } from '../sessions-domain.ts';

export interface BookSessionInput {
  sessionId: string;
  personId: string;
}

/**
 * Book a person onto a session: a place when one is free, otherwise the waiting list. The session row
 * is locked first, so bookings made at the same moment are served one at a time in arrival order; the
 * database's CHECK on places taken is the last word if anything else ever tried to overbook.
 */
export async function bookSession(ctx: CommandContext, input: BookSessionInput) {
  const now = new Date();
  // What does not change under the lock is read first, so that the locked part stays short.
  const [found] = await ctx.db.select().from(cpdSessions).where(eq(cpdSessions.id, input.sessionId));
  if (!found) throw notFound('Session');
  const person = await findBookablePerson(ctx.db, found.networkId, input.personId);
  if (!person) throw invalidField('personId', 'Select a member of this network');
  const existing = await openBookingOf(ctx.db, found.id, person.id);
  if (existing) {
    const mine = actorPersonId(ctx.actor) === person.id;
    const where = existing.status === 'waiting' ? 'on the waiting list for' : 'booked on';
    throw conflict('personId', `${mine ? 'You are' : `${person.fullName} is`} already ${where} this session`);
  }
  const [programme] = await ctx.db.select().from(cpdProgrammes).where(eq(cpdProgrammes.id, found.programmeId));
  const price = priceFor(await isMemberSchool(ctx.db, found.networkId, person.schoolUrn), programme!);
  const staleOffers = await hasStaleOffers(ctx.db, found.id, now);

  let session = (await lockSession(ctx.db, input.sessionId))!;
  const refusal = bookingRefusal(session, now);
  if (refusal) throw conflict('sessionId', refusal);
  if (staleOffers) {
    await expireStaleOffers(ctx, session, now);
    session = (await lockSession(ctx.db, input.sessionId))!;
  }
  const status = session.placesTaken < session.capacity ? 'confirmed' : 'waiting';
  const position = await takePosition(ctx.db, session.id);
  const [booking] = await ctx.db
    .insert(cpdBookings)
    .values({
      networkId: session.networkId,
      sessionId: session.id,
      personId: person.id,
      bookedBy: actorPersonId(ctx.actor),
      schoolUrn: person.schoolUrn,
      status,
      position,
      pricePence: price,
    })
    .returning()
    .catch((err: unknown) => {
      // Two bookings for one person at the same moment: the unique index refuses the second.
      throw isUniqueViolation(err, 'cpd_bookings_open_uq') ? conflict('personId', 'Already booked on this session') : err;
    });
  if (status === 'confirmed' && price > 0) await issueInvoice(ctx, booking!);
  await recordAudit(ctx.db, ctx.actor, {
    action: status === 'confirmed' ? 'cpd.booked' : 'cpd.waitlisted',
    subjectType: 'cpd_booking',
    subjectId: booking!.id,
    networkId: session.networkId,
    detail: { sessionId: session.id, personId: person.id, position, pricePence: price },
  });
  await ctx.mailer.send({
    to: person.email,
    subject: `${status === 'confirmed' ? 'Booked' : 'Waiting list'}: ${session.title}`,
    text: [
      `Dear ${person.fullName},`,
      '',
      status === 'confirmed'
        ? `You have a place on "${session.title}" on ${formatDateTime(session.startsAt)}.`
        : `"${session.title}" on ${formatDateTime(session.startsAt)} is full, so you are on the waiting list. If a place comes free you will be offered it by mail, in turn.`,
      price > 0 ? `The charge is ${formatPence(price)}; an invoice goes to your school.` : '',
      `Your booking: ${ctx.config.appUrl}/networks/${session.networkId}/cpd/bookings/${booking!.id}`,
    ]
      .filter((l) => l !== '')
      .join('\n'),
  });
  return booking!;
}

/** An invoice for a charged booking that has a place (once only: the booking id is unique there). */
export async function issueInvoice(ctx: CommandContext, booking: { id: string; networkId: string; pricePence: number }) {
  if (booking.pricePence <= 0) return;
  await ctx.db
    .insert(cpdInvoices)
    .values({ networkId: booking.networkId, bookingId: booking.id, amountPence: booking.pricePence })
    .onConflictDoNothing();
}
