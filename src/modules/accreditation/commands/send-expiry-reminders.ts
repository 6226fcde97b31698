import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { formatDate } from '../../../kernel/ui/format.ts';
import { reminderWindowEnd } from '../certificates-domain.ts';
import { certificatesDueReminder } from '../certificates-queries.ts';
import { lpCertificates } from '../outcomes-schema.ts';

/**
 * Mail every accredited LP whose accreditation ends within 90 days, once: the reminder is claimed on the
 * certificate row before the mail is queued (sent after commit), so a second run sends nothing.
 */
export async function sendExpiryReminders(ctx: CommandContext, input: { today?: string } = {}) {
  const today = input.today ?? todayIso();
  const due = await certificatesDueReminder(ctx.db, today, reminderWindowEnd(today));
  let sent = 0;
  for (const cert of due) {
    const claimed = await ctx.db
      .update(lpCertificates)
      .set({ reminderSentAt: new Date() })
      .where(and(eq(lpCertificates.id, cert.id), isNull(lpCertificates.reminderSentAt)))
      .returning({ id: lpCertificates.id });
    if (claimed.length === 0) continue;
    await recordAudit(ctx.db, ctx.actor, {
      action: 'lp.certificate.reminded',
      subjectType: 'lp_certificate',
      subjectId: cert.id,
      networkId: cert.networkId,
      detail: { expiresOn: cert.expiresOn },
    });
    await ctx.mailer.send({
      to: cert.email,
      subject: `Your Lead Practitioner accreditation ends on ${formatDate(cert.expiresOn)}`,
      text: `Dear ${cert.holderName},\n\nYour accreditation as a Lead Practitioner (${cert.frameworkName}), awarded by ${cert.networkName} on ${formatDate(cert.issuedOn)}, ends on ${formatDate(cert.expiresOn)}.\n\nTo stay accredited, speak to your network's Lead Practitioner manager about re-accreditation in the next cohort.\n\n${ctx.config.appUrl}/networks/${cert.networkId}/accreditation/certificates/${cert.id}`,
    });
    sent++;
  }
  return { due: due.length, sent };
}
