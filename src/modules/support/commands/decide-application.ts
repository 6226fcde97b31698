import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { designationKindShort } from '../domain.ts';
import { mayApplicationDo, panelResult } from '../rounds-domain.ts';
import { applicationLink, mailHeads, mailPerson } from '../rounds-mail.ts';
import type { ApplicationDetail, RoundDetail } from '../rounds-queries.ts';
import { designationApplications } from '../rounds-schema.ts';
import { createDesignation } from './create-designation.ts';

export type DecideInput =
  | { application: ApplicationDetail; round: RoundDetail; designate: true; feedback: string | null }
  | { application: ApplicationDetail; round: RoundDetail; designate: false; feedback: string };

/**
 * The admin designates a scored applicant (a designation with the round's term, the head's release days and
 * the specialisms applied for) or declines with feedback. Either way the applicant and their head are told.
 */
export async function decideApplication(ctx: CommandContext, input: DecideInput) {
  const { application: a, round } = input;
  const from = a.status;
  let designationId: string | null = null;
  if (input.designate) {
    if (!mayApplicationDo(from, 'designate')) throw conflict('decision', 'Only an endorsed application can be designated');
    if (!panelResult(round.criteria, a.scores).complete) throw conflict('decision', 'The panel has not scored every criterion yet');
    const designation = await createDesignation(ctx, {
      networkId: a.networkId,
      personId: a.personId,
      kind: round.kind,
      phase: a.phase,
      releaseDays: a.releaseDays!,
      startsOn: round.termStartsOn,
      endsOn: round.termEndsOn,
      reviewOn: null,
      specialismIds: a.specialismIds,
    });
    designationId = designation.id;
  } else if (!mayApplicationDo(from, 'decline')) throw conflict('decision', 'This application has already been decided');
  const updated = await ctx.db
    .update(designationApplications)
    .set({
      status: input.designate ? 'designated' : 'declined',
      designationId,
      decidedBy: actorPersonId(ctx.actor),
      decidedAt: sql`now()`,
      feedback: input.feedback,
    })
    .where(and(eq(designationApplications.id, a.id), eq(designationApplications.status, from)))
    .returning({ id: designationApplications.id });
  if (updated.length === 0) throw conflict('decision', 'This application has already been decided');
  await recordAudit(ctx.db, ctx.actor, {
    action: input.designate ? 'application.designated' : 'application.declined',
    subjectType: 'designation_application',
    subjectId: a.id,
    networkId: a.networkId,
    detail: { designationId, feedback: input.feedback },
  });
  const kind = designationKindShort[round.kind];
  const link = applicationLink(ctx, a);
  const said = input.feedback ? `\n\nFeedback from the panel: ${input.feedback}` : '';
  if (input.designate) {
    await mailPerson(
      ctx,
      a,
      `You have been designated as an ${kind}`,
      `Congratulations: you are designated from the start of the term. Look out for the induction dates.${said}`,
      link,
    );
    await mailHeads(
      ctx,
      a.networkId,
      a.schoolUrn,
      `${a.fullName} has been designated as an ${kind}`,
      `Thank you for releasing ${a.fullName} for ${a.releaseDays} days a year.`,
      link,
    );
  } else {
    await mailPerson(ctx, a, `Your ${kind} application`, `The panel has decided not to designate you in this round.${said}`, link);
  }
  return { designationId };
}
