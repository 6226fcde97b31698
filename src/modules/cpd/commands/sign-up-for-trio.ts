import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { countUsableSpecialisms } from '../../support/designations-queries.ts';
import { trioSignups } from '../development-schema.ts';

/** A teacher signs themself up for a trio, from their own school, with a phase and a focus. */
export async function signUpForTrio(ctx: CommandContext, input: { networkId: string; phase: Phase; focusId: string }) {
  if (ctx.actor.kind !== 'person') throw invalidField('personId', 'Only a person can sign up for a trio');
  const schoolUrn = ctx.actor.schoolUrn;
  if (!schoolUrn) throw invalidField('focusId', 'Your account has no school: ask your network admin to add it, then sign up');
  if ((await countUsableSpecialisms(ctx.db, input.networkId, [input.focusId])) !== 1)
    throw invalidField('focusId', 'Select a focus from the list');
  const [row] = await ctx.db
    .insert(trioSignups)
    .values({ networkId: input.networkId, personId: ctx.actor.personId, schoolUrn, phase: input.phase, focusId: input.focusId })
    .returning()
    .catch(onUniqueViolation('trio_signups_open_uq', () => conflict('focusId', 'You have already signed up for a trio')));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.signed_up',
    subjectType: 'trio_signup',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { phase: input.phase, focusId: input.focusId, schoolUrn },
  });
  return row!;
}
