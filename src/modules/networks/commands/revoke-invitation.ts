import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { invitations } from '../schema.ts';

/** Stop an invitation's link from working. Only a pending (unanswered) invitation can be revoked. */
export async function revokeInvitation(ctx: CommandContext, input: { invitationId: string }) {
  const [row] = await ctx.db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, input.invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  if (!row) throw conflict('invitation', 'That invitation has already been accepted or revoked');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'invitation.revoked',
    subjectType: 'invitation',
    subjectId: row.id,
    networkId: row.networkId,
    detail: { email: row.email, role: row.role },
  });
  return row;
}
