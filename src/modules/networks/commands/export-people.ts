import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { listPeople } from '../people-queries.ts';

/** Every member of a network, for a CSV file. A read of personal data in bulk, so it is audited. */
export async function exportPeople(ctx: CommandContext, input: { networkId: string }) {
  const { rows } = await listPeople(ctx.db, input.networkId, {});
  await recordAudit(ctx.db, ctx.actor, {
    action: 'people.exported',
    subjectType: 'network',
    subjectId: input.networkId,
    networkId: input.networkId,
    detail: { count: rows.length },
  });
  return rows;
}
