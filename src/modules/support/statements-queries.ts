import { and, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { networkSchools, people, schools } from '../networks/schema.ts';
import { deploymentDayLogs, deployments } from './brokerage-schema.ts';
import { supportVouchers } from './money-schema.ts';
import type { DeploymentForCharging } from './statements-domain.ts';

const paying = alias(schools, 'paying_school');
const supported = alias(schools, 'supported_school');
const releasing = alias(schools, 'releasing_school');

/** Every chargeable deployment of the network with its logged days (declined and cancelled ones log none). */
export async function deploymentsForCharging(db: Db, networkId: string): Promise<DeploymentForCharging[]> {
  const rows = await db
    .select({
      id: deployments.id,
      payingSchoolUrn: deployments.payingSchoolUrn,
      payingSchoolName: paying.name,
      member: sql<boolean>`exists (select 1 from ${networkSchools} where ${networkSchools.networkId} = ${deployments.networkId} and ${networkSchools.schoolUrn} = ${deployments.payingSchoolUrn} and ${networkSchools.leftOn} is null)`,
      tier: deployments.tier,
      kind: deployments.kind,
      dayRatePence: deployments.dayRatePence,
      feeKind: deployments.feeKind,
      feeValue: deployments.feeValue,
      vatBasisPoints: deployments.vatBasisPoints,
      leaderName: people.fullName,
      releasingSchoolUrn: people.schoolUrn,
      releasingSchoolName: releasing.name,
      supportedSchoolName: supported.name,
    })
    .from(deployments)
    .innerJoin(people, eq(people.id, deployments.leaderId))
    .innerJoin(paying, eq(paying.urn, deployments.payingSchoolUrn))
    .innerJoin(supported, eq(supported.urn, deployments.schoolUrn))
    .leftJoin(releasing, eq(releasing.urn, people.schoolUrn))
    .where(and(eq(deployments.networkId, networkId), notInArray(deployments.status, ['declined', 'cancelled'])));
  if (rows.length === 0) return [];
  const days = await db
    .select({ deploymentId: deploymentDayLogs.deploymentId, workedOn: deploymentDayLogs.workedOn, halfDays: deploymentDayLogs.halfDays })
    .from(deploymentDayLogs)
    .where(
      inArray(
        deploymentDayLogs.deploymentId,
        rows.map((r) => r.id),
      ),
    );
  const redeemed = await db
    .select({
      id: supportVouchers.id,
      deploymentId: supportVouchers.deploymentId,
      hours: sql<number>`${supportVouchers.hours}::float8`,
      pence: supportVouchers.redeemedPence,
    })
    .from(supportVouchers)
    .where(and(eq(supportVouchers.networkId, networkId), isNotNull(supportVouchers.deploymentId)));
  const byDeployment = new Map<string, { workedOn: string; halfDays: number }[]>();
  for (const d of days)
    byDeployment.set(d.deploymentId, [...(byDeployment.get(d.deploymentId) ?? []), { workedOn: d.workedOn, halfDays: d.halfDays }]);
  const vouchersOf = new Map<string, { id: string; hours: number; pence: number }[]>();
  for (const v of redeemed)
    vouchersOf.set(v.deploymentId!, [...(vouchersOf.get(v.deploymentId!) ?? []), { id: v.id, hours: v.hours, pence: v.pence ?? 0 }]);
  return rows.map(({ kind, dayRatePence, feeKind, feeValue, vatBasisPoints, ...r }) => ({
    ...r,
    diagnostic: kind === 'diagnostic',
    price:
      dayRatePence !== null && feeKind !== null && feeValue !== null && vatBasisPoints !== null
        ? { dayRatePence, feeKind, feeValue, vatBasisPoints }
        : null,
    days: byDeployment.get(r.id) ?? [],
    vouchers: vouchersOf.get(r.id) ?? [],
  }));
}

export async function schoolName(db: Db, urn: number) {
  const [row] = await db.select({ name: schools.name }).from(schools).where(eq(schools.urn, urn));
  return row?.name ?? null;
}
