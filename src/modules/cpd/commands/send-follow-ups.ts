import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { hashSecret, newSecret } from '../../../kernel/auth/secrets.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { formatDate } from '../../../kernel/ui/format.ts';
import { people } from '../../networks/schema.ts';
import { cpdSettingsDefaults } from '../cpd-settings-domain.ts';
import { cpdBookings, cpdFollowUps, cpdSessions, cpdSettings } from '../schema.ts';

/**
 * Some weeks after a session (the network's setting, 6 by default) each attendee gets a single-use link
 * to a short survey: what they changed, and its effect on pupils. Each session is followed up once.
 */
export async function sendFollowUps(ctx: CommandContext, input: { now?: Date } = {}) {
  const now = input.now ?? new Date();
  const weeks = sql`coalesce(${cpdSettings.followUpWeeks}, ${cpdSettingsDefaults.followUpWeeks})`;
  const due = await ctx.db
    .select({ session: cpdSessions })
    .from(cpdSessions)
    .leftJoin(cpdSettings, eq(cpdSettings.networkId, cpdSessions.networkId))
    .where(
      and(
        eq(cpdSessions.status, 'published'),
        isNull(cpdSessions.followUpSentAt),
        lte(sql`${cpdSessions.endsAt} + make_interval(weeks => ${weeks}::int)`, now),
      ),
    );
  let sent = 0;
  for (const { session } of due) {
    const attendees = await ctx.db
      .select({ id: cpdBookings.id, email: people.email, fullName: people.fullName })
      .from(cpdBookings)
      .innerJoin(people, eq(people.id, cpdBookings.personId))
      .where(and(eq(cpdBookings.sessionId, session.id), eq(cpdBookings.status, 'confirmed'), eq(cpdBookings.attended, true)));
    for (const a of attendees) {
      const token = newSecret();
      const [row] = await ctx.db
        .insert(cpdFollowUps)
        .values({ bookingId: a.id, tokenHash: hashSecret(token), sentAt: now })
        .onConflictDoNothing()
        .returning({ id: cpdFollowUps.id });
      if (!row) continue;
      sent++;
      await ctx.mailer.send({
        to: a.email,
        subject: `What changed after "${session.title}"?`,
        text: [
          `Dear ${a.fullName},`,
          '',
          `On ${formatDate(session.startsAt)} you came to "${session.title}".`,
          session.nextSteps ? `The recommended next steps were: ${session.nextSteps}` : '',
          'Please tell us in two minutes what you have changed since, and its effect on your pupils. This link works once:',
          `${ctx.config.appUrl}/cpd-follow-up/${token}`,
        ]
          .filter((l) => l !== '')
          .join('\n'),
      });
    }
    await ctx.db.update(cpdSessions).set({ followUpSentAt: now }).where(eq(cpdSessions.id, session.id));
    await recordAudit(ctx.db, ctx.actor, {
      action: 'cpd.follow_ups_sent',
      subjectType: 'cpd_session',
      subjectId: session.id,
      networkId: session.networkId,
      detail: { count: attendees.length },
    });
  }
  return { sessions: due.length, sent };
}
