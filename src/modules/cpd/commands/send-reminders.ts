import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { formatDateTime } from '../../../kernel/ui/format.ts';
import { people } from '../../networks/schema.ts';
import { cpdBookings, cpdSessions } from '../schema.ts';
import { whereOf } from '../sessions-queries.ts';

/** Remind everyone with a confirmed place of a session starting within `hours` (once per booking). */
export async function sendReminders(ctx: CommandContext, input: { now?: Date; hours?: number } = {}) {
  const now = input.now ?? new Date();
  const until = new Date(now.getTime() + (input.hours ?? 48) * 3_600_000);
  const due = await ctx.db
    .select({
      id: cpdBookings.id,
      networkId: cpdBookings.networkId,
      email: people.email,
      fullName: people.fullName,
      session: cpdSessions,
    })
    .from(cpdBookings)
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .innerJoin(people, eq(people.id, cpdBookings.personId))
    .where(
      and(
        eq(cpdBookings.status, 'confirmed'),
        isNull(cpdBookings.remindedAt),
        eq(cpdSessions.status, 'published'),
        gt(cpdSessions.startsAt, now),
        lte(cpdSessions.startsAt, until),
      ),
    );
  for (const b of due) {
    await ctx.mailer.send({
      to: b.email,
      subject: `Reminder: ${b.session.title}, ${formatDateTime(b.session.startsAt)}`,
      text: [
        `Dear ${b.fullName},`,
        '',
        `A reminder that you have a place on "${b.session.title}" on ${formatDateTime(b.session.startsAt)}.`,
        `Where: ${whereOf(b.session)}`,
        `If you can no longer come, please cancel so that someone on the waiting list can have the place:`,
        `${ctx.config.appUrl}/networks/${b.networkId}/cpd/bookings/${b.id}`,
      ].join('\n'),
    });
  }
  if (due.length) {
    await ctx.db
      .update(cpdBookings)
      .set({ remindedAt: now })
      .where(
        inArray(
          cpdBookings.id,
          due.map((b) => b.id),
        ),
      );
    await recordAudit(ctx.db, ctx.actor, { action: 'cpd.reminders_sent', subjectType: 'cpd_booking', detail: { count: due.length } });
  }
  return { sent: due.length };
}
