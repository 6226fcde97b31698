import { recordAudit } from '../../audit/audit.ts';
import type { CommandContext } from '../../commands.ts';
import { actingPerson } from '../account-rules.ts';
import { endAllSessions } from '../sessions.ts';

/** End every session of the actor, this browser's included (a lost laptop, a shared computer). */
export async function signOutEverywhere(ctx: CommandContext): Promise<void> {
  const me = actingPerson(ctx.actor);
  await endAllSessions(ctx.db, me.personId);
  await recordAudit(ctx.db, ctx.actor, { action: 'account.signed_out_everywhere', subjectType: 'person', subjectId: me.personId });
}
