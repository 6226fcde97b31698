import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, HttpError } from '../../../kernel/http/errors.ts';
import { people } from '../../networks/schema.ts';
import { type JudgementInput, judgementIssues } from '../assessment-domain.ts';
import { frameworkOf, type SubmissionRow } from '../assessment-queries.ts';
import { lpAssessments, lpSubmissions } from '../outcomes-schema.ts';
import { decideSubmission } from './decide-submission.ts';

/**
 * The assigned assessor records the level reached and feedback per standard. Saving keeps a draft;
 * finishing needs every standard judged, then decides the outcome, or hands a sampled submission to
 * its moderator.
 */
export async function recordAssessment(
  ctx: CommandContext,
  input: { submission: SubmissionRow; judgements: JudgementInput[]; finish: boolean },
) {
  const { submission } = input;
  if (submission.status !== 'in_assessment') throw conflict('submission', 'This submission is not being assessed');
  const framework = await frameworkOf(ctx.db, submission.frameworkVersionId);
  const issues = judgementIssues(framework.standards, framework.levels, input.judgements, input.finish);
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  for (const j of input.judgements) {
    if (j.level === undefined && !j.feedback) continue;
    const values = { level: j.level ?? null, feedback: j.feedback, updatedAt: new Date() };
    await ctx.db
      .insert(lpAssessments)
      .values({ submissionId: submission.id, standardId: j.standardId, versionId: submission.frameworkVersionId, ...values })
      .onConflictDoUpdate({ target: [lpAssessments.submissionId, lpAssessments.standardId], set: values });
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: input.finish ? 'lp.assessment.finished' : 'lp.assessment.saved',
    subjectType: 'lp_submission',
    subjectId: submission.id,
    networkId: submission.networkId,
    detail: { judgements: input.judgements.map((j) => ({ standardId: j.standardId, level: j.level ?? null })) },
  });
  if (!input.finish) return { decided: false as const };
  if (submission.moderatorId) {
    await ctx.db.update(lpSubmissions).set({ status: 'in_moderation', assessedAt: new Date() }).where(eq(lpSubmissions.id, submission.id));
    const [moderator] = await ctx.db.select({ email: people.email }).from(people).where(eq(people.id, submission.moderatorId));
    await ctx.mailer.send({
      to: moderator!.email,
      subject: `Sampled portfolio ready to moderate: ${submission.candidateName}`,
      text: `${submission.assessorName} has finished assessing ${submission.candidateName}'s portfolio, which is in your moderation sample.\n\n${ctx.config.appUrl}/networks/${submission.networkId}/accreditation/submissions/${submission.id}`,
    });
    return { decided: false as const };
  }
  await ctx.db.update(lpSubmissions).set({ assessedAt: new Date() }).where(eq(lpSubmissions.id, submission.id));
  return { decided: true as const, ...(await decideSubmission(ctx, submission)) };
}
