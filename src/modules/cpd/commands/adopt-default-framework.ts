import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { developmentOptions, leadershipQualities } from '../development-schema.ts';
import { defaultFramework, defaultOptions } from '../leadership-domain.ts';
import { countQualities } from '../leadership-queries.ts';

/** Give a network with no framework yet the default framework and menu, to edit from there. */
export async function adoptDefaultFramework(ctx: CommandContext, input: { networkId: string }) {
  if ((await countQualities(ctx.db, input.networkId)) > 0) throw conflict('framework', 'The network already has a framework');
  const qualities = await ctx.db
    .insert(leadershipQualities)
    .values(defaultFramework.map((q, position) => ({ networkId: input.networkId, position, ...q })))
    .returning();
  const byName = new Map(qualities.map((q) => [q.name, q.id]));
  await ctx.db.insert(developmentOptions).values(
    defaultOptions.map(({ quality, ...o }) => ({
      networkId: input.networkId,
      ...o,
      qualityId: quality ? (byName.get(quality) ?? null) : null,
    })),
  );
  await recordAudit(ctx.db, ctx.actor, {
    action: 'leadership.framework_adopted',
    subjectType: 'leadership_framework',
    networkId: input.networkId,
    detail: { qualities: qualities.length, options: defaultOptions.length },
  });
  return qualities;
}
