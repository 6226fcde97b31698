import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { type PersonDataExport, personData } from '../queries.ts';

/** A person's data export (UK GDPR right of access), recorded in the audit log of the network asked from. */
export async function exportPersonData(
  ctx: CommandContext,
  input: { personId: string; networkId: string | null; via: 'page' | 'api' | 'cli' },
): Promise<PersonDataExport> {
  const data = await personData(ctx.db, input.personId);
  if (!data) throw notFound('Person');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'privacy.data_exported',
    subjectType: 'person',
    subjectId: input.personId,
    networkId: input.networkId,
    detail: { via: input.via, tables: Object.keys(data.tables).length },
  });
  return data;
}
