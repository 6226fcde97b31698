import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, HttpError, invalidField } from '../../../kernel/http/errors.ts';
import { deploymentStatusEvents, deployments } from '../brokerage-schema.ts';
import { assertFits, isReleaseDaysViolation, lockCapacity } from '../deployments-capacity.ts';
import { mailParties } from '../deployments-changes.ts';
import { findDeployment } from '../deployments-queries.ts';
import { exclusionReasons } from '../matching-domain.ts';
import { dateRangeIssues, daysIssue, schoolYearLabel, schoolYearOf } from '../requests-domain.ts';
import { matchCandidates, matchRequestOf, type RequestRow } from '../requests-queries.ts';
import { reachKmOf } from '../settings-queries.ts';

export interface ProposeDeploymentInput {
  request: RequestRow;
  designationId: string;
  /** Defaults to the request's days and preferred dates. */
  days?: number | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
}

/**
 * The broker proposes a leader for a request. The hard rules of matching apply (never the leader's own
 * school, a current designation, the specialism, within the network's reach), and the leader's release days are checked with their
 * designation row locked, so two brokers cannot both take the same last days.
 */
export async function proposeDeployment(ctx: CommandContext, input: ProposeDeploymentInput) {
  const r = input.request;
  if (r.status !== 'open') throw conflict('designationId', 'This request is no longer open');
  if (r.deploymentId) throw conflict('designationId', 'This request already has a deployment; decline or cancel it first');
  const days = input.days ?? Number(r.days);
  const startsOn = input.startsOn ?? r.preferredStartOn;
  const endsOn = input.endsOn ?? r.preferredEndOn;
  const issues = [daysIssue('days', days), ...dateRangeIssues(startsOn, endsOn)].filter((i) => i !== null);
  if (issues.length) throw new HttpError(400, 'Invalid request', issues[0]!.message, issues);
  const schoolYear = schoolYearOf(startsOn);

  const candidate = (await matchCandidates(ctx.db, r.networkId, schoolYear)).find((c) => c.designationId === input.designationId);
  if (!candidate) throw invalidField('designationId', 'Choose a leader designated by this network');
  const rules = exclusionReasons(
    { ...(await matchRequestOf(ctx.db, r)), days: 0, startsOn },
    candidate,
    await reachKmOf(ctx.db, r.networkId),
  );
  if (rules.length) throw conflict('designationId', `${candidate.fullName} cannot be proposed: ${rules.join('; ')}`);

  const capacity = await lockCapacity(ctx.db, candidate.designationId, schoolYear);
  assertFits(capacity, days);
  const [row] = await ctx.db
    .insert(deployments)
    .values({
      networkId: r.networkId,
      requestId: r.id,
      designationId: candidate.designationId,
      leaderId: candidate.personId,
      schoolUrn: r.schoolUrn,
      payingSchoolUrn: r.schoolUrn,
      kind: r.kind === 'diagnostic' ? 'diagnostic' : 'support',
      tier: candidate.kind,
      objectives: r.objectives,
      days: String(days),
      startsOn,
      endsOn,
      schoolYear,
      proposedBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
    })
    .returning()
    .catch(
      onUniqueViolation('deployments_request_live_uq', () =>
        conflict('designationId', 'Another broker has just proposed someone for this request'),
      ),
    )
    .catch((err) => {
      if (isReleaseDaysViolation(err))
        throw conflict('days', `${candidate.fullName}'s release days for ${schoolYearLabel(schoolYear)} are used up`);
      throw err;
    });
  const actorId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  await ctx.db
    .insert(deploymentStatusEvents)
    .values({ deploymentId: row!.id, fromStatus: null, toStatus: 'proposed', event: 'propose', actorId });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'deployment.proposed',
    subjectType: 'deployment',
    subjectId: row!.id,
    networkId: r.networkId,
    detail: { requestId: r.id, designationId: candidate.designationId, leaderId: candidate.personId, days, startsOn, endsOn },
  });
  const d = (await findDeployment(ctx.db, row!.id))!;
  await mailParties(
    ctx,
    d,
    `Proposed: ${d.leaderName} to support ${d.schoolName}`,
    `${d.leaderName} has been proposed for ${days} ${days === 1 ? 'day' : 'days'} of support at ${d.schoolName}, ${startsOn} to ${endsOn}. ` +
      'The leader consents, their own school releases them, then the school agrees the deployment.',
  );
  return d;
}
