import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { people } from '../../networks/schema.ts';
import type { TrainingKind } from '../rounds-domain.ts';
import { mailPerson } from '../rounds-mail.ts';
import type { RoundDetail } from '../rounds-queries.ts';
import { designationApplications, designationTrainingAttendance, designationTrainings } from '../rounds-schema.ts';

export interface TrainingInput {
  round: RoundDetail;
  kind: TrainingKind;
  title: string;
  heldOn: string;
  /** Designated applications of the round who attended. */
  attendeeIds: string[];
}

/** Record an induction or training session for the round's designated leaders, with who attended. */
export async function recordRoundTraining(ctx: CommandContext, input: TrainingInput) {
  const ids = [...new Set(input.attendeeIds)];
  const designated = ids.length
    ? await ctx.db
        .select({
          id: designationApplications.id,
          roundId: designationApplications.roundId,
          status: designationApplications.status,
          email: people.email,
          fullName: people.fullName,
        })
        .from(designationApplications)
        .innerJoin(people, eq(people.id, designationApplications.personId))
        .where(inArray(designationApplications.id, ids))
    : [];
  if (designated.length !== ids.length || designated.some((d) => d.roundId !== input.round.id || d.status !== 'designated'))
    throw invalidField('attendeeIds', 'Choose leaders designated in this round');
  const [training] = await ctx.db
    .insert(designationTrainings)
    .values({ roundId: input.round.id, kind: input.kind, title: input.title, heldOn: input.heldOn })
    .returning();
  if (ids.length)
    await ctx.db.insert(designationTrainingAttendance).values(ids.map((applicationId) => ({ trainingId: training!.id, applicationId })));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'round.training_recorded',
    subjectType: 'designation_round',
    subjectId: input.round.id,
    networkId: input.round.networkId,
    detail: { trainingId: training!.id, kind: input.kind, title: input.title, heldOn: input.heldOn, attendees: ids },
  });
  const link = `${ctx.config.appUrl}/networks/${input.round.networkId}/rounds/${input.round.id}`;
  for (const d of designated)
    await mailPerson(
      ctx,
      d,
      `Attendance recorded: ${input.title}`,
      `Your attendance at “${input.title}” on ${input.heldOn} has been recorded.`,
      link,
    );
  return training!;
}
