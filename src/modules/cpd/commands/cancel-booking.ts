import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, notFound } from '../../../kernel/http/errors.ts';
import { cancelRefusal, holdsPlace } from '../bookings-domain.ts';
import { lockSession, offerFreePlaces } from '../bookings-places.ts';
import { cpdBookings, cpdInvoices } from '../schema.ts';

/** Cancel an open booking; a place it held is offered at once to the next on the waiting list. */
export async function cancelBooking(ctx: CommandContext, input: { bookingId: string }) {
  const now = new Date();
  const [first] = await ctx.db.select({ sessionId: cpdBookings.sessionId }).from(cpdBookings).where(eq(cpdBookings.id, input.bookingId));
  if (!first) throw notFound('Booking');
  const session = await lockSession(ctx.db, first.sessionId);
  const [booking] = await ctx.db.select().from(cpdBookings).where(eq(cpdBookings.id, input.bookingId));
  const refusal = cancelRefusal(booking!.status, session!.startsAt, now);
  if (refusal) throw conflict('bookingId', refusal);
  await ctx.db.update(cpdBookings).set({ status: 'cancelled', updatedAt: now }).where(eq(cpdBookings.id, booking!.id));
  await ctx.db
    .update(cpdInvoices)
    .set({ voidedAt: now })
    .where(and(eq(cpdInvoices.bookingId, booking!.id), isNull(cpdInvoices.voidedAt)));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.booking_cancelled',
    subjectType: 'cpd_booking',
    subjectId: booking!.id,
    networkId: booking!.networkId,
    detail: { sessionId: session!.id, personId: booking!.personId, was: booking!.status },
  });
  if (holdsPlace(booking!.status)) await offerFreePlaces(ctx, session!, now);
}
