import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { memberships, people } from '../../networks/schema.ts';
import { assessorConflict } from '../assessment-domain.ts';
import { mentorIdsOf, type SubmissionRow } from '../assessment-queries.ts';
import { lpSubmissions } from '../outcomes-schema.ts';
import { lpPortfolios } from '../schema.ts';

/** The manager assigns (or, before they finish, changes) the assessor of a submission: an assessor of the network with no conflict. */
export async function assignAssessor(ctx: CommandContext, input: { submission: SubmissionRow; assessorId: string }) {
  const { submission, assessorId } = input;
  if (submission.status !== 'awaiting_assessor' && submission.status !== 'in_assessment') {
    throw conflict('assessorId', 'This submission has been assessed: its assessor can no longer change');
  }
  const [assessor] = await ctx.db
    .select({ id: people.id, fullName: people.fullName, email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.networkId, submission.networkId), eq(memberships.role, 'assessor'), eq(memberships.personId, assessorId)));
  if (!assessor) throw invalidField('assessorId', 'Choose an assessor of this network');
  const clash =
    assessorConflict(assessorId, submission.candidatePersonId, await mentorIdsOf(ctx.db, submission.candidateId)) ??
    (assessorId === submission.moderatorId ? 'The moderator of this submission cannot also assess it' : null);
  if (clash) throw conflict('assessorId', clash);
  await ctx.db.update(lpSubmissions).set({ assessorId, status: 'in_assessment' }).where(eq(lpSubmissions.id, submission.id));
  await ctx.db
    .update(lpPortfolios)
    .set({ status: 'in_assessment', updatedAt: new Date() })
    .where(eq(lpPortfolios.id, submission.portfolioId));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.assessor.assigned',
    subjectType: 'lp_submission',
    subjectId: submission.id,
    networkId: submission.networkId,
    detail: { assessorId, previousAssessorId: submission.assessorId },
  });
  await ctx.mailer.send({
    to: assessor.email,
    subject: `Portfolio to assess: ${submission.candidateName}`,
    text: `You have been asked to assess ${submission.candidateName}'s Lead Practitioner portfolio (${submission.cohortName}).\n\n${ctx.config.appUrl}/networks/${submission.networkId}/accreditation/submissions/${submission.id}`,
  });
}
