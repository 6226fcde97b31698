import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { sqlState } from '../../../kernel/db/errors.ts';
import { conflict, notFound } from '../../../kernel/http/errors.ts';
import { lockSession, offerFreePlaces } from '../bookings-places.ts';
import { cpdSessions } from '../schema.ts';
import { capacityRefusal } from '../sessions-domain.ts';
import { checkSessionDetails, type SessionDetails } from './session-details.ts';
import { setSessionFacilitators } from './session-facilitators.ts';

/** Change a session's details. Capacity never falls below the places taken; extra places go to the waiting list. */
export async function updateSession(ctx: CommandContext, input: SessionDetails & { sessionId: string; nextSteps: string | null }) {
  const session = await lockSession(ctx.db, input.sessionId);
  if (!session) throw notFound('Session');
  if (session.status === 'cancelled') throw conflict('title', 'This session has been cancelled and cannot be changed');
  const refusal = capacityRefusal(input.capacity, session.placesTaken);
  if (refusal) throw conflict('capacity', refusal);
  await checkSessionDetails(ctx.db, input);
  const { sessionId, facilitatorIds, ...values } = input;
  const [row] = await ctx.db
    .update(cpdSessions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(cpdSessions.id, sessionId))
    .returning()
    .catch((err: unknown) => {
      // The CHECK on places taken: the database's word, should the count have moved under us.
      throw sqlState(err) === '23514' ? conflict('capacity', 'Capacity cannot be less than the places already taken') : err;
    });
  await setSessionFacilitators(ctx, { sessionId, networkId: session.networkId, personIds: facilitatorIds });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.session_updated',
    subjectType: 'cpd_session',
    subjectId: sessionId,
    networkId: session.networkId,
    detail: {
      capacity: { from: session.capacity, to: input.capacity },
      startsAt: input.startsAt.toISOString(),
      title: input.title,
      facilitatorIds,
    },
  });
  if (input.capacity > session.capacity) await offerFreePlaces(ctx, row!);
  return row!;
}
