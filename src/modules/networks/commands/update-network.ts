import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField, notFound } from '../../../kernel/http/errors.ts';
import type { NetworkKind } from '../domain.ts';
import { networks } from '../schema.ts';
import { networkNamedLike, schoolWithMembership } from '../settings-queries.ts';

export interface UpdateNetworkInput {
  networkId: string;
  name: string;
  kind: NetworkKind;
  /** A current member school, or null for none. */
  leadSchoolUrn: number | null;
}

/** Change a network's name, kind and lead school; the audit event lists what changed from what. */
export async function updateNetwork(ctx: CommandContext, input: UpdateNetworkInput) {
  const [before] = await ctx.db.select().from(networks).where(eq(networks.id, input.networkId)).for('update');
  if (!before) throw notFound('Network');
  const nameTaken = () => conflict('name', `Another network is already called ${input.name}`);
  if (await networkNamedLike(ctx.db, input.name, input.networkId)) throw nameTaken();
  if (input.leadSchoolUrn != null && input.leadSchoolUrn !== before.leadSchoolUrn) {
    const school = await schoolWithMembership(ctx.db, input.networkId, input.leadSchoolUrn);
    if (!school) throw invalidField('leadSchoolUrn', `There is no school with URN ${input.leadSchoolUrn}`);
    if (!school.isMember)
      throw invalidField('leadSchoolUrn', `${school.name} (URN ${school.urn}) is not a current member school: add it to the network first`);
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'kind', 'leadSchoolUrn'] as const) {
    if (before[key] !== input[key]) changes[key] = { from: before[key], to: input[key] };
  }
  if (Object.keys(changes).length === 0) return before;
  const [row] = await ctx.db
    .update(networks)
    .set({ name: input.name, kind: input.kind, leadSchoolUrn: input.leadSchoolUrn })
    .where(eq(networks.id, input.networkId))
    .returning()
    .catch(onUniqueViolation('networks_name_lower_uq', nameTaken));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'network.updated',
    subjectType: 'network',
    subjectId: input.networkId,
    networkId: input.networkId,
    detail: { changes },
  });
  return row!;
}
