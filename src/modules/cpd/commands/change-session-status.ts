import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, notFound } from '../../../kernel/http/errors.ts';
import { formatDateTime } from '../../../kernel/ui/format.ts';
import { people } from '../../networks/schema.ts';
import { lockSession } from '../bookings-places.ts';
import { cpdBookings, cpdInvoices, cpdSessions } from '../schema.ts';

/**
 * Publish a draft (open for booking) or cancel a session: every open booking is then cancelled, its
 * invoice voided, and the people told by mail.
 */
export async function changeSessionStatus(ctx: CommandContext, input: { sessionId: string; to: 'published' | 'cancelled' }) {
  const now = new Date();
  const session = await lockSession(ctx.db, input.sessionId);
  if (!session) throw notFound('Session');
  if (session.status === 'cancelled') throw conflict('sessionId', 'This session has already been cancelled');
  if (input.to === 'published' && session.status !== 'draft') throw conflict('sessionId', 'This session is already published');
  if (input.to === 'cancelled' && session.endsAt.getTime() <= now.getTime())
    throw conflict('sessionId', 'This session has already taken place');
  await ctx.db.update(cpdSessions).set({ status: input.to, updatedAt: now }).where(eq(cpdSessions.id, session.id));
  let told = 0;
  if (input.to === 'cancelled') {
    const open = await ctx.db
      .update(cpdBookings)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(cpdBookings.sessionId, session.id), inArray(cpdBookings.status, ['confirmed', 'waiting', 'offered'])))
      .returning({ id: cpdBookings.id, personId: cpdBookings.personId });
    if (open.length) {
      await ctx.db
        .update(cpdInvoices)
        .set({ voidedAt: now })
        .where(
          and(
            inArray(
              cpdInvoices.bookingId,
              open.map((b) => b.id),
            ),
            isNull(cpdInvoices.voidedAt),
          ),
        );
      const who = await ctx.db
        .select({ email: people.email, fullName: people.fullName })
        .from(people)
        .where(
          inArray(
            people.id,
            open.map((b) => b.personId),
          ),
        );
      for (const p of who) {
        await ctx.mailer.send({
          to: p.email,
          subject: `Cancelled: ${session.title}`,
          text: `Dear ${p.fullName},\n\n"${session.title}" on ${formatDateTime(session.startsAt)} has been cancelled, and your booking with it. Any invoice for it is void.`,
        });
      }
      told = who.length;
    }
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: input.to === 'published' ? 'cpd.session_published' : 'cpd.session_cancelled',
    subjectType: 'cpd_session',
    subjectId: session.id,
    networkId: session.networkId,
    detail: { bookingsCancelled: told },
  });
}
