import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, HttpError } from '../../../kernel/http/errors.ts';
import { judgementIssues } from '../assessment-domain.ts';
import { frameworkOf, judgementsOf, type SubmissionRow } from '../assessment-queries.ts';
import { lpAssessments, lpSubmissions } from '../outcomes-schema.ts';
import { decideSubmission } from './decide-submission.ts';

export interface ModerationInput {
  submission: SubmissionRow;
  /** The moderator's level per standard (null: not evidenced); where it differs from the assessor's, it overturns it. */
  levels: { standardId: string; level: number | null | undefined }[];
  note: string | null;
}

/** The moderator of a sampled submission confirms or overturns each standard's level; the outcome is then decided. */
export async function recordModeration(ctx: CommandContext, input: ModerationInput) {
  const { submission } = input;
  if (submission.status !== 'in_moderation') throw conflict('submission', 'This submission is not waiting for moderation');
  const framework = await frameworkOf(ctx.db, submission.frameworkVersionId);
  const issues = judgementIssues(
    framework.standards,
    framework.levels,
    input.levels.map((l) => ({ ...l, feedback: 'moderated' })),
    true,
  );
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  const assessed = new Map((await judgementsOf(ctx.db, submission.id)).map((j) => [j.standardId, j.level]));
  const overturned: string[] = [];
  for (const l of input.levels) {
    const level = l.level ?? null;
    const differs = level !== (assessed.get(l.standardId) ?? null);
    if (differs) overturned.push(l.standardId);
    await ctx.db
      .update(lpAssessments)
      .set({ moderatedLevel: level, overturned: differs, updatedAt: new Date() })
      .where(and(eq(lpAssessments.submissionId, submission.id), eq(lpAssessments.standardId, l.standardId)));
  }
  await ctx.db.update(lpSubmissions).set({ moderationNote: input.note }).where(eq(lpSubmissions.id, submission.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.moderation.recorded',
    subjectType: 'lp_submission',
    subjectId: submission.id,
    networkId: submission.networkId,
    detail: { overturned, note: input.note },
  });
  return decideSubmission(ctx, submission);
}
