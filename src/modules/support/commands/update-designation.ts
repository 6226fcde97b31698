import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { assertReleaseCoversAllocations, isReleaseBelowAllocationsViolation } from '../deployments-capacity.ts';
import type { DesignationRow } from '../designations-queries.ts';
import { designations } from '../schema.ts';
import { checkDetails, type DesignationDetails, detailColumns, setSpecialisms } from './designation-input.ts';

/**
 * Change a designation's kind, phase, days, term or specialisms; a withdrawn one is history and stays as it was.
 * Release days never go below the days already allocated to the leader in a school year (409 with the numbers).
 */
export async function updateDesignation(ctx: CommandContext, input: DesignationDetails & { designation: DesignationRow }) {
  const { designation } = input;
  if (designation.status === 'withdrawn') throw conflict('kind', 'This designation has been withdrawn: it cannot be changed');
  const ids = await checkDetails(ctx.db, designation.networkId, input);
  // Fewer release days than the leader already holds in a year would break the promise to the schools.
  if (input.releaseDays < Number(designation.releaseDays)) await assertReleaseCoversAllocations(ctx.db, designation.id, input.releaseDays);
  await ctx.db
    .update(designations)
    .set({ ...detailColumns(input), updatedAt: new Date() })
    .where(eq(designations.id, designation.id))
    .catch((err) => {
      if (isReleaseBelowAllocationsViolation(err))
        throw conflict('releaseDays', 'The leader already has more days allocated in a school year than that');
      throw err;
    });
  await setSpecialisms(ctx.db, designation.id, ids);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'designation.updated',
    subjectType: 'designation',
    subjectId: designation.id,
    networkId: designation.networkId,
    detail: { personId: designation.personId, ...detailColumns(input), specialismIds: ids },
  });
}
