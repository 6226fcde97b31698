import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { isValidReachKm, REACH_KM_MESSAGE } from '../matching-domain.ts';
import { supportSettings } from '../money-schema.ts';

/** A network admin sets how far the network's leaders may travel to a school (a hard rule of matching). */
export async function updateSupportSettings(ctx: CommandContext, input: { networkId: string; reachKm: number }) {
  if (!isValidReachKm(input.reachKm)) throw invalidField('reachKm', REACH_KM_MESSAGE);
  const values = { reachKm: input.reachKm, updatedBy: actorPersonId(ctx.actor), updatedAt: sql`now()` };
  await ctx.db
    .insert(supportSettings)
    .values({ networkId: input.networkId, ...values })
    .onConflictDoUpdate({ target: supportSettings.networkId, set: values });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'support_settings.updated',
    subjectType: 'support_settings',
    subjectId: input.networkId,
    networkId: input.networkId,
    detail: { reachKm: input.reachKm },
  });
}
