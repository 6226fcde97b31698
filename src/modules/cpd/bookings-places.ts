import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { CommandContext } from '../../kernel/commands.ts';
import type { Db } from '../../kernel/db/client.ts';
import { formatDateTime } from '../../kernel/ui/format.ts';
import { people } from '../networks/schema.ts';
import { cpdSettingsOf } from './cpd-settings-queries.ts';
import { cpdBookings, cpdSessions } from './schema.ts';

// The waiting list at work: every change to a session's places runs with the session row locked
// (SELECT ... FOR UPDATE), so concurrent bookings queue one behind another in arrival order.

export type LockedSession = typeof cpdSessions.$inferSelect;

/** Lock the session row for the rest of the transaction; null when there is no such session. */
export async function lockSession(db: Db, sessionId: string): Promise<LockedSession | null> {
  const [row] = await db.select().from(cpdSessions).where(eq(cpdSessions.id, sessionId)).for('update');
  return row ?? null;
}

/** The network's hold time for an offered place (hours), the default unless the network set its own. */
export async function offerHours(db: Db, networkId: string): Promise<number> {
  return (await cpdSettingsOf(db, networkId)).offerHours;
}

/** Is any offer of the session past its time limit? (A cheap look before taking the lock.) */
export async function hasStaleOffers(db: Db, sessionId: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ id: cpdBookings.id })
    .from(cpdBookings)
    .where(and(eq(cpdBookings.sessionId, sessionId), eq(cpdBookings.status, 'offered'), lte(cpdBookings.offerExpiresAt, now)))
    .limit(1);
  return Boolean(row);
}

/** Offers that ran out become expired, and their places pass down the list. Call with the session locked. */
export async function expireStaleOffers(ctx: CommandContext, session: LockedSession, now = new Date()) {
  const stale = await ctx.db
    .update(cpdBookings)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(cpdBookings.sessionId, session.id), eq(cpdBookings.status, 'offered'), lte(cpdBookings.offerExpiresAt, now)))
    .returning({ id: cpdBookings.id, personId: cpdBookings.personId });
  for (const b of stale) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'cpd.offer_expired',
      subjectType: 'cpd_booking',
      subjectId: b.id,
      networkId: session.networkId,
      detail: { sessionId: session.id },
    });
  }
  if (stale.length) await offerFreePlaces(ctx, session, now);
  return stale.length;
}

/**
 * Give each free place to the next on the waiting list (lowest arrival number), held for the network's
 * offer time, and tell them by mail. Call with the session locked. Nothing is offered once it has started.
 */
export async function offerFreePlaces(ctx: CommandContext, session: LockedSession, now = new Date()) {
  if (session.status !== 'published' || session.startsAt.getTime() <= now.getTime()) return 0;
  const [fresh] = await ctx.db
    .select({ taken: cpdSessions.placesTaken, capacity: cpdSessions.capacity })
    .from(cpdSessions)
    .where(eq(cpdSessions.id, session.id));
  const free = (fresh?.capacity ?? 0) - (fresh?.taken ?? 0);
  if (free <= 0) return 0;
  const next = await ctx.db
    .select({ id: cpdBookings.id, email: people.email, fullName: people.fullName })
    .from(cpdBookings)
    .innerJoin(people, eq(people.id, cpdBookings.personId))
    .where(and(eq(cpdBookings.sessionId, session.id), eq(cpdBookings.status, 'waiting')))
    .orderBy(asc(cpdBookings.position))
    .limit(free);
  if (!next.length) return 0;
  const hours = await offerHours(ctx.db, session.networkId);
  // Never hold a place past the start of the session.
  const expires = new Date(Math.min(now.getTime() + hours * 3_600_000, session.startsAt.getTime()));
  for (const b of next) {
    await ctx.db.update(cpdBookings).set({ status: 'offered', offerExpiresAt: expires, updatedAt: now }).where(eq(cpdBookings.id, b.id));
    await recordAudit(ctx.db, ctx.actor, {
      action: 'cpd.place_offered',
      subjectType: 'cpd_booking',
      subjectId: b.id,
      networkId: session.networkId,
      detail: { sessionId: session.id, expiresAt: expires.toISOString() },
    });
    await ctx.mailer.send({
      to: b.email,
      subject: `A place is free: ${session.title}`,
      text: [
        `Dear ${b.fullName},`,
        '',
        `A place has come free on "${session.title}" (${formatDateTime(session.startsAt)}), and you are next on the waiting list.`,
        `It is held for you until ${formatDateTime(expires)}. Accept it here:`,
        `${ctx.config.appUrl}/networks/${session.networkId}/cpd/bookings/${b.id}`,
        '',
        'If you do not accept it by then, it is offered to the next person.',
      ].join('\n'),
    });
  }
  return next.length;
}

/** The next arrival number of a locked session, taken and advanced. */
export async function takePosition(db: Db, sessionId: string): Promise<number> {
  const [row] = await db
    .update(cpdSessions)
    .set({ nextPosition: sql`${cpdSessions.nextPosition} + 1` })
    .where(eq(cpdSessions.id, sessionId))
    .returning({ position: sql<number>`${cpdSessions.nextPosition} - 1` });
  return Number(row!.position);
}
