import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Role } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { memberships } from '../schema.ts';

export interface GrantRoleInput {
  networkId: string;
  personId: string;
  role: Role;
}

/** Give a person a role in a network. Returns the new membership, or null when they already hold it. */
export async function grantRole(ctx: CommandContext, input: GrantRoleInput): Promise<{ membershipId: string } | null> {
  const [row] = await ctx.db
    .insert(memberships)
    .values({ networkId: input.networkId, personId: input.personId, role: input.role })
    .onConflictDoNothing()
    .returning({ id: memberships.id });
  if (!row) return null;
  await recordAudit(ctx.db, ctx.actor, {
    action: 'role.granted',
    subjectType: 'membership',
    subjectId: row.id,
    networkId: input.networkId,
    detail: { personId: input.personId, role: input.role },
  });
  return { membershipId: row.id };
}
