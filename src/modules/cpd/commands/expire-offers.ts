import { and, eq, lte } from 'drizzle-orm';
import type { CommandContext } from '../../../kernel/commands.ts';
import { expireStaleOffers, lockSession } from '../bookings-places.ts';
import { cpdBookings } from '../schema.ts';

/** Close every offer past its time limit and pass the places on (the CLI runs this; pages do it per session on read). */
export async function expireOffers(ctx: CommandContext, input: { now?: Date; sessionId?: string } = {}) {
  const now = input.now ?? new Date();
  const sessions = await ctx.db
    .selectDistinct({ id: cpdBookings.sessionId })
    .from(cpdBookings)
    .where(
      and(
        eq(cpdBookings.status, 'offered'),
        lte(cpdBookings.offerExpiresAt, now),
        input.sessionId ? eq(cpdBookings.sessionId, input.sessionId) : undefined,
      ),
    );
  let expired = 0;
  for (const { id } of sessions) {
    const session = await lockSession(ctx.db, id);
    if (session) expired += await expireStaleOffers(ctx, session, now);
  }
  return { expired };
}
