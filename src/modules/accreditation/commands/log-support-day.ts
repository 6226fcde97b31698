import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { sqlState } from '../../../kernel/db/errors.ts';
import { conflict, HttpError, invalidField } from '../../../kernel/http/errors.ts';
import { schools } from '../../networks/schema.ts';
import { deployments } from '../../support/brokerage-schema.ts';
import { type CertificateRow, daysLoggedInYear } from '../certificates-queries.ts';
import { lpCertificates, lpSupportDays } from '../outcomes-schema.ts';
import { academicYearOf, type SupportDayKind, supportDayIssues } from '../support-days-domain.ts';

export interface SupportDayInput {
  certificate: CertificateRow;
  givenOn: string;
  days: number;
  kind: string;
  schoolUrn: number | null;
  note: string | null;
  /** Optional: the support deployment these days were given under. */
  deploymentId: string | null;
}

/**
 * Log support an accredited LP gave: of an allowed kind, within the accreditation, and at most ten days
 * in the academic year. The certificate row is locked first so two logs at once are counted in turn (the
 * database trigger refuses an over-full year whatever writes it).
 */
export async function logSupportDay(ctx: CommandContext, input: SupportDayInput) {
  const { certificate } = input;
  await ctx.db.select({ id: lpCertificates.id }).from(lpCertificates).where(eq(lpCertificates.id, certificate.id)).for('update');
  const academicYear = academicYearOf(input.givenOn);
  const logged = await daysLoggedInYear(ctx.db, certificate.id, academicYear);
  const issues = supportDayIssues(
    { kind: input.kind, days: input.days, on: input.givenOn },
    { accreditedOn: certificate.issuedOn, expiresOn: certificate.expiresOn },
    logged,
  );
  if (input.schoolUrn != null) {
    const [school] = await ctx.db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, input.schoolUrn));
    if (!school) issues.push({ path: 'schoolUrn', message: 'Enter the URN of a school in the register' });
  }
  if (input.deploymentId) {
    const [deployment] = await ctx.db
      .select({ id: deployments.id })
      .from(deployments)
      .where(
        and(
          eq(deployments.id, input.deploymentId),
          eq(deployments.networkId, certificate.networkId),
          eq(deployments.leaderId, certificate.personId),
        ),
      );
    if (!deployment) issues.push({ path: 'deploymentId', message: 'Choose one of this Lead Practitioner’s deployments in this network' });
  }
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  const [row] = await ctx.db
    .insert(lpSupportDays)
    .values({
      certificateId: certificate.id,
      networkId: certificate.networkId,
      personId: certificate.personId,
      givenOn: input.givenOn,
      academicYear,
      days: String(input.days),
      kind: input.kind as SupportDayKind,
      schoolUrn: input.schoolUrn,
      note: input.note,
      deploymentId: input.deploymentId,
      loggedBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
    })
    .returning()
    .catch((err: unknown) => {
      if (sqlState(err) === '23505') throw invalidField('deploymentId', 'Days from this deployment have already been logged');
      if (sqlState(err) === '23514') throw conflict('days', 'At most 10 days of support can be logged in an academic year');
      throw err;
    });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp.support_day.logged',
    subjectType: 'lp_support_day',
    subjectId: row!.id,
    networkId: certificate.networkId,
    detail: { certificateId: certificate.id, givenOn: input.givenOn, days: input.days, kind: input.kind, deploymentId: input.deploymentId },
  });
  return row!;
}
