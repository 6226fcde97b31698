import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.ts';
import type { CommandContext } from '../../commands.ts';
import { notFound } from '../../http/errors.ts';
import { apiTokens } from '../schema.ts';

/** Revoke one of the actor's tokens (any token for the operator). Someone else's token is "not found". */
export async function revokeApiToken(ctx: CommandContext, input: { tokenId: string }): Promise<{ revoked: boolean }> {
  const [token] = await ctx.db.select().from(apiTokens).where(eq(apiTokens.id, input.tokenId)).for('update');
  if (!token || (ctx.actor.kind === 'person' && token.personId !== ctx.actor.personId)) throw notFound('Token');
  if (token.revokedAt) return { revoked: false };
  await ctx.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, token.id), isNull(apiTokens.revokedAt)));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'token.revoked',
    subjectType: 'api_token',
    subjectId: token.id,
    detail: { personId: token.personId, name: token.name, prefix: token.prefix },
  });
  return { revoked: true };
}
