import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, notFound } from '../../../kernel/http/errors.ts';
import { lockSession } from '../bookings-places.ts';
import { registerRefusal } from '../registers-domain.ts';
import { cpdBookings } from '../schema.ts';

/** Mark who came: every confirmed booking is attended (ticked) or a no-show (not ticked). */
export async function takeRegister(ctx: CommandContext, input: { sessionId: string; attendedBookingIds: string[] }) {
  const now = new Date();
  const session = await lockSession(ctx.db, input.sessionId);
  if (!session) throw notFound('Session');
  const refusal = registerRefusal(session, now);
  if (refusal) throw conflict('attended', refusal);
  const confirmed = await ctx.db
    .select({ id: cpdBookings.id })
    .from(cpdBookings)
    .where(and(eq(cpdBookings.sessionId, session.id), eq(cpdBookings.status, 'confirmed')));
  const ids = new Set(confirmed.map((b) => b.id));
  const unknown = input.attendedBookingIds.filter((id) => !ids.has(id));
  if (unknown.length) throw conflict('attended', 'Only people with a confirmed place can be marked as attending');
  const present = [...ids].filter((id) => input.attendedBookingIds.includes(id));
  const absent = [...ids].filter((id) => !input.attendedBookingIds.includes(id));
  if (present.length) await ctx.db.update(cpdBookings).set({ attended: true, updatedAt: now }).where(inArray(cpdBookings.id, present));
  if (absent.length) await ctx.db.update(cpdBookings).set({ attended: false, updatedAt: now }).where(inArray(cpdBookings.id, absent));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.register_taken',
    subjectType: 'cpd_session',
    subjectId: session.id,
    networkId: session.networkId,
    detail: { attended: present.length, noShows: absent.length },
  });
  return { attended: present.length, noShows: absent.length };
}
