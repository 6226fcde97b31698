import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { memberSchools } from '../money-queries.ts';
import { supportVouchers } from '../money-schema.ts';

export interface VoucherInput {
  networkId: string;
  schoolUrn: number;
  hours: number;
  reason: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** Give a member school free hours of support (e.g. won at a marketplace event). */
export async function issueVoucher(ctx: CommandContext, input: VoucherInput) {
  if (!(await memberSchools(ctx.db, input.networkId)).some((s) => s.urn === input.schoolUrn))
    throw invalidField('schoolUrn', 'Choose a member school of this network');
  if (input.expiresOn && input.expiresOn < input.issuedOn)
    throw invalidField('expiresOn', 'The expiry date must be on or after the date it was given');
  const [row] = await ctx.db
    .insert(supportVouchers)
    .values({ ...input, hours: String(input.hours), issuedBy: actorPersonId(ctx.actor) })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'voucher.issued',
    subjectType: 'support_voucher',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { schoolUrn: input.schoolUrn, hours: input.hours, reason: input.reason },
  });
  return row!;
}
