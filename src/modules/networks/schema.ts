import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../kernel/auth/actor.ts';
import type { LeadershipLevel, NetworkKind } from './domain.ts';
import type { PartnershipStatus } from './partnerships-domain.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Schools are shared reference data (from GIAS), keyed by the DfE's URN. */
export const schools = pgTable(
  'schools',
  {
    urn: integer('urn').primaryKey(),
    name: text('name').notNull(),
    phase: text('phase'),
    type: text('type'),
    localAuthority: text('local_authority'),
    region: text('region'),
    postcode: text('postcode'),
    easting: integer('easting'),
    northing: integer('northing'),
    ofstedRating: text('ofsted_rating'),
    ofstedDate: date('ofsted_date'),
    isOpen: boolean('is_open').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('schools_name_lower_idx').on(sql`lower(${t.name})`),
    // Name search is `lower(name) like '%term%'`: a trigram index answers it without a scan.
    index('schools_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('schools_la_idx').on(t.localAuthority),
    check('schools_urn_positive', sql`${t.urn} > 0`),
  ],
);

export const networks = pgTable(
  'networks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').$type<NetworkKind>().notNull(),
    leadSchoolUrn: integer('lead_school_urn').references(() => schools.urn),
    createdAt: createdAt(),
  },
  (t) => [
    // Names are how people tell networks apart: two saves at once cannot both take one.
    uniqueIndex('networks_name_lower_uq').on(sql`lower(${t.name})`),
    check('networks_kind_known', sql`${t.kind} in ('teaching_school_alliance','teaching_school_hub','trust','local_authority_network')`),
  ],
);

/** Membership of a school in a network over time; a school may rejoin, so history is kept. */
export const networkSchools = pgTable(
  'network_schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
  },
  (t) => [
    uniqueIndex('network_schools_current_uq').on(t.networkId, t.schoolUrn).where(sql`${t.leftOn} is null`),
    index('network_schools_school_idx').on(t.schoolUrn),
    check('network_schools_dates', sql`${t.leftOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
  ],
);

/** Strategic partners that are not schools: universities, local authorities, others. */
export const strategicPartners = pgTable(
  'strategic_partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('strategic_partners_name_uq').on(t.networkId, sql`lower(${t.name})`),
    check('strategic_partners_kind_known', sql`${t.kind} in ('university','local_authority','other')`),
  ],
);

/**
 * Partnerships between two networks, with their history: one network proposes, the other accepts or
 * declines (or the proposer withdraws); an active partnership lets both see each other's directory and
 * offers until either side ends it. The pair is stored with the smaller id first; a pair has at most one
 * open (proposed or active) row, older rows are kept. `responded_*` is who closed the proposal: accepted,
 * declined or withdrawn. A row set up by an operator (or migrated) has no proposing network.
 */
export const networkPartnerships = pgTable(
  'network_partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkA: uuid('network_a')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    networkB: uuid('network_b')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    status: text('status').$type<PartnershipStatus>().notNull().default('proposed'),
    proposedByNetwork: uuid('proposed_by_network').references(() => networks.id, { onDelete: 'cascade' }),
    proposedBy: uuid('proposed_by').references(() => people.id, { onDelete: 'set null' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    message: text('message'),
    respondedBy: uuid('responded_by').references(() => people.id, { onDelete: 'set null' }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
  },
  (t) => [
    uniqueIndex('network_partnerships_open_uq').on(t.networkA, t.networkB).where(sql`${t.status} in ('proposed','active')`),
    index('network_partnerships_b_idx').on(t.networkB),
    check('network_partnerships_ordered', sql`${t.networkA} < ${t.networkB}`),
    check('network_partnerships_status_known', sql`${t.status} in ('proposed','active','declined','withdrawn','ended')`),
    check(
      'network_partnerships_proposer_in_pair',
      sql`${t.proposedByNetwork} is null or ${t.proposedByNetwork} in (${t.networkA}, ${t.networkB})`,
    ),
    // Started once accepted; an ended partnership has its last day.
    check('network_partnerships_started', sql`${t.status} not in ('active','ended') or ${t.startedOn} is not null`),
    check('network_partnerships_ended', sql`${t.status} <> 'ended' or ${t.endedOn} is not null`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    schoolUrn: integer('school_urn').references(() => schools.urn),
    jobTitle: text('job_title'),
    leadershipLevel: text('leadership_level').$type<LeadershipLevel>(),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_email_uq').on(sql`lower(${t.email})`),
    index('people_school_idx').on(t.schoolUrn),
    check(
      'people_leadership_level_known',
      sql`${t.leadershipLevel} is null or ${t.leadershipLevel} in ('teacher','middle_leader','senior_leader','headteacher','executive_leader')`,
    ),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_uq').on(t.networkId, t.personId, t.role),
    index('memberships_person_idx').on(t.personId),
    check(
      'memberships_role_known',
      sql`${t.role} in ('network_admin','school_leader','system_leader','lp_candidate','mentor','assessor','trainee','participant','he_partner')`,
    ),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    schoolUrn: integer('school_urn').references(() => schools.urn),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => people.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_network_idx').on(t.networkId)],
);

/** Specialism taxonomy: shared reference rows have no network; a network may add its own. */
export const specialisms = pgTable(
  'specialisms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    area: text('area').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('specialisms_code_uq').on(sql`coalesce(${t.networkId}::text, '')`, t.code)],
);

/** A run of the GIAS importer, so that a page can show progress and the rejected rows. */
export const schoolImports = pgTable('school_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  networkId: uuid('network_id').references(() => networks.id, { onDelete: 'set null' }),
  startedBy: uuid('started_by').references(() => people.id, { onDelete: 'set null' }),
  fileName: text('file_name').notNull(),
  status: text('status').notNull().default('running'),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  importedRows: integer('imported_rows').notNull().default(0),
  rejectedRows: integer('rejected_rows').notNull().default(0),
  /** [{line, urn, reason}] */
  rejections: text('rejections').notNull().default('[]'),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
