import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks, people, schools } from '../networks/schema.ts';
import { deployments } from './brokerage-schema.ts';
import type { FeeKind } from './money-domain.ts';

/**
 * A network's payment model: day rates by tier for member and non-member schools, the one-day diagnostic
 * price, the brokerage fee (basis points of the support charge, or pence per deployment) and VAT.
 * All money in integer pence. A network without a row uses the defaults in money-domain.ts.
 */
export const paymentModels = pgTable(
  'payment_models',
  {
    networkId: uuid('network_id')
      .primaryKey()
      .references(() => networks.id, { onDelete: 'cascade' }),
    sleMemberPence: integer('sle_member_pence').notNull(),
    sleNonMemberPence: integer('sle_non_member_pence').notNull(),
    lleMemberPence: integer('lle_member_pence').notNull(),
    lleNonMemberPence: integer('lle_non_member_pence').notNull(),
    nleMemberPence: integer('nle_member_pence').notNull(),
    nleNonMemberPence: integer('nle_non_member_pence').notNull(),
    diagnosticMemberPence: integer('diagnostic_member_pence').notNull(),
    diagnosticNonMemberPence: integer('diagnostic_non_member_pence').notNull(),
    feeKind: text('fee_kind').$type<FeeKind>().notNull(),
    /** Basis points (1000 = 10%) when the fee is a percentage; pence per deployment when fixed. */
    feeValue: integer('fee_value').notNull(),
    /** Basis points: 2000 = 20%. Zero when the network is not VAT registered. */
    vatBasisPoints: integer('vat_basis_points').notNull(),
    /** Hours in a support day, for turning free hours into money. */
    hoursPerDay: numeric('hours_per_day', { precision: 3, scale: 1 }).notNull(),
    updatedBy: uuid('updated_by').references(() => people.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'payment_models_rates',
      sql`least(${t.sleMemberPence}, ${t.sleNonMemberPence}, ${t.lleMemberPence}, ${t.lleNonMemberPence}, ${t.nleMemberPence}, ${t.nleNonMemberPence}, ${t.diagnosticMemberPence}, ${t.diagnosticNonMemberPence}) >= 0 and greatest(${t.sleMemberPence}, ${t.sleNonMemberPence}, ${t.lleMemberPence}, ${t.lleNonMemberPence}, ${t.nleMemberPence}, ${t.nleNonMemberPence}, ${t.diagnosticMemberPence}, ${t.diagnosticNonMemberPence}) <= 10000000`,
    ),
    check('payment_models_fee_kind', sql`${t.feeKind} in ('percent','fixed')`),
    check(
      'payment_models_fee_value',
      sql`${t.feeValue} >= 0 and (${t.feeKind} <> 'percent' or ${t.feeValue} <= 10000) and ${t.feeValue} <= 10000000`,
    ),
    check('payment_models_vat', sql`${t.vatBasisPoints} between 0 and 10000`),
    check('payment_models_hours', sql`${t.hoursPerDay} > 0 and ${t.hoursPerDay} <= 24`),
  ],
);

/** Free hours of support for a school (seed 004: "two hours' free support" from a marketplace event). */
export const supportVouchers = pgTable(
  'support_vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    hours: numeric('hours', { precision: 4, scale: 1 }).notNull(),
    reason: text('reason').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on'),
    /**
     * Redemption, written once when the paying school agrees a deployment (see redeemVouchers): the
     * deployment whose charges it reduces, the day, and what it is worth at that deployment's agreed rate.
     * A trigger refuses moving a redeemed voucher to another deployment; cancelling the deployment frees it.
     */
    deploymentId: uuid('deployment_id').references(() => deployments.id),
    redeemedOn: date('redeemed_on'),
    redeemedPence: integer('redeemed_pence'),
    issuedBy: uuid('issued_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('support_vouchers_school_idx').on(t.networkId, t.schoolUrn),
    check('support_vouchers_hours', sql`${t.hours} > 0 and ${t.hours} <= 100 and ${t.hours} * 2 = trunc(${t.hours} * 2)`),
    check('support_vouchers_expiry', sql`${t.expiresOn} is null or ${t.expiresOn} >= ${t.issuedOn}`),
    check(
      'support_vouchers_redemption',
      sql`(${t.deploymentId} is null) = (${t.redeemedOn} is null) and (${t.deploymentId} is null) = (${t.redeemedPence} is null) and (${t.redeemedPence} is null or ${t.redeemedPence} >= 0)`,
    ),
    index('support_vouchers_deployment_idx').on(t.deploymentId),
  ],
);

/** What the network aims for in a school year (starting 1 September of `startYear`). */
export const supportTargets = pgTable(
  'support_targets',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    startYear: integer('start_year').notNull(),
    days: numeric('days', { precision: 6, scale: 1 }).notNull(),
    incomePence: integer('income_pence').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.startYear] }),
    check('support_targets_year', sql`${t.startYear} between 2000 and 2100`),
    check('support_targets_values', sql`${t.days} >= 0 and ${t.incomePence} >= 0`),
  ],
);

/**
 * A network's support settings that are not money: `reachKm`, how far (straight line, easting/northing) a
 * leader may travel to a school. A hard rule of matching and allocation (matching-domain.ts). A network
 * without a row uses the defaults in matching-domain.ts.
 */
export const supportSettings = pgTable(
  'support_settings',
  {
    networkId: uuid('network_id')
      .primaryKey()
      .references(() => networks.id, { onDelete: 'cascade' }),
    reachKm: integer('reach_km').notNull().default(50),
    updatedBy: uuid('updated_by').references(() => people.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('support_settings_reach', sql`${t.reachKm} between 1 and 500`)],
);
