import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import type { BookingRow } from '../bookings-queries.ts';
import { feedbackRefusal } from '../registers-domain.ts';
import { cpdBookings } from '../schema.ts';

/** An attendee rates the session (1-5) with a comment; giving it again replaces the earlier answer. */
export async function giveFeedback(ctx: CommandContext, input: { booking: BookingRow; rating: number; comment: string | null }) {
  const refusal = feedbackRefusal(input.booking, new Date());
  if (refusal) throw conflict('rating', refusal);
  await ctx.db
    .update(cpdBookings)
    .set({ feedbackRating: input.rating, feedbackComment: input.comment, feedbackAt: new Date() })
    .where(eq(cpdBookings.id, input.booking.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.feedback_given',
    subjectType: 'cpd_booking',
    subjectId: input.booking.id,
    networkId: input.booking.networkId,
    detail: { rating: input.rating },
  });
}
