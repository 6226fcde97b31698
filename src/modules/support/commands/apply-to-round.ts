import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { isUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, type FieldIssue, forbidden, HttpError } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { people } from '../../networks/schema.ts';
import { designationKindShort } from '../domain.ts';
import { eligibilityIssues, roundPhase } from '../rounds-domain.ts';
import { applicationLink, mailHeads, mailPerson } from '../rounds-mail.ts';
import type { RoundDetail } from '../rounds-queries.ts';
import { designationApplicationSpecialisms, designationApplicationStatements, designationApplications } from '../rounds-schema.ts';

export interface ApplyInput {
  round: RoundDetail;
  phase: Phase;
  leadershipYears: number;
  specialismIds: string[];
  /** The statement against each criterion, by criterion id. */
  statements: Record<string, string>;
}

/** A member applies to an open round for themself; their headteacher is asked to endorse. */
export async function applyToRound(ctx: CommandContext, input: ApplyInput) {
  const { round } = input;
  const personId = actorPersonId(ctx.actor);
  if (!personId) throw forbidden('Only a person can apply.');
  const [person] = await ctx.db.select().from(people).where(eq(people.id, personId));
  if (roundPhase(round, todayIso()) !== 'open') throw conflict('round', 'This round is not open for applications');
  if (!person?.schoolUrn) throw conflict('round', 'Your profile has no school: your headteacher needs to endorse your application');
  const issues: FieldIssue[] = eligibilityIssues(round.kind, { leadershipYears: input.leadershipYears, level: person.leadershipLevel });
  if (!round.phases.includes(input.phase)) issues.push({ path: 'phase', message: 'Choose one of the phases this round targets' });
  const ids = [...new Set(input.specialismIds)];
  if (ids.length === 0) issues.push({ path: 'specialismIds', message: 'Select at least one specialism' });
  else if (round.specialismIds.length && ids.some((id) => !round.specialismIds.includes(id)))
    issues.push({ path: 'specialismIds', message: 'Select specialisms this round targets' });
  for (const c of round.criteria)
    if (!input.statements[c.id]?.trim()) issues.push({ path: `statement-${c.position}`, message: `Write your statement for “${c.title}”` });
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);

  let application: typeof designationApplications.$inferSelect;
  try {
    [application] = (await ctx.db
      .insert(designationApplications)
      .values({
        networkId: round.networkId,
        roundId: round.id,
        personId,
        schoolUrn: person.schoolUrn,
        phase: input.phase,
        leadershipYears: String(input.leadershipYears),
      })
      .returning()) as [typeof application];
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('round', 'You have already applied to this round');
    throw err;
  }
  await ctx.db
    .insert(designationApplicationSpecialisms)
    .values(ids.map((specialismId) => ({ applicationId: application.id, specialismId })));
  await ctx.db
    .insert(designationApplicationStatements)
    .values(round.criteria.map((c) => ({ applicationId: application.id, criterionId: c.id, statement: input.statements[c.id]!.trim() })));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'application.submitted',
    subjectType: 'designation_application',
    subjectId: application.id,
    networkId: round.networkId,
    detail: { roundId: round.id, phase: input.phase, specialismIds: ids },
  });
  const link = applicationLink(ctx, application);
  const kind = designationKindShort[round.kind];
  await mailHeads(
    ctx,
    round.networkId,
    person.schoolUrn,
    `Please endorse ${person.fullName}’s ${kind} application`,
    `${person.fullName} has applied in “${round.title}”. Please endorse the application and confirm how many days a year you will release them, or say why you cannot.`,
    link,
  );
  await mailPerson(
    ctx,
    person,
    `Your ${kind} application has been sent`,
    `Thank you for applying in “${round.title}”. Your headteacher has been asked to endorse it.`,
    link,
  );
  return application;
}
