import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { trioMembers } from '../development-schema.ts';
import { findSignup, membersOf, type TrioView } from '../trios-queries.ts';

/** The admin swaps one member of a trio for someone who signed up with the same phase and focus. */
export async function replaceTrioMember(ctx: CommandContext, input: { trio: TrioView; personId: string; signupId: string }) {
  const members = await membersOf(ctx.db, [input.trio.id]);
  const leaving = members.find((m) => m.personId === input.personId);
  if (!leaving) throw invalidField('personId', 'Select a member of this trio');
  const signup = await findSignup(ctx.db, input.signupId);
  if (!signup || signup.networkId !== input.trio.networkId || signup.withdrawnAt)
    throw invalidField('signupId', 'Select someone who has signed up');
  if (signup.phase !== input.trio.phase || signup.focusId !== input.trio.focusId)
    throw conflict('signupId', 'Choose someone who signed up with the trio’s phase and focus');
  const staying = members.filter((m) => m !== leaving);
  if (staying.some((m) => m.schoolUrn === signup.schoolUrn))
    throw conflict('signupId', 'A trio has three different schools: this school is already in it');
  if (signup.personId === input.trio.slePersonId) throw conflict('signupId', 'The trio’s SLE cannot also be a member');
  await ctx.db.delete(trioMembers).where(and(eq(trioMembers.trioId, input.trio.id), eq(trioMembers.personId, leaving.personId)));
  await ctx.db
    .insert(trioMembers)
    .values({
      trioId: input.trio.id,
      signupId: signup.id,
      personId: signup.personId,
      schoolUrn: signup.schoolUrn,
      position: leaving.position,
    })
    .catch(onUniqueViolation('trio_members_signup_uq', () => conflict('signupId', 'That person is already in a trio')));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.member_replaced',
    subjectType: 'trio',
    subjectId: input.trio.id,
    networkId: input.trio.networkId,
    detail: { out: leaving.personId, in: signup.personId },
  });
}
