import { and, eq, notInArray } from 'drizzle-orm';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { facilitatorChoices } from '../facilitators-queries.ts';
import { cpdSessionFacilitators } from '../schema.ts';

/** Make the session's facilitators on Alliance exactly these people, each a member of the network or a partner network. */
export async function setSessionFacilitators(ctx: CommandContext, input: { sessionId: string; networkId: string; personIds: string[] }) {
  const wanted = [...new Set(input.personIds)];
  if (wanted.length > 0) {
    const allowed = new Set((await facilitatorChoices(ctx.db, input.networkId)).map((p) => p.id));
    if (wanted.some((id) => !allowed.has(id)))
      throw invalidField('facilitatorIds', 'Choose facilitators from the members of this network and its partner networks');
  }
  await ctx.db
    .delete(cpdSessionFacilitators)
    .where(
      and(
        eq(cpdSessionFacilitators.sessionId, input.sessionId),
        wanted.length ? notInArray(cpdSessionFacilitators.personId, wanted) : undefined,
      ),
    );
  if (wanted.length)
    await ctx.db
      .insert(cpdSessionFacilitators)
      .values(wanted.map((personId) => ({ sessionId: input.sessionId, personId, networkId: input.networkId })))
      .onConflictDoNothing();
}
