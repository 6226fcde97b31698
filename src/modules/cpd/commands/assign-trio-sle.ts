import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { designations } from '../../support/schema.ts';
import { trios } from '../development-schema.ts';
import { sleCanSupport } from '../trios-domain.ts';
import { membersOf, sleCandidates, type TrioView } from '../trios-queries.ts';

/** The admin gives a trio its SLE (or changes the days), checking the focus and the days the SLE has left. */
export async function assignTrioSle(ctx: CommandContext, input: { trio: TrioView; designationId: string; sleDays: number }) {
  // Lock the designation so that two trios at once cannot take more days than it has.
  const [locked] = await ctx.db
    .select({ id: designations.id })
    .from(designations)
    .where(eq(designations.id, input.designationId))
    .for('update');
  const candidates = await sleCandidates(ctx.db, input.trio.networkId, todayIso());
  const sle = locked && candidates.find((s) => s.designationId === input.designationId);
  if (!sle) throw invalidField('designationId', 'Select a current SLE of this network');
  // The trio's own days, if it already has this SLE, are free to re-give.
  const own = input.trio.sleDesignationId === sle.designationId ? input.trio.sleDays : 0;
  const members = (await membersOf(ctx.db, [input.trio.id])).map((m) => m.personId);
  if (!sle.specialismIds.includes(input.trio.focusId))
    throw conflict('designationId', `${sle.fullName} does not have the trio’s focus as a specialism`);
  if (!sleCanSupport({ ...sle, daysLeft: sle.daysLeft + own }, input.trio.focusId, members, input.sleDays))
    throw conflict(
      members.includes(sle.personId) ? 'designationId' : 'sleDays',
      members.includes(sle.personId) ? 'A member of the trio cannot be its SLE' : `${sle.fullName} has ${sle.daysLeft + own} days left`,
    );
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
