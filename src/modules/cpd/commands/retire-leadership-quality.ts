import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { leadershipQualities } from '../development-schema.ts';
import type { QualityRow } from '../leadership-queries.ts';

/** Take a quality out of the framework; 360s that rated it keep their scores. */
export async function retireLeadershipQuality(ctx: CommandContext, input: { quality: QualityRow }) {
  await ctx.db.update(leadershipQualities).set({ retiredAt: new Date() }).where(eq(leadershipQualities.id, input.quality.id));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'leadership.quality_retired',
    subjectType: 'leadership_quality',
    subjectId: input.quality.id,
    networkId: input.quality.networkId,
    detail: { name: input.quality.name },
  });
}
