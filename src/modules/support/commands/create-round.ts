import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { HttpError } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { countUsableSpecialisms } from '../designations-queries.ts';
import type { DesignationKind } from '../domain.ts';
import { roundIssues } from '../rounds-domain.ts';
import { designationRoundCriteria, designationRoundSpecialisms, designationRounds } from '../rounds-schema.ts';

export interface CreateRoundInput {
  networkId: string;
  title: string;
  kind: DesignationKind;
  phases: Phase[];
  specialismIds: string[];
  opensOn: string;
  closesOn: string;
  termStartsOn: string;
  termEndsOn: string;
  /** The published criteria, in order; each scored 0 to `maxScore`. */
  criteria: string[];
  maxScore: number;
}

/** A network admin opens a designation round with its targets, window, term and published criteria. */
export async function createRound(ctx: CommandContext, input: CreateRoundInput) {
  const issues = roundIssues(input);
  const ids = [...new Set(input.specialismIds)];
  if (ids.length && (await countUsableSpecialisms(ctx.db, input.networkId, ids)) !== ids.length)
    issues.push({ path: 'specialismIds', message: 'Select specialisms from the shared list or this network’s own' });
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  const [round] = await ctx.db
    .insert(designationRounds)
    .values({
      networkId: input.networkId,
      title: input.title,
      kind: input.kind,
      phases: [...new Set(input.phases)],
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      termStartsOn: input.termStartsOn,
      termEndsOn: input.termEndsOn,
    })
    .returning();
  if (ids.length)
    await ctx.db.insert(designationRoundSpecialisms).values(ids.map((specialismId) => ({ roundId: round!.id, specialismId })));
  await ctx.db
    .insert(designationRoundCriteria)
    .values(input.criteria.map((title, i) => ({ roundId: round!.id, position: i + 1, title, maxScore: input.maxScore })));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'round.created',
    subjectType: 'designation_round',
    subjectId: round!.id,
    networkId: input.networkId,
    detail: { title: input.title, kind: input.kind, phases: input.phases, specialismIds: ids, criteria: input.criteria },
  });
  return round!;
}
