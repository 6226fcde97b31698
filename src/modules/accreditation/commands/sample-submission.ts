import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { maySample, moderatorConflict } from '../assessment-domain.ts';
import type { SubmissionRow } from '../assessment-queries.ts';
import { lpSubmissions } from '../outcomes-schema.ts';

/** A moderator takes a submission into their sample: its outcome then waits for their moderation. */
export async function sampleSubmission(ctx: CommandContext, input: { submission: SubmissionRow; moderatorId: string }) {
  const { submission, moderatorId } = input;
  if (!maySample(submission.status)) throw conflict('submission', 'This submission has already been assessed: it can no longer be sampled');
  if (submission.moderatorId) throw conflict('submission', `This submission is already in ${submission.moderatorName}'s sample`);
  const clash = moderatorConflict(moderatorId, submission.assessorId, submission.candidatePersonId);
  if (clash) throw conflict('submission', clash);
  const changed = await ctx.db
    .update(lpSubmissions)
    .set({ moderatorId, sampledAt: new Date() })
    .where(
      and(
        eq(lpSubmissions.id, submission.id),
        isNull(lpSubmissions.moderatorId),
        inArray(lpSubmissions.status, ['awaiting_assessor', 'in_assessment']),
      ),
    )
    .returning({ id: lpSubmissions.id });
  if (changed.length === 0) throw conflict('submission', 'This submission can no longer be sampled');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.submission.sampled',
    subjectType: 'lp_submission',
    subjectId: submission.id,
    networkId: submission.networkId,
    detail: { moderatorId },
  });
}
