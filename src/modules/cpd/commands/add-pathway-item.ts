import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { pathwayItems } from '../development-schema.ts';
import { findFeedback } from '../feedback360-queries.ts';
import { findOption } from '../leadership-queries.ts';

/** The leader adds an option from the network's menu to their own pathway (from a 360 report, or not). */
export async function addPathwayItem(ctx: CommandContext, input: { networkId: string; optionId: string; feedbackId: string | null }) {
  const personId = actorPersonId(ctx.actor);
  if (!personId) throw invalidField('personId', 'Only a person has a pathway');
  const option = await findOption(ctx.db, input.optionId);
  if (!option || option.networkId !== input.networkId) throw invalidField('optionId', 'Select an option from the network’s menu');
  if (input.feedbackId) {
    const feedback = await findFeedback(ctx.db, input.feedbackId);
    if (!feedback || feedback.leaderId !== personId || feedback.networkId !== input.networkId)
      throw invalidField('feedbackId', 'Select one of your own 360s');
  }
  const [row] = await ctx.db
    .insert(pathwayItems)
    .values({ networkId: input.networkId, personId, optionId: option.id, feedbackId: input.feedbackId })
    .returning()
    .catch(onUniqueViolation('pathway_items_uq', () => conflict('optionId', `“${option.title}” is already in your pathway`)));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'pathway.item_added',
    subjectType: 'pathway_item',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { optionId: option.id, feedbackId: input.feedbackId },
  });
  return row!;
}
