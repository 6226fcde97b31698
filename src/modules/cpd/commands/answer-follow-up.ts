import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import type { FollowUpImpact } from '../followup-domain.ts';
import { cpdBookings, cpdFollowUps } from '../schema.ts';

/** Record a follow-up answer; the link is spent by the first answer (a second is refused, the first kept). */
export async function answerFollowUp(
  ctx: CommandContext,
  input: { followUpId: string; changed: string; pupilEffect: string; impact: FollowUpImpact },
) {
  const [row] = await ctx.db
    .update(cpdFollowUps)
    .set({ changed: input.changed, pupilEffect: input.pupilEffect, impact: input.impact, answeredAt: new Date() })
    .where(and(eq(cpdFollowUps.id, input.followUpId), isNull(cpdFollowUps.answeredAt)))
    .returning({ id: cpdFollowUps.id, bookingId: cpdFollowUps.bookingId });
  if (!row) throw conflict('changed', 'This survey has already been answered: the link works once');
  const [booking] = await ctx.db.select({ networkId: cpdBookings.networkId }).from(cpdBookings).where(eq(cpdBookings.id, row.bookingId));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.follow_up_answered',
    subjectType: 'cpd_booking',
    subjectId: row.bookingId,
    networkId: booking?.networkId ?? null,
    detail: { impact: input.impact },
  });
}
