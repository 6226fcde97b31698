import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import type { Db } from '../../../kernel/db/client.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { developmentOptions, leadershipQualities } from '../development-schema.ts';
import { defaultFramework, defaultOptions } from '../leadership-domain.ts';
import { countQualities } from '../leadership-queries.ts';

/** Write the default framework and menu for a network (the command's work, shared with the demo seed). */
export async function insertDefaultFramework(db: Db, networkId: string) {
  const qualities = await db
    .insert(leadershipQualities)
    .values(defaultFramework.map((q, position) => ({ networkId, position, ...q })))
    .returning();
  const byName = new Map(qualities.map((q) => [q.name, q.id]));
  await db
    .insert(developmentOptions)
    .values(defaultOptions.map(({ quality, ...o }) => ({ networkId, ...o, qualityId: quality ? (byName.get(quality) ?? null) : null })));
  return qualities;
}

/** Give a network with no framework yet the default framework and menu, to edit from there. */
export async function adoptDefaultFramework(ctx: CommandContext, input: { networkId: string }) {
  if ((await countQualities(ctx.db, input.networkId)) > 0) throw conflict('framework', 'The network already has a framework');
  const qualities = await insertDefaultFramework(ctx.db, input.networkId);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'leadership.framework_adopted',
    subjectType: 'leadership_framework',
    networkId: input.networkId,
    detail: { qualities: qualities.length, options: defaultOptions.length },
  });
  return qualities;
}
