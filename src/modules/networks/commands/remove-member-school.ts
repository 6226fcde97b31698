import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { networkSchools } from '../schema.ts';

export interface RemoveMemberSchoolInput {
  networkId: string;
  urn: number;
  /** yyyy-mm-dd: the last day is the day before. */
  leftOn: string;
}

/** A school leaves the network on a date; the spell is closed, not deleted, so the history stays. */
export async function removeMemberSchool(ctx: CommandContext, input: RemoveMemberSchoolInput) {
  const [open] = await ctx.db
    .select()
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, input.networkId), eq(networkSchools.schoolUrn, input.urn), isNull(networkSchools.leftOn)))
    .for('update');
  if (!open) throw conflict('leftOn', 'This school is not a member of the network');
  if (input.leftOn < open.joinedOn)
    throw invalidField('leftOn', `The date it left must be on or after the date it joined (${open.joinedOn})`);
  const [row] = await ctx.db.update(networkSchools).set({ leftOn: input.leftOn }).where(eq(networkSchools.id, open.id)).returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'school.left_network',
    subjectType: 'school',
    subjectId: input.urn,
    networkId: input.networkId,
    detail: { joinedOn: open.joinedOn, leftOn: input.leftOn },
  });
  return row!;
}
