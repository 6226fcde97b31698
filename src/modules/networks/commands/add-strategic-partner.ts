import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { strategicPartners } from '../schema.ts';
import type { StrategicPartnerKind } from '../settings-domain.ts';
import { strategicPartnerNamed } from '../settings-queries.ts';

export interface AddStrategicPartnerInput {
  networkId: string;
  name: string;
  kind: StrategicPartnerKind;
}

/** A university, local authority or other organisation the network works with. Names are unique within a network. */
export async function addStrategicPartner(ctx: CommandContext, input: AddStrategicPartnerInput) {
  const listed = () => conflict('partnerName', `${input.name} is already a strategic partner of this network`);
  if (await strategicPartnerNamed(ctx.db, input.networkId, input.name)) throw listed();
  const [row] = await ctx.db
    .insert(strategicPartners)
    .values(input)
    .returning()
    .catch(onUniqueViolation('strategic_partners_name_uq', listed));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'strategic_partner.added',
    subjectType: 'strategic_partner',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { name: input.name, kind: input.kind },
  });
  return row!;
}
