import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { HttpError, invalidField } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { schools } from '../../networks/schema.ts';
import { supportOffers, supportRequests } from '../brokerage-schema.ts';
import { countUsableSpecialisms } from '../designations-queries.ts';
import { DIAGNOSTIC_DAYS, dateRangeIssues, daysIssue, type RequestKind } from '../requests-domain.ts';

export interface RaiseRequestInput {
  networkId: string;
  schoolUrn: number;
  kind: RequestKind;
  offerId?: string | null | undefined;
  specialismId?: string | null | undefined;
  phase: Phase;
  objectives: string;
  days?: number | null | undefined;
  preferredStartOn: string;
  preferredEndOn: string;
  followUpOf?: string | null | undefined;
}

/**
 * A school commissions support: a known need, a one-day diagnostic, or an offer from the menu. A specialism
 * nobody holds is accepted: the broker sees the request unmatched, with the reason.
 */
export async function raiseRequest(ctx: CommandContext, input: RaiseRequestInput) {
  const [school] = await ctx.db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, input.schoolUrn));
  if (!school) throw invalidField('schoolUrn', `There is no school with URN ${input.schoolUrn}`);
  let days = input.kind === 'diagnostic' ? DIAGNOSTIC_DAYS : input.days;
  let specialismId = input.specialismId ?? null;
  let phase = input.phase;
  if (input.kind === 'offer') {
    const [offer] = input.offerId
      ? await ctx.db
          .select()
          .from(supportOffers)
          .where(
            and(eq(supportOffers.id, input.offerId), eq(supportOffers.networkId, input.networkId), eq(supportOffers.status, 'published')),
          )
      : [];
    if (!offer) throw invalidField('offerId', 'Choose one of the network’s offers');
    days ??= Number(offer.typicalDays);
    specialismId ??= offer.specialismId;
    phase = input.phase ?? offer.phase;
  }
  if (input.kind === 'known_need' && !specialismId) throw invalidField('specialismId', 'Choose the specialism the school needs');
  if (specialismId && (await countUsableSpecialisms(ctx.db, input.networkId, [specialismId])) !== 1)
    throw invalidField('specialismId', 'Choose a specialism from the list');
  const issues = [
    ...(days == null ? [{ path: 'days', message: 'Enter the number of days' }] : [daysIssue('days', days)].filter((i) => i !== null)),
    ...dateRangeIssues(input.preferredStartOn, input.preferredEndOn, { start: 'preferredStartOn', end: 'preferredEndOn' }),
  ];
  if (issues.length) throw new HttpError(400, 'Invalid request', issues[0]!.message, issues);
  const [row] = await ctx.db
    .insert(supportRequests)
    .values({
      networkId: input.networkId,
      schoolUrn: input.schoolUrn,
      kind: input.kind,
      offerId: input.kind === 'offer' ? input.offerId : null,
      specialismId,
      phase,
      objectives: input.objectives,
      days: String(days),
      preferredStartOn: input.preferredStartOn,
      preferredEndOn: input.preferredEndOn,
      followUpOf: input.followUpOf ?? null,
      raisedBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
    })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'support_request.raised',
    subjectType: 'support_request',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { schoolUrn: input.schoolUrn, kind: input.kind, specialismId, days },
  });
  return row!;
}
