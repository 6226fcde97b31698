import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { trioMembers, trioSignups } from '../development-schema.ts';
import type { SignupRow } from '../trios-queries.ts';

/** Withdraw a sign-up that is not yet in a trio (once placed, the admin changes the trio instead). */
export async function withdrawTrioSignup(ctx: CommandContext, input: { signup: SignupRow }) {
  const [placed] = await ctx.db.select().from(trioMembers).where(eq(trioMembers.signupId, input.signup.id));
  if (placed) throw conflict('signup', 'You are already in a trio: ask your network admin to change it');
  if (input.signup.withdrawnAt) return;
  await ctx.db.update(trioSignups).set({ withdrawnAt: new Date() }).where(eq(trioSignups.id, input.signup.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.signup_withdrawn',
    subjectType: 'trio_signup',
    subjectId: input.signup.id,
    networkId: input.signup.networkId,
  });
}
