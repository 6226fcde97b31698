import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { assertFits, lockCapacity } from '../../support/deployments-capacity.ts';
import { trios } from '../development-schema.ts';
import { membersOf, sleCandidates, type TrioView } from '../trios-queries.ts';

/**
 * The admin gives a trio its SLE (or changes the days), checking the focus and the days the SLE has left in
 * the trio's school year: under the designation's row lock, as every allocation of release days (ADR 9).
 */
export async function assignTrioSle(ctx: CommandContext, input: { trio: TrioView; designationId: string; sleDays: number }) {
  const candidates = await sleCandidates(ctx.db, input.trio.networkId, todayIso());
  const sle = candidates.find((s) => s.designationId === input.designationId);
  if (!sle) throw invalidField('designationId', 'Select a current SLE of this network');
  if (!sle.specialismIds.includes(input.trio.focusId))
    throw conflict('designationId', `${sle.fullName} does not have the trio’s focus as a specialism`);
  const members = (await membersOf(ctx.db, [input.trio.id])).map((m) => m.personId);
  if (members.includes(sle.personId)) throw conflict('designationId', 'A member of the trio cannot be its SLE');
  // The trio's own days are free to re-give, so they are left out of the sum.
  const capacity = await lockCapacity(ctx.db, sle.designationId, input.trio.schoolYear, { trioId: input.trio.id });
  assertFits(capacity, input.sleDays, { field: 'sleDays', noun: 'this trio' });
  await ctx.db
    .update(trios)
    .set({ sleDesignationId: sle.designationId, sleDays: String(input.sleDays) })
    .where(eq(trios.id, input.trio.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.sle_assigned',
    subjectType: 'trio',
    subjectId: input.trio.id,
    networkId: input.trio.networkId,
    detail: { designationId: sle.designationId, sleDays: input.sleDays },
  });
}
