import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Phase } from '../networks/domain.ts';
import { networks, people, schools, specialisms } from '../networks/schema.ts';
import type { DeploymentKind, DeploymentStatus, DeploymentTier, SupportRating } from './deployments-domain.ts';
import type { FeeKind } from './money-domain.ts';
import type { OfferStatus } from './offers-domain.ts';
import type { RequestKind, RequestStatus } from './requests-domain.ts';
import { designations } from './schema.ts';

// Offers, requests and deployments: commissioning and brokerage of school-to-school support.
// Days are numeric(4,1) in whole or half days; drizzle reads them as strings ("3.5").

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const days = (name: string) => numeric(name, { precision: 4, scale: 1 });
const halfDays = (column: unknown) => sql`${column} > 0 and ${column} <= 190 and ${column} * 2 = trunc(${column} * 2)`;
const phaseKnown = (column: unknown) =>
  sql`${column} in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')`;
/** The school year (named by its starting year) of a date: September onwards belongs to that year. */
const schoolYearOf = (column: unknown) =>
  sql`(extract(year from ${column})::int - case when extract(month from ${column}) < 9 then 1 else 0 end)`;
const tierKnown = (column: unknown) => sql`${column} in ('sle','lle','nle','lead_practitioner','ast','lead_mentor')`;

/** The network's menu of support (seed 004, SPELL's list). */
export const supportOffers = pgTable(
  'support_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Optional: lets a request made from the offer be matched like a known need. */
    specialismId: uuid('specialism_id').references(() => specialisms.id, { onDelete: 'set null' }),
    phase: text('phase').$type<Phase>(),
    typicalDays: days('typical_days').notNull(),
    /** Price of the offer as published, in pence; null when priced by the day rates. */
    pricePence: integer('price_pence'),
    status: text('status').$type<OfferStatus>().notNull().default('published'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('support_offers_network_idx').on(t.networkId, t.status),
    check('support_offers_typical_days', halfDays(t.typicalDays)),
    check('support_offers_price', sql`${t.pricePence} is null or ${t.pricePence} >= 0`),
    check('support_offers_phase_known', sql`${t.phase} is null or ${phaseKnown(t.phase)}`),
    check('support_offers_status_known', sql`${t.status} in ('published','withdrawn')`),
  ],
);

/** The people who provide an offer. */
export const supportOfferProviders = pgTable(
  'support_offer_providers',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => supportOffers.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.personId] }), index('support_offer_providers_person_idx').on(t.personId)],
);

/**
 * A school's request for support. A known need names its specialism; a diagnostic may not (its findings,
 * recorded at the end, become a follow-up request that points back with `follow_up_of`).
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** The school that needs the support. */
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    kind: text('kind').$type<RequestKind>().notNull(),
    offerId: uuid('offer_id').references(() => supportOffers.id, { onDelete: 'set null' }),
    specialismId: uuid('specialism_id').references(() => specialisms.id, { onDelete: 'set null' }),
    phase: text('phase').$type<Phase>().notNull(),
    objectives: text('objectives').notNull(),
    days: days('days').notNull(),
    preferredStartOn: date('preferred_start_on').notNull(),
    preferredEndOn: date('preferred_end_on').notNull(),
    status: text('status').$type<RequestStatus>().notNull().default('open'),
    /** What a diagnostic found; set when the diagnostic is done. */
    findings: text('findings'),
    followUpOf: uuid('follow_up_of').references((): AnyPgColumn => supportRequests.id, { onDelete: 'set null' }),
    raisedBy: uuid('raised_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('support_requests_network_idx').on(t.networkId, t.status),
    index('support_requests_school_idx').on(t.schoolUrn),
    check('support_requests_kind_known', sql`${t.kind} in ('known_need','diagnostic','offer')`),
    check('support_requests_status_known', sql`${t.status} in ('open','closed','withdrawn')`),
    check('support_requests_phase_known', phaseKnown(t.phase)),
    check('support_requests_days', halfDays(t.days)),
    check('support_requests_dates', sql`${t.preferredEndOn} >= ${t.preferredStartOn}`),
    check('support_requests_offer', sql`${t.kind} <> 'offer' or ${t.offerId} is not null`),
    check('support_requests_need_specialism', sql`${t.kind} <> 'known_need' or ${t.specialismId} is not null`),
  ],
);

/**
 * A system leader deployed (under one of their designations) to meet a request. Days in every status but
 * declined and cancelled count against the designation's release days for the school year: a constraint
 * trigger (migration 0005+) refuses any write that takes the year's total over, after locking the designation row.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id),
    /** The leader deployed (the designation's person, kept here for their own lists and calendar). */
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => people.id),
    /** The supported school. */
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    /** Who pays: the supported school unless agreed otherwise. */
    payingSchoolUrn: integer('paying_school_urn')
      .notNull()
      .references(() => schools.urn),
    kind: text('kind').$type<DeploymentKind>().notNull().default('support'),
    tier: text('tier').$type<DeploymentTier>().notNull(),
    status: text('status').$type<DeploymentStatus>().notNull().default('proposed'),
    objectives: text('objectives').notNull(),
    days: days('days').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** School year the days count in, named by its starting year (2025 = 2025 to 2026). */
    schoolYear: smallint('school_year').notNull(),
    proposedBy: uuid('proposed_by').references(() => people.id, { onDelete: 'set null' }),
    leaderConsentAt: timestamp('leader_consent_at', { withTimezone: true }),
    /** The leader's own headteacher (or another leader of that school) releasing them. */
    releasedBy: uuid('released_by').references(() => people.id, { onDelete: 'set null' }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    agreedBy: uuid('agreed_by').references(() => people.id, { onDelete: 'set null' }),
    agreedAt: timestamp('agreed_at', { withTimezone: true }),
    /**
     * The price agreed, frozen when the school agrees so that later changes to the payment model never
     * re-price it: the day rate (tier, member or not, diagnostic), the brokerage fee and VAT. Null until agreed.
     */
    dayRatePence: integer('day_rate_pence'),
    feeKind: text('fee_kind').$type<FeeKind>(),
    /** Basis points when the fee is a percentage; pence for the deployment when fixed. */
    feeValue: integer('fee_value'),
    vatBasisPoints: integer('vat_basis_points'),
    /** Why it was declined or cancelled. */
    closedReason: text('closed_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deployments_network_idx').on(t.networkId, t.status),
    index('deployments_designation_year_idx').on(t.designationId, t.schoolYear),
    // A school year's live allocations across designations (designation_allocations: days left in searches).
    index('deployments_year_live_idx').on(t.schoolYear, t.designationId).where(sql`${t.status} not in ('declined','cancelled')`),
    index('deployments_leader_idx').on(t.leaderId),
    index('deployments_school_idx').on(t.schoolUrn),
    // One live deployment per request: a declined or cancelled one frees the request for another match.
    uniqueIndex('deployments_request_live_uq').on(t.requestId).where(sql`${t.status} not in ('declined','cancelled')`),
    check('deployments_status_known', sql`${t.status} in ('proposed','agreed','active','completed','evaluated','declined','cancelled')`),
    check('deployments_kind_known', sql`${t.kind} in ('support','diagnostic')`),
    check('deployments_tier_known', tierKnown(t.tier)),
    check('deployments_days', halfDays(t.days)),
    check('deployments_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('deployments_school_year', sql`${t.schoolYear} = ${schoolYearOf(t.startsOn)} and ${t.schoolYear} = ${schoolYearOf(t.endsOn)}`),
    // Agreed only with the leader's consent, their school's release and the supported school's agreement.
    check(
      'deployments_agreed_with_consent',
      sql`${t.status} not in ('agreed','active','completed','evaluated') or (${t.leaderConsentAt} is not null and ${t.releasedAt} is not null and ${t.agreedAt} is not null)`,
    ),
    // Priced once agreed: statements use these, never the payment model of the day.
    check(
      'deployments_priced_when_agreed',
      sql`${t.status} not in ('agreed','active','completed','evaluated') or (${t.dayRatePence} is not null and ${t.feeKind} is not null and ${t.feeValue} is not null and ${t.vatBasisPoints} is not null)`,
    ),
    check(
      'deployments_price_values',
      sql`(${t.dayRatePence} is null or ${t.dayRatePence} between 0 and 10000000) and (${t.feeKind} is null or ${t.feeKind} in ('percent','fixed')) and (${t.feeValue} is null or ${t.feeValue} between 0 and 10000000) and (${t.vatBasisPoints} is null or ${t.vatBasisPoints} between 0 and 10000)`,
    ),
  ],
);

/** Success criteria agreed for a deployment: the baseline at the start, the end measure at evaluation. */
export const deploymentCriteria = pgTable(
  'deployment_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    description: text('description').notNull(),
    baseline: text('baseline').notNull(),
    target: text('target'),
    endMeasure: text('end_measure'),
  },
  (t) => [uniqueIndex('deployment_criteria_position_uq').on(t.deploymentId, t.position)],
);

/** A day (or half day) worked. */
export const deploymentDayLogs = pgTable(
  'deployment_day_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    workedOn: date('worked_on').notNull(),
    /** 1 = half a day, 2 = a full day. */
    halfDays: smallint('half_days').notNull(),
    activity: text('activity').notNull(),
    loggedBy: uuid('logged_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('deployment_day_logs_deployment_idx').on(t.deploymentId, t.workedOn),
    check('deployment_day_logs_half_days', sql`${t.halfDays} in (1, 2)`),
  ],
);

export const deploymentNotes = pgTable(
  'deployment_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => people.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('deployment_notes_deployment_idx').on(t.deploymentId)],
);

export const deploymentMilestones = pgTable(
  'deployment_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    createdAt: createdAt(),
  },
  (t) => [index('deployment_milestones_deployment_idx').on(t.deploymentId, t.dueOn)],
);

/** The impact of a deployment: the school's rating (end measures are on its criteria) and the leader's reflection. */
export const deploymentEvaluations = pgTable(
  'deployment_evaluations',
  {
    deploymentId: uuid('deployment_id')
      .primaryKey()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    schoolRating: text('school_rating').$type<SupportRating>(),
    schoolComment: text('school_comment'),
    schoolEvaluatedBy: uuid('school_evaluated_by').references(() => people.id, { onDelete: 'set null' }),
    schoolEvaluatedAt: timestamp('school_evaluated_at', { withTimezone: true }),
    leaderReflection: text('leader_reflection'),
    leaderReflectedAt: timestamp('leader_reflected_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'deployment_evaluations_rating_known',
      sql`${t.schoolRating} is null or ${t.schoolRating} in ('excellent','good','satisfactory','poor')`,
    ),
  ],
);

/** Every change of a deployment's status, for its timeline. */
export const deploymentStatusEvents = pgTable(
  'deployment_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<DeploymentStatus>(),
    toStatus: text('to_status').$type<DeploymentStatus>().notNull(),
    /** What happened without a change of status too: consent given, release given. */
    event: text('event').notNull(),
    actorId: uuid('actor_id').references(() => people.id, { onDelete: 'set null' }),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deployment_status_events_deployment_idx').on(t.deploymentId, t.at)],
);
