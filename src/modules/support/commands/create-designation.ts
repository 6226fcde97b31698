import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { isNetworkMember } from '../designations-queries.ts';
import { designations } from '../schema.ts';
import { checkDetails, type DesignationDetails, detailColumns, setSpecialisms } from './designation-input.ts';

export interface CreateDesignationInput extends DesignationDetails {
  networkId: string;
  personId: string;
}

/** A network admin designates one of the network's members, with their specialisms and term. */
export async function createDesignation(ctx: CommandContext, input: CreateDesignationInput) {
  if (!(await isNetworkMember(ctx.db, input.networkId, input.personId))) throw invalidField('personId', 'Select a member of this network');
  const ids = await checkDetails(ctx.db, input.networkId, input);
  const [row] = await ctx.db
    .insert(designations)
    .values({ networkId: input.networkId, personId: input.personId, ...detailColumns(input) })
    .returning();
  await setSpecialisms(ctx.db, row!.id, ids);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'designation.created',
    subjectType: 'designation',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { personId: input.personId, ...detailColumns(input), specialismIds: ids },
  });
  return row!;
}
