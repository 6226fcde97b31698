import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { pathwayItems } from '../development-schema.ts';
import type { PathwayStatus } from '../leadership-domain.ts';

/** The leader marks progress on an item of their pathway. */
export async function updatePathwayItem(ctx: CommandContext, input: { item: typeof pathwayItems.$inferSelect; status: PathwayStatus }) {
  await ctx.db.update(pathwayItems).set({ status: input.status }).where(eq(pathwayItems.id, input.item.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'pathway.item_updated',
    subjectType: 'pathway_item',
    subjectId: input.item.id,
    networkId: input.item.networkId,
    detail: { status: input.status },
  });
}
