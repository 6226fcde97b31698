import { recordAudit } from '../../audit/audit.ts';
import type { CommandContext } from '../../commands.ts';
import { forbidden } from '../../http/errors.ts';
import { mintApiToken } from '../account-rules.ts';
import { apiTokens } from '../schema.ts';

export interface CreateApiTokenInput {
  personId: string;
  name: string;
}

/** Mint a personal API token. The token itself is returned once and never stored or logged. */
export async function createApiToken(ctx: CommandContext, input: CreateApiTokenInput) {
  // A person mints tokens only for themselves; the operator (CLI) may mint for anyone.
  if (ctx.actor.kind === 'person' && ctx.actor.personId !== input.personId) throw forbidden();
  const { token, tokenHash, prefix } = mintApiToken();
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({ personId: input.personId, name: input.name, tokenHash, prefix })
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'token.created',
    subjectType: 'api_token',
    subjectId: row!.id,
    detail: { personId: input.personId, name: input.name, prefix },
  });
  return { id: row!.id, token, prefix, name: input.name };
}
