import { sql } from 'drizzle-orm';
import {
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
import { designations } from '../support/schema.ts';

// Collaborative and leadership development: trios, the leadership framework with 360-degree feedback,
// development pathways and heads' peer review. Programmes, sessions and bookings live in ./schema.ts.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const networkId = () =>
  uuid('network_id')
    .notNull()
    .references(() => networks.id, { onDelete: 'cascade' });
const phaseCheck = (col: unknown) =>
  sql`${col} in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')`;

/** A teacher who wants to join a trio: phase and focus decide whom they can be grouped with. */
export const trioSignups = pgTable(
  'trio_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    phase: text('phase').$type<Phase>().notNull(),
    focusId: uuid('focus_id')
      .notNull()
      .references(() => specialisms.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // One open sign-up per person and network.
    uniqueIndex('trio_signups_open_uq').on(t.networkId, t.personId).where(sql`${t.withdrawnAt} is null`),
    check('trio_signups_phase_known', phaseCheck(t.phase)),
  ],
);

/** Three teachers from three schools, supported by an SLE who gives `sle_days` of their release time. */
export const trios = pgTable(
  'trios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    name: text('name').notNull(),
    phase: text('phase').$type<Phase>().notNull(),
    focusId: uuid('focus_id')
      .notNull()
      .references(() => specialisms.id),
    sleDesignationId: uuid('sle_designation_id').references(() => designations.id, { onDelete: 'set null' }),
    sleDays: numeric('sle_days', { precision: 4, scale: 1 }).notNull().default('2'),
    /** The school year (named by its starting year) whose release days the SLE's days count against: the year it was formed. */
    schoolYear: smallint('school_year')
      .notNull()
      .default(sql`(extract(year from (now() at time zone 'UTC') - interval '8 months'))::smallint`),
    status: text('status').notNull().default('active'),
    evaluation: text('evaluation'),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('trios_network_idx').on(t.networkId),
    index('trios_sle_idx').on(t.sleDesignationId),
    check('trios_status_known', sql`${t.status} in ('active','completed')`),
    check('trios_phase_known', phaseCheck(t.phase)),
    check('trios_sle_days', sql`${t.sleDays} >= 0 and ${t.sleDays} * 2 = trunc(${t.sleDays} * 2)`),
  ],
);

export const trioMembers = pgTable(
  'trio_members',
  {
    trioId: uuid('trio_id')
      .notNull()
      .references(() => trios.id, { onDelete: 'cascade' }),
    signupId: uuid('signup_id')
      .notNull()
      .references(() => trioSignups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trioId, t.personId] }),
    // Three members at most: positions 0, 1 and 2.
    uniqueIndex('trio_members_position_uq').on(t.trioId, t.position),
    check('trio_members_position_range', sql`${t.position} between 0 and 2`),
    // A sign-up is placed in one trio at most; within a trio, each school once.
    uniqueIndex('trio_members_signup_uq').on(t.signupId),
    uniqueIndex('trio_members_school_uq').on(t.trioId, t.schoolUrn),
    index('trio_members_person_idx').on(t.personId),
  ],
);

/** One cycle of the trio's work: reciprocal observation, joint planning or trialling. */
export const trioCycles = pgTable(
  'trio_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    trioId: uuid('trio_id')
      .notNull()
      .references(() => trios.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    heldOn: date('held_on').notNull(),
    notes: text('notes').notNull(),
    recordedBy: uuid('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('trio_cycles_trio_idx').on(t.trioId, t.heldOn),
    check('trio_cycles_kind_known', sql`${t.kind} in ('reciprocal_observation','joint_planning','trialling')`),
  ],
);

/** The network's framework of leadership qualities; each quality lists the behaviours that show it. */
export const leadershipQualities = pgTable(
  'leadership_qualities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    behaviours: text('behaviours').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('leadership_qualities_name_uq').on(t.networkId, sql`lower(${t.name})`).where(sql`${t.retiredAt} is null`)],
);

/** A leader's 360-degree self-evaluation against the framework, open for raters until closed. */
export const feedback360s = pgTable(
  'feedback360s',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    status: text('status').notNull().default('self_rating'),
    createdAt: createdAt(),
  },
  (t) => [
    index('feedback360s_leader_idx').on(t.networkId, t.leaderId),
    check('feedback360s_status_known', sql`${t.status} in ('self_rating','open','closed')`),
  ],
);

export const feedback360SelfScores = pgTable(
  'feedback360_self_scores',
  {
    feedbackId: uuid('feedback_id')
      .notNull()
      .references(() => feedback360s.id, { onDelete: 'cascade' }),
    qualityId: uuid('quality_id')
      .notNull()
      .references(() => leadershipQualities.id),
    score: smallint('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedbackId, t.qualityId] }), check('feedback360_self_scores_range', sql`${t.score} between 1 and 5`)],
);

/** An invited rater: only the hash of the single-use link is kept; `responded_at` spends it. */
export const feedback360Raters = pgTable(
  'feedback360_raters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    feedbackId: uuid('feedback_id')
      .notNull()
      .references(() => feedback360s.id, { onDelete: 'cascade' }),
    relationship: text('relationship').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('feedback360_raters_email_uq').on(t.feedbackId, sql`lower(${t.email})`),
    check('feedback360_raters_relationship_known', sql`${t.relationship} in ('line_manager','peer','team')`),
  ],
);

/**
 * An anonymous answer: deliberately no link to the rater, no relationship and no timestamp, so that
 * nobody (the leader included) can tell who said what.
 */
export const feedback360Responses = pgTable(
  'feedback360_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    feedbackId: uuid('feedback_id')
      .notNull()
      .references(() => feedback360s.id, { onDelete: 'cascade' }),
    comment: text('comment'),
  },
  (t) => [index('feedback360_responses_feedback_idx').on(t.feedbackId)],
);

export const feedback360ResponseScores = pgTable(
  'feedback360_response_scores',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => feedback360Responses.id, { onDelete: 'cascade' }),
    qualityId: uuid('quality_id')
      .notNull()
      .references(() => leadershipQualities.id),
    score: smallint('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.qualityId] }),
    check('feedback360_response_scores_range', sql`${t.score} between 1 and 5`),
  ],
);

/** The network's menu of development options (courses, coaching, placements, discussion sessions). */
export const developmentOptions = pgTable(
  'development_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    qualityId: uuid('quality_id').references(() => leadershipQualities.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('development_options_network_idx').on(t.networkId),
    check('development_options_kind_known', sql`${t.kind} in ('course','coaching','placement','discussion')`),
  ],
);

/** A leader's personal pathway: options chosen from the menu, with their progress. */
export const pathwayItems = pgTable(
  'pathway_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    optionId: uuid('option_id')
      .notNull()
      .references(() => developmentOptions.id, { onDelete: 'cascade' }),
    feedbackId: uuid('feedback_id').references(() => feedback360s.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('planned'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pathway_items_uq').on(t.personId, t.optionId),
    check('pathway_items_status_known', sql`${t.status} in ('planned','in_progress','done')`),
  ],
);

/** Heads who review one another's schools (three or four), against a framework the network chooses. */
export const reviewGroups = pgTable(
  'review_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    name: text('name').notNull(),
    framework: text('framework').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_groups_name_uq').on(t.networkId, sql`lower(${t.name})`),
    check('review_groups_framework_known', sql`${t.framework} in ('ofsted_2025','ofsted_eif_2019','network')`),
  ],
);

export const reviewGroupMembers = pgTable(
  'review_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => reviewGroups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    uniqueIndex('review_group_members_position_uq').on(t.groupId, t.position),
    uniqueIndex('review_group_members_school_uq').on(t.groupId, t.schoolUrn),
    index('review_group_members_person_idx').on(t.personId),
    // Four members at most (a quad); at least three is the command's rule.
    check('review_group_members_position_range', sql`${t.position} between 0 and 3`),
  ],
);

/** One visit of the rotation: the group reviews one head's school, led by another member. */
export const reviewVisits = pgTable(
  'review_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkId(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => reviewGroups.id, { onDelete: 'cascade' }),
    /** Rotations repeat: cycle 1 is the first round in which every member is reviewed once. */
    cycle: smallint('cycle').notNull().default(1),
    reviewedId: uuid('reviewed_id')
      .notNull()
      .references(() => people.id),
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    leadReviewerId: uuid('lead_reviewer_id')
      .notNull()
      .references(() => people.id),
    visitOn: date('visit_on'),
    focus: text('focus'),
    findings: text('findings'),
    agreedActions: text('agreed_actions'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_visits_reviewed_uq').on(t.groupId, t.cycle, t.reviewedId),
    index('review_visits_network_idx').on(t.networkId),
    check('review_visits_not_self', sql`${t.leadReviewerId} <> ${t.reviewedId}`),
  ],
);
