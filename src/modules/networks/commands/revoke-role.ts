import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Role } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { memberships } from '../schema.ts';

export interface RevokeRoleInput {
  networkId: string;
  personId: string;
  role: Role;
}

/** Take a role away. A network always keeps at least one network admin. Returns false when the role was not held. */
export async function revokeRole(ctx: CommandContext, input: RevokeRoleInput): Promise<boolean> {
  if (input.role === 'network_admin') {
    // Lock the admin rows so two admins removing each other at once cannot leave the network with none.
    const admins = await ctx.db
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.networkId, input.networkId), eq(memberships.role, 'network_admin')))
      .for('update');
    if (admins.length === 1 && admins[0]?.personId === input.personId) {
      throw conflict('roles', 'A network must keep at least one network admin: give the role to someone else first');
    }
  }
  const [row] = await ctx.db
    .delete(memberships)
    .where(and(eq(memberships.networkId, input.networkId), eq(memberships.personId, input.personId), eq(memberships.role, input.role)))
    .returning({ id: memberships.id });
  if (!row) return false;
  await recordAudit(ctx.db, ctx.actor, {
    action: 'role.revoked',
    subjectType: 'membership',
    subjectId: row.id,
    networkId: input.networkId,
    detail: { personId: input.personId, role: input.role },
  });
  return true;
}
