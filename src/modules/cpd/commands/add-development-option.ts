import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { developmentOptions } from '../development-schema.ts';
import type { OptionKind } from '../leadership-domain.ts';
import { findQuality } from '../leadership-queries.ts';

export interface DevelopmentOptionInput {
  networkId: string;
  kind: OptionKind;
  title: string;
  description: string | null;
  qualityId: string | null;
}

/** Add an option to the network's menu of development, optionally for one quality of the framework. */
export async function addDevelopmentOption(ctx: CommandContext, input: DevelopmentOptionInput) {
  if (input.qualityId) {
    const quality = await findQuality(ctx.db, input.qualityId);
    if (!quality || quality.networkId !== input.networkId || quality.retiredAt)
      throw invalidField('qualityId', 'Select a quality of this network’s framework');
  }
  const [row] = await ctx.db
    .insert(developmentOptions)
    .values({ ...input, description: input.description ?? '' })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'leadership.option_added',
    subjectType: 'development_option',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { kind: input.kind, title: input.title, qualityId: input.qualityId },
  });
  return row!;
}
