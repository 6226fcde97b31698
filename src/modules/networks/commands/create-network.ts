import { recordAudit } from '../../../kernel/audit/audit.ts';
import { findPersonByEmail } from '../../../kernel/auth/sign-in.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import type { NetworkKind } from '../domain.ts';
import { networks } from '../schema.ts';
import { networkNamedLike, schoolName } from '../settings-queries.ts';
import { addMemberSchool } from './add-member-school.ts';
import { grantRole } from './grant-role.ts';

export interface CreateNetworkInput {
  name: string;
  kind: NetworkKind;
  /** The lead school: it joins the network on `joinedOn`. */
  leadSchoolUrn?: number | undefined;
  /** Someone who already has an account, made the network's first admin. */
  adminEmail?: string | undefined;
  /** yyyy-mm-dd */
  joinedOn: string;
}

/** Start a network (the operator's way, `alliance network create`): its lead school and first admin with it. */
export async function createNetwork(ctx: CommandContext, input: CreateNetworkInput) {
  const nameTaken = () => conflict('name', `A network called ${input.name} already exists`);
  if (await networkNamedLike(ctx.db, input.name)) throw nameTaken();
  if (input.leadSchoolUrn != null && (await schoolName(ctx.db, input.leadSchoolUrn)) == null)
    throw invalidField('leadSchoolUrn', `There is no school with URN ${input.leadSchoolUrn}: import schools first`);
  const admin = input.adminEmail ? await findPersonByEmail(ctx.db, input.adminEmail) : null;
  if (input.adminEmail && !admin)
    throw invalidField('adminEmail', `Nobody has the email ${input.adminEmail}: create them first (alliance user create)`);

  const [network] = await ctx.db
    .insert(networks)
    .values({ name: input.name, kind: input.kind, leadSchoolUrn: input.leadSchoolUrn ?? null })
    .returning()
    .catch(onUniqueViolation('networks_name_lower_uq', nameTaken));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'network.created',
    subjectType: 'network',
    subjectId: network!.id,
    networkId: network!.id,
    detail: { name: input.name, kind: input.kind, leadSchoolUrn: input.leadSchoolUrn ?? null },
  });
  if (input.leadSchoolUrn != null) {
    await addMemberSchool(ctx, { networkId: network!.id, urn: input.leadSchoolUrn, joinedOn: input.joinedOn });
  }
  if (admin) await grantRole(ctx, { networkId: network!.id, personId: admin.id, role: 'network_admin' });
  return { network: network!, adminId: admin?.id ?? null };
}
