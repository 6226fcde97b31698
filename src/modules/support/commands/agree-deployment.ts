import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { conflict, HttpError, invalidField } from '../../../kernel/http/errors.ts';
import { schools } from '../../networks/schema.ts';
import { deploymentCriteria } from '../brokerage-schema.ts';
import { assertFits, isReleaseDaysViolation, lockCapacity } from '../deployments-capacity.ts';
import { changeDeployment } from '../deployments-changes.ts';
import { toHalves } from '../deployments-domain.ts';
import type { DeploymentRow } from '../deployments-queries.ts';
import { agreedPrice, mulDivRound } from '../money-domain.ts';
import { paymentModelOf } from '../money-queries.ts';
import { isMemberSchool, redeemVouchers } from '../money-vouchers.ts';
import { dateRangeIssues, daysIssue, schoolYearOf } from '../requests-domain.ts';

export interface AgreeDeploymentInput {
  deployment: DeploymentRow;
  objectives: string;
  days: number;
  startsOn: string;
  endsOn: string;
  payingSchoolUrn: number;
  criteria: { description: string; baseline: string; target: string | null }[];
}

/**
 * The supported school agrees the deployment once the leader has consented and been released: objectives,
 * success criteria with their baselines, days, dates and who pays. Changed days are checked against the
 * leader's release days under the designation's row lock. The day rate, fee and VAT are frozen on the
 * deployment, and the paying school's valid vouchers are redeemed against it.
 */
export async function agreeDeployment(ctx: CommandContext, input: AgreeDeploymentInput) {
  const d = input.deployment;
  const issues = [daysIssue('days', input.days), ...dateRangeIssues(input.startsOn, input.endsOn)].filter((i) => i !== null);
  if (input.criteria.length === 0) issues.push({ path: 'criteria', message: 'Add at least one success criterion with its baseline' });
  if (issues.length) throw new HttpError(400, 'Invalid request', issues[0]!.message, issues);
  const [payer] = await ctx.db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, input.payingSchoolUrn));
  if (!payer) throw invalidField('payingSchoolUrn', `There is no school with URN ${input.payingSchoolUrn}`);
  const schoolYear = schoolYearOf(input.startsOn);
  assertFits(await lockCapacity(ctx.db, d.designationId, schoolYear, { deploymentId: d.id }), input.days);
  // The price is frozen now: later changes to the payment model never re-price this deployment.
  const model = await paymentModelOf(ctx.db, d.networkId);
  const member = await isMemberSchool(ctx.db, d.networkId, input.payingSchoolUrn);
  const price = agreedPrice(model, d.tier, member, d.kind === 'diagnostic');
  const row = await changeDeployment(ctx, d, 'agree', {
    ...price,
    objectives: input.objectives,
    days: String(input.days),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    schoolYear,
    payingSchoolUrn: input.payingSchoolUrn,
    agreedAt: new Date(),
    agreedBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
  }).catch((err) => {
    if (isReleaseDaysViolation(err)) throw conflict('days', 'The leader’s release days for that school year are used up');
    throw err;
  });
  await redeemVouchers(ctx.db, {
    networkId: d.networkId,
    schoolUrn: input.payingSchoolUrn,
    deploymentId: d.id,
    on: todayIso(),
    dayRatePence: price.dayRatePence,
    hoursPerDay: model.hoursPerDay,
    supportPence: mulDivRound(toHalves(input.days), price.dayRatePence, 2),
  });
  await ctx.db.delete(deploymentCriteria).where(eq(deploymentCriteria.deploymentId, d.id));
  await ctx.db.insert(deploymentCriteria).values(
    input.criteria.map((c, i) => ({
      deploymentId: d.id,
      position: i + 1,
      description: c.description,
      baseline: c.baseline,
      target: c.target,
    })),
  );
  return row;
}
