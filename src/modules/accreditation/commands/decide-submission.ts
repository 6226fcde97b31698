import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { formatDate } from '../../../kernel/ui/format.ts';
import { people } from '../../networks/schema.ts';
import { decideOutcome } from '../assessment-domain.ts';
import { frameworkOf, judgementsOf, type SubmissionRow } from '../assessment-queries.ts';
import { newCertificateId } from '../certificates-domain.ts';
import { accreditationExpiry } from '../framework-domain.ts';
import { lpCertificates, lpSubmissions } from '../outcomes-schema.ts';
import { lpCandidates, lpPortfolios } from '../schema.ts';

/**
 * Settle a submission once its judgements are final (the assessor's, or the moderator's where sampled):
 * accredited when the framework's pass rule is met, with a certificate; otherwise resubmit, reopening the
 * portfolio as its next version with the standards to work on. Called by the assessment and moderation
 * commands inside their transaction.
 */
export async function decideSubmission(ctx: CommandContext, submission: SubmissionRow) {
  const framework = await frameworkOf(ctx.db, submission.frameworkVersionId);
  const judgements = await judgementsOf(ctx.db, submission.id);
  const decision = decideOutcome(
    framework.standards.map((s) => s.id),
    judgements,
    framework.rule,
  );
  const codes = new Map(framework.standards.map((s) => [s.id, s.code]));
  const toWorkOn = decision.toWorkOn.map((id) => codes.get(id)!);
  await ctx.db
    .update(lpSubmissions)
    .set({ status: 'decided', outcome: decision.outcome, toWorkOn, decidedAt: new Date() })
    .where(eq(lpSubmissions.id, submission.id));
  const accredited = decision.outcome === 'accredited';
  await ctx.db
    .update(lpPortfolios)
    .set(
      accredited
        ? { status: 'accredited', updatedAt: new Date() }
        : { status: 'resubmit', version: sql`${lpPortfolios.version} + 1`, updatedAt: new Date() },
    )
    .where(eq(lpPortfolios.id, submission.portfolioId));
  await ctx.db.update(lpCandidates).set({ stage: decision.outcome }).where(eq(lpCandidates.id, submission.candidateId));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.outcome.decided',
    subjectType: 'lp_submission',
    subjectId: submission.id,
    networkId: submission.networkId,
    detail: { outcome: decision.outcome, standardsAtLevel: decision.pass.standardsAtLevel, needed: decision.pass.needed, toWorkOn },
  });
  const [holder] = await ctx.db.select({ email: people.email }).from(people).where(eq(people.id, submission.candidatePersonId));
  const base = `${ctx.config.appUrl}/networks/${submission.networkId}/accreditation`;
  if (!accredited) {
    await ctx.mailer.send({
      to: holder!.email,
      subject: 'Your Lead Practitioner portfolio: resubmit',
      text: `Your portfolio reached level ${framework.passMinLevel} on ${decision.pass.standardsAtLevel} standards; ${decision.pass.needed} are needed.\n\nStandards to work on before you resubmit: ${toWorkOn.join(', ')}.\n\nYour portfolio is open again, with the assessor's feedback on each standard: ${base}/candidates/${submission.candidateId}/submission`,
    });
    return { decision, certificate: null };
  }
  const issuedOn = todayIso();
  const [certificate] = await ctx.db
    .insert(lpCertificates)
    .values({
      publicId: newCertificateId(),
      submissionId: submission.id,
      candidateId: submission.candidateId,
      personId: submission.candidatePersonId,
      networkId: submission.networkId,
      holderName: submission.candidateName,
      frameworkName: framework.name,
      issuedOn,
      expiresOn: accreditationExpiry(issuedOn, framework.validityYears),
    })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.certificate.issued',
    subjectType: 'lp_certificate',
    subjectId: certificate!.id,
    networkId: submission.networkId,
    detail: { personId: submission.candidatePersonId, issuedOn, expiresOn: certificate!.expiresOn },
  });
  await ctx.mailer.send({
    to: holder!.email,
    subject: 'You are an accredited Lead Practitioner',
    text: `Congratulations: your portfolio met the standard and you are accredited as a Lead Practitioner until ${formatDate(certificate!.expiresOn)}.\n\nYour certificate (PDF and Open Badge): ${base}/certificates/${certificate!.id}\nAnyone can check it at ${ctx.config.appUrl}/verify/${certificate!.publicId}`,
  });
  return { decision, certificate: certificate! };
}
