import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import type { CohortDetail } from '../cohorts-queries.ts';
import { lpMeetings } from '../schema.ts';

/** Add a network meeting to the cohort, on a date within the cohort's dates. */
export async function scheduleMeeting(
  ctx: CommandContext,
  cohort: CohortDetail,
  input: { heldOn: string; title: string; venue: string | null },
) {
  if (input.heldOn < cohort.startsOn || input.heldOn > cohort.endsOn) {
    throw invalidField('heldOn', 'The meeting must be between the cohort’s start and end dates');
  }
  const [meeting] = await ctx.db
    .insert(lpMeetings)
    .values({ cohortId: cohort.id, ...input })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_meeting.scheduled',
    subjectType: 'lp_meeting',
    subjectId: meeting!.id,
    networkId: cohort.networkId,
    detail: { cohortId: cohort.id, heldOn: input.heldOn },
  });
  return meeting!;
}
