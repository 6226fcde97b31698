import { and, asc, count, desc, eq, gte, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { networks, people, schools } from '../networks/schema.ts';
import { deployments } from '../support/brokerage-schema.ts';
import { lpCertificates, lpSupportDays } from './outcomes-schema.ts';

const certificateColumns = {
  id: lpCertificates.id,
  publicId: lpCertificates.publicId,
  networkId: lpCertificates.networkId,
  networkName: networks.name,
  personId: lpCertificates.personId,
  email: people.email,
  candidateId: lpCertificates.candidateId,
  submissionId: lpCertificates.submissionId,
  holderName: lpCertificates.holderName,
  frameworkName: lpCertificates.frameworkName,
  issuedOn: lpCertificates.issuedOn,
  expiresOn: lpCertificates.expiresOn,
  reminderSentAt: lpCertificates.reminderSentAt,
};

const certificates = (db: Db) =>
  db
    .select(certificateColumns)
    .from(lpCertificates)
    .innerJoin(networks, eq(networks.id, lpCertificates.networkId))
    .innerJoin(people, eq(people.id, lpCertificates.personId));

export async function findCertificate(db: Db, certificateId: string) {
  const [row] = await certificates(db).where(sql`${lpCertificates.id}::text = ${certificateId}`);
  return row ?? null;
}
export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

/** The public view of a certificate by the id printed on it: name, framework, dates and nothing else. */
export async function findPublicCertificate(db: Db, publicId: string) {
  const [row] = await db
    .select({
      holderName: lpCertificates.holderName,
      frameworkName: lpCertificates.frameworkName,
      issuedOn: lpCertificates.issuedOn,
      expiresOn: lpCertificates.expiresOn,
    })
    .from(lpCertificates)
    .where(eq(lpCertificates.publicId, publicId));
  return row ?? null;
}

/** A network's certificates (or one holder's), newest first. */
export async function listCertificates(db: Db, networkId: string, holderId: string | null, paging: { page: number; perPage: number }) {
  const where = and(eq(lpCertificates.networkId, networkId), holderId ? eq(lpCertificates.personId, holderId) : undefined);
  const [rows, [total]] = await Promise.all([
    certificates(db)
      .where(where)
      .orderBy(desc(lpCertificates.issuedOn), asc(lpCertificates.holderName))
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage),
    db.select({ n: count() }).from(lpCertificates).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Certificates due their one expiry reminder: ending between today and `until`, not yet reminded. */
export const certificatesDueReminder = (db: Db, today: string, until: string) =>
  certificates(db).where(
    and(isNull(lpCertificates.reminderSentAt), gte(lpCertificates.expiresOn, today), lte(lpCertificates.expiresOn, until)),
  );

/** Days logged against a certificate, newest first, with the supported school's name. */
export async function supportDaysOf(db: Db, certificateId: string) {
  return db
    .select({
      id: lpSupportDays.id,
      givenOn: lpSupportDays.givenOn,
      academicYear: lpSupportDays.academicYear,
      days: lpSupportDays.days,
      kind: lpSupportDays.kind,
      schoolName: schools.name,
      note: lpSupportDays.note,
      deploymentId: lpSupportDays.deploymentId,
    })
    .from(lpSupportDays)
    .leftJoin(schools, eq(schools.urn, lpSupportDays.schoolUrn))
    .where(eq(lpSupportDays.certificateId, certificateId))
    .orderBy(desc(lpSupportDays.givenOn), desc(lpSupportDays.createdAt));
}

/** Days already logged for a certificate in an academic year (as a number of days). */
export async function daysLoggedInYear(db: Db, certificateId: string, academicYear: number, where?: SQL) {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${lpSupportDays.days}), 0)` })
    .from(lpSupportDays)
    .where(and(eq(lpSupportDays.certificateId, certificateId), eq(lpSupportDays.academicYear, academicYear), where));
  return Number(row?.total ?? 0);
}

/** The holder's support deployments in the network (the support module's), to log days given under one. */
export async function deploymentsOfHolder(db: Db, networkId: string, personId: string) {
  return db
    .select({ id: deployments.id, startsOn: deployments.startsOn, schoolName: schools.name })
    .from(deployments)
    .innerJoin(schools, eq(schools.urn, deployments.schoolUrn))
    .where(and(eq(deployments.networkId, networkId), eq(deployments.leaderId, personId)))
    .orderBy(desc(deployments.startsOn));
}
