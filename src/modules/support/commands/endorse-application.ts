import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { MAX_RELEASE_DAYS } from '../domain.ts';
import { mayApplicationDo } from '../rounds-domain.ts';
import { applicationLink, mailPanel, mailPerson } from '../rounds-mail.ts';
import type { ApplicationRow } from '../rounds-queries.ts';
import { designationApplications } from '../rounds-schema.ts';

export type EndorseInput =
  | { application: ApplicationRow; endorse: true; releaseDays: number; note: string | null }
  | { application: ApplicationRow; endorse: false; note: string };

/** The applicant's headteacher endorses (confirming release days) or does not (saying why). */
export async function endorseApplication(ctx: CommandContext, input: EndorseInput) {
  const a = input.application;
  const by = actorPersonId(ctx.actor);
  if (by === a.personId) throw conflict('endorse', 'You cannot endorse your own application');
  if (!mayApplicationDo(a.status, input.endorse ? 'endorse' : 'refuseEndorsement'))
    throw conflict('endorse', 'This application has already been answered');
  if (input.endorse && !(input.releaseDays > 0 && input.releaseDays <= MAX_RELEASE_DAYS && Number.isInteger(input.releaseDays * 2)))
    throw invalidField('releaseDays', `Release days must be whole or half days, more than 0 and no more than ${MAX_RELEASE_DAYS}`);
  const status = input.endorse ? 'endorsed' : 'not_endorsed';
  // Only from `submitted`: two heads answering at once cannot both win.
  const updated = await ctx.db
    .update(designationApplications)
    .set({
      status,
      endorsedBy: by,
      endorsedAt: sql`now()`,
      releaseDays: input.endorse ? String(input.releaseDays) : null,
      endorsementNote: input.note,
    })
    .where(and(eq(designationApplications.id, a.id), eq(designationApplications.status, 'submitted')))
    .returning({ id: designationApplications.id });
  if (updated.length === 0) throw conflict('endorse', 'This application has already been answered');
  await recordAudit(ctx.db, ctx.actor, {
    action: input.endorse ? 'application.endorsed' : 'application.not_endorsed',
    subjectType: 'designation_application',
    subjectId: a.id,
    networkId: a.networkId,
    detail: input.endorse ? { releaseDays: input.releaseDays } : { note: input.note },
  });
  const link = applicationLink(ctx, a);
  if (input.endorse) {
    await mailPerson(
      ctx,
      a,
      'Your headteacher has endorsed your application',
      `Your school will release you for ${input.releaseDays} days a year. The panel will now score your application.`,
      link,
    );
    await mailPanel(
      ctx,
      a.networkId,
      `Application to score: ${a.fullName}`,
      `${a.fullName}’s application has been endorsed by their headteacher and is ready for the panel.`,
      link,
    );
  } else {
    await mailPerson(ctx, a, 'Your headteacher has not endorsed your application', `Their reason: ${input.note}`, link);
  }
}
