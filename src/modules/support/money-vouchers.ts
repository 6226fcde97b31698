import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { networkSchools } from '../networks/schema.ts';
import { voucherValuePence } from './money-domain.ts';
import { supportVouchers } from './money-schema.ts';

// Vouchers are spent when the paying school agrees a deployment: the school's vouchers that are valid that
// day are locked (FOR UPDATE, so a second agreement for the same school waits and then finds them taken),
// valued at the deployment's agreed day rate and written to it. The trigger support_vouchers_redeemed_once
// refuses moving a redeemed voucher to another deployment, whatever path writes it.

export interface Redemption {
  networkId: string;
  schoolUrn: number;
  deploymentId: string;
  /** The day it is agreed: vouchers given on or before it and not expired are used. */
  on: string;
  dayRatePence: number;
  hoursPerDay: number;
  /** The most the vouchers may take off: the agreed days at the agreed rate. */
  supportPence: number;
}

/** Redeem the school's valid vouchers against the deployment, oldest first, until its support is covered. */
export async function redeemVouchers(db: Db, r: Redemption) {
  const available = await db
    .select({ id: supportVouchers.id, hours: sql<number>`${supportVouchers.hours}::float8` })
    .from(supportVouchers)
    .where(
      and(
        eq(supportVouchers.networkId, r.networkId),
        eq(supportVouchers.schoolUrn, r.schoolUrn),
        isNull(supportVouchers.deploymentId),
        lte(supportVouchers.issuedOn, r.on),
        or(isNull(supportVouchers.expiresOn), gte(supportVouchers.expiresOn, r.on)),
      ),
    )
    .orderBy(asc(supportVouchers.issuedOn), asc(supportVouchers.id))
    .for('update');
  const redeemed: { id: string; hours: number; pence: number }[] = [];
  let left = r.supportPence;
  for (const v of available) {
    if (left <= 0) break;
    const pence = Math.min(left, voucherValuePence(v.hours, r.dayRatePence, r.hoursPerDay));
    const [row] = await db
      .update(supportVouchers)
      .set({ deploymentId: r.deploymentId, redeemedOn: r.on, redeemedPence: pence })
      .where(and(eq(supportVouchers.id, v.id), isNull(supportVouchers.deploymentId)))
      .returning({ id: supportVouchers.id });
    if (!row) continue;
    redeemed.push({ id: v.id, hours: v.hours, pence });
    left -= pence;
  }
  return redeemed;
}

/** A cancelled deployment charges nothing, so its vouchers go back to the school. */
export async function freeVouchers(db: Db, deploymentId: string) {
  return db
    .update(supportVouchers)
    .set({ deploymentId: null, redeemedOn: null, redeemedPence: null })
    .where(eq(supportVouchers.deploymentId, deploymentId))
    .returning({ id: supportVouchers.id });
}

/** Whether the school is a current member of the network (member rates). */
export async function isMemberSchool(db: Db, networkId: string, urn: number) {
  const [row] = await db
    .select({ urn: networkSchools.schoolUrn })
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, networkId), eq(networkSchools.schoolUrn, urn), isNull(networkSchools.leftOn)));
  return row !== undefined;
}

/** The vouchers redeemed on a deployment, for its page. */
export function vouchersOnDeployment(db: Db, deploymentId: string) {
  return db
    .select({
      id: supportVouchers.id,
      hours: sql<number>`${supportVouchers.hours}::float8`,
      reason: supportVouchers.reason,
      redeemedOn: supportVouchers.redeemedOn,
      redeemedPence: supportVouchers.redeemedPence,
    })
    .from(supportVouchers)
    .where(eq(supportVouchers.deploymentId, deploymentId))
    .orderBy(asc(supportVouchers.issuedOn));
}
