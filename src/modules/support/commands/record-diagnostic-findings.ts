import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { supportRequests } from '../brokerage-schema.ts';
import type { DeploymentRow } from '../deployments-queries.ts';
import { raiseRequest } from './raise-request.ts';

export interface DiagnosticFindingsInput {
  deployment: DeploymentRow;
  findings: string;
  specialismId: string | null;
  phase: Phase;
  objectives: string;
  days: number;
  preferredStartOn: string;
  preferredEndOn: string;
}

/**
 * A diagnostic's findings become the school's request: recorded on the diagnostic request, and a known need
 * raised from them (pointing back with follow_up_of), ready for matching.
 */
export async function recordDiagnosticFindings(ctx: CommandContext, input: DiagnosticFindingsInput) {
  const d = input.deployment;
  if (d.kind !== 'diagnostic') throw conflict('findings', 'Only a diagnostic has findings to record');
  if (d.status !== 'completed' && d.status !== 'evaluated')
    throw conflict('findings', 'Record the findings once the diagnostic is completed');
  const [diagnostic] = await ctx.db.select().from(supportRequests).where(eq(supportRequests.id, d.requestId)).for('update');
  if (diagnostic?.findings) throw conflict('findings', 'The findings of this diagnostic are already recorded');
  const followUp = await raiseRequest(ctx, {
    networkId: d.networkId,
    schoolUrn: d.schoolUrn,
    kind: 'known_need',
    specialismId: input.specialismId,
    phase: input.phase,
    objectives: input.objectives,
    days: input.days,
    preferredStartOn: input.preferredStartOn,
    preferredEndOn: input.preferredEndOn,
    followUpOf: d.requestId,
  });
  await ctx.db.update(supportRequests).set({ findings: input.findings, updatedAt: new Date() }).where(eq(supportRequests.id, d.requestId));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'support_request.findings_recorded',
    subjectType: 'support_request',
    subjectId: d.requestId,
    networkId: d.networkId,
    detail: { followUpId: followUp.id },
  });
  return followUp;
}
