import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { cpdSessions } from '../schema.ts';
import { checkSessionDetails, type SessionDetails } from './session-details.ts';
import { setSessionFacilitators } from './session-facilitators.ts';

/** Add a session to a programme: a draft, or published at once (open for booking). */
export async function createSession(
  ctx: CommandContext,
  input: SessionDetails & { networkId: string; programmeId: string; publish: boolean },
) {
  await checkSessionDetails(ctx.db, input);
  const { publish, facilitatorIds, ...values } = input;
  const [row] = await ctx.db
    .insert(cpdSessions)
    .values({ ...values, status: publish ? 'published' : 'draft' })
    .returning();
  await setSessionFacilitators(ctx, { sessionId: row!.id, networkId: input.networkId, personIds: facilitatorIds });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.session_created',
    subjectType: 'cpd_session',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: {
      programmeId: input.programmeId,
      title: input.title,
      startsAt: input.startsAt.toISOString(),
      capacity: input.capacity,
      facilitatorIds,
      publish,
    },
  });
  return row!;
}
