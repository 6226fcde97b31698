import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { networkSchools, schools } from '../networks/schema.ts';
import { defaultPaymentModel, type PaymentModel } from './money-domain.ts';
import { paymentModels, supportTargets, supportVouchers } from './money-schema.ts';

/** The network's payment model, or the defaults when it has not set one. */
export async function paymentModelOf(db: Db, networkId: string): Promise<PaymentModel & { saved: boolean }> {
  const [row] = await db.select().from(paymentModels).where(eq(paymentModels.networkId, networkId));
  if (!row) return { ...defaultPaymentModel, saved: false };
  const { networkId: _n, updatedAt: _u, updatedBy: _b, hoursPerDay, ...rest } = row;
  return { ...rest, hoursPerDay: Number(hoursPerDay), saved: true };
}

export function listVouchers(db: Db, networkId: string) {
  return db
    .select({
      id: supportVouchers.id,
      schoolUrn: supportVouchers.schoolUrn,
      schoolName: schools.name,
      hours: sql<number>`${supportVouchers.hours}::float8`,
      reason: supportVouchers.reason,
      issuedOn: supportVouchers.issuedOn,
      expiresOn: supportVouchers.expiresOn,
      deploymentId: supportVouchers.deploymentId,
      redeemedOn: supportVouchers.redeemedOn,
      redeemedPence: supportVouchers.redeemedPence,
    })
    .from(supportVouchers)
    .innerJoin(schools, eq(schools.urn, supportVouchers.schoolUrn))
    .where(eq(supportVouchers.networkId, networkId))
    .orderBy(desc(supportVouchers.issuedOn), asc(schools.name));
}

export async function listTargets(db: Db, networkId: string) {
  const rows = await db
    .select()
    .from(supportTargets)
    .where(eq(supportTargets.networkId, networkId))
    .orderBy(desc(supportTargets.startYear));
  return rows.map((r) => ({ startYear: r.startYear, days: Number(r.days), incomePence: r.incomePence }));
}

/** The network's current member schools, for choosing who gets a voucher. */
export function memberSchools(db: Db, networkId: string) {
  return db
    .select({ urn: schools.urn, name: schools.name })
    .from(networkSchools)
    .innerJoin(schools, eq(schools.urn, networkSchools.schoolUrn))
    .where(and(eq(networkSchools.networkId, networkId), isNull(networkSchools.leftOn)))
    .orderBy(asc(schools.name));
}
