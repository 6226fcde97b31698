import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, notFound } from '../../../kernel/http/errors.ts';
import { offerRefusal } from '../bookings-domain.ts';
import { expireStaleOffers, lockSession, offerFreePlaces } from '../bookings-places.ts';
import { cpdBookings } from '../schema.ts';
import { issueInvoice } from './book-session.ts';

/** Accept (the place becomes confirmed) or decline (it goes to the next in line) an offered place. */
export async function answerOffer(ctx: CommandContext, input: { bookingId: string; accept: boolean }) {
  const now = new Date();
  const [first] = await ctx.db.select({ sessionId: cpdBookings.sessionId }).from(cpdBookings).where(eq(cpdBookings.id, input.bookingId));
  if (!first) throw notFound('Booking');
  const session = await lockSession(ctx.db, first.sessionId);
  const [booking] = await ctx.db.select().from(cpdBookings).where(eq(cpdBookings.id, input.bookingId));
  const refusal = offerRefusal(booking!.status, booking!.offerExpiresAt, now);
  if (refusal) {
    // An offer found expired here is closed now, and its place passed on (this transaction commits).
    await expireStaleOffers(ctx, session!, now);
    return { ok: false as const, message: refusal };
  }
  if (session!.status !== 'published') throw conflict('bookingId', 'This session has been cancelled');
  await ctx.db
    .update(cpdBookings)
    .set({ status: input.accept ? 'confirmed' : 'declined', offerExpiresAt: input.accept ? booking!.offerExpiresAt : null, updatedAt: now })
    .where(eq(cpdBookings.id, booking!.id));
  if (input.accept) await issueInvoice(ctx, booking!);
  await recordAudit(ctx.db, ctx.actor, {
    action: input.accept ? 'cpd.offer_accepted' : 'cpd.offer_declined',
    subjectType: 'cpd_booking',
    subjectId: booking!.id,
    networkId: booking!.networkId,
    detail: { sessionId: session!.id, personId: booking!.personId },
  });
  if (!input.accept) await offerFreePlaces(ctx, session!, now);
  return { ok: true as const };
}
