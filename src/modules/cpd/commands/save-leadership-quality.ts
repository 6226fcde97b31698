import { and, eq, max } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { leadershipQualities } from '../development-schema.ts';
import type { QualityDraft } from '../leadership-domain.ts';
import type { QualityRow } from '../leadership-queries.ts';

const sameName = onUniqueViolation('leadership_qualities_name_uq', () =>
  conflict('name', 'The framework already has a quality with this name'),
);

/** Add a quality to the end of the network's framework, or edit one (`quality` given). */
export async function saveLeadershipQuality(ctx: CommandContext, input: QualityDraft & { networkId: string; quality?: QualityRow }) {
  const values = { name: input.name, behaviours: input.behaviours };
  let row: QualityRow;
  if (input.quality) {
    [row] = (await ctx.db
      .update(leadershipQualities)
      .set(values)
      .where(eq(leadershipQualities.id, input.quality.id))
      .returning()
      .catch(sameName)) as [QualityRow];
  } else {
    const [last] = await ctx.db
      .select({ n: max(leadershipQualities.position) })
      .from(leadershipQualities)
      .where(and(eq(leadershipQualities.networkId, input.networkId)));
    [row] = (await ctx.db
      .insert(leadershipQualities)
      .values({ networkId: input.networkId, position: (last?.n ?? -1) + 1, ...values })
      .returning()
      .catch(sameName)) as [QualityRow];
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: input.quality ? 'leadership.quality_updated' : 'leadership.quality_added',
    subjectType: 'leadership_quality',
    subjectId: row.id,
    networkId: input.networkId,
    detail: values,
  });
  return row;
}
