import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Phase } from '../networks/domain.ts';
import { networks, people, schools, specialisms } from '../networks/schema.ts';
import type { DesignationKind } from './domain.ts';
import type { ApplicationStatus, TrainingKind } from './rounds-domain.ts';
import { designations } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A designation round: who it targets, when it takes applications, and the term of the designations it makes. */
export const designationRounds = pgTable(
  'designation_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind').$type<DesignationKind>().notNull(),
    /** Targeted phases; applicants choose one of these. */
    phases: text('phases').array().$type<Phase[]>().notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    termStartsOn: date('term_starts_on').notNull(),
    termEndsOn: date('term_ends_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('designation_rounds_network_idx').on(t.networkId, t.opensOn),
    check('designation_rounds_kind_known', sql`${t.kind} in ('sle','lle','nle','lead_practitioner','ast','lead_mentor')`),
    check('designation_rounds_window', sql`${t.closesOn} >= ${t.opensOn}`),
    check('designation_rounds_term', sql`${t.termEndsOn} > ${t.termStartsOn}`),
    check('designation_rounds_phases', sql`cardinality(${t.phases}) > 0`),
  ],
);

export const designationRoundSpecialisms = pgTable(
  'designation_round_specialisms',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => designationRounds.id, { onDelete: 'cascade' }),
    specialismId: uuid('specialism_id')
      .notNull()
      .references(() => specialisms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.specialismId] })],
);

/** The published criteria applicants write against and the panel scores against (0 to maxScore each). */
export const designationRoundCriteria = pgTable(
  'designation_round_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => designationRounds.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    maxScore: integer('max_score').notNull().default(4),
  },
  (t) => [
    uniqueIndex('designation_round_criteria_position_uq').on(t.roundId, t.position),
    check('designation_round_criteria_max', sql`${t.maxScore} between 1 and 10`),
  ],
);

export const designationApplications = pgTable(
  'designation_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => designationRounds.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The applicant's school when they applied: its headteacher endorses and releases them. */
    schoolUrn: integer('school_urn')
      .notNull()
      .references(() => schools.urn),
    phase: text('phase').$type<Phase>().notNull(),
    leadershipYears: numeric('leadership_years', { precision: 3, scale: 1 }).notNull(),
    status: text('status').$type<ApplicationStatus>().notNull().default('submitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    endorsedBy: uuid('endorsed_by').references(() => people.id, { onDelete: 'set null' }),
    endorsedAt: timestamp('endorsed_at', { withTimezone: true }),
    /** Days a year the headteacher confirms they will release the applicant. */
    releaseDays: numeric('release_days', { precision: 4, scale: 1 }),
    endorsementNote: text('endorsement_note'),
    decidedBy: uuid('decided_by').references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    feedback: text('feedback'),
    designationId: uuid('designation_id').references(() => designations.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('designation_applications_person_uq').on(t.roundId, t.personId),
    index('designation_applications_network_idx').on(t.networkId, t.status),
    index('designation_applications_school_idx').on(t.schoolUrn),
    check(
      'designation_applications_status_known',
      sql`${t.status} in ('submitted','endorsed','not_endorsed','designated','declined','withdrawn')`,
    ),
    check('designation_applications_years', sql`${t.leadershipYears} >= 0 and ${t.leadershipYears} <= 60`),
    check(
      'designation_applications_release',
      sql`${t.releaseDays} is null or (${t.releaseDays} > 0 and ${t.releaseDays} <= 190 and ${t.releaseDays} * 2 = trunc(${t.releaseDays} * 2))`,
    ),
    // Endorsed (or later designated) only with the head's confirmed release days.
    check('designation_applications_endorsed', sql`${t.status} not in ('endorsed','designated') or ${t.releaseDays} is not null`),
    check('designation_applications_designated', sql`${t.status} <> 'designated' or ${t.designationId} is not null`),
    check('designation_applications_feedback', sql`${t.status} <> 'declined' or ${t.feedback} is not null`),
  ],
);

export const designationApplicationSpecialisms = pgTable(
  'designation_application_specialisms',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => designationApplications.id, { onDelete: 'cascade' }),
    specialismId: uuid('specialism_id')
      .notNull()
      .references(() => specialisms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.specialismId] })],
);

/** The applicant's statement against each published criterion. */
export const designationApplicationStatements = pgTable(
  'designation_application_statements',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => designationApplications.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => designationRoundCriteria.id, { onDelete: 'cascade' }),
    statement: text('statement').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.criterionId] })],
);

/** One panel member's score for one criterion; a panel member may rescore (the row is replaced). */
export const designationApplicationScores = pgTable(
  'designation_application_scores',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => designationApplications.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => designationRoundCriteria.id, { onDelete: 'cascade' }),
    scorerId: uuid('scorer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    comment: text('comment'),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.criterionId, t.scorerId] }),
    check('designation_application_scores_score', sql`${t.score} >= 0`),
  ],
);

/** Induction and training sessions for those designated in a round. */
export const designationTrainings = pgTable(
  'designation_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => designationRounds.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TrainingKind>().notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('designation_trainings_round_idx').on(t.roundId, t.heldOn),
    check('designation_trainings_kind_known', sql`${t.kind} in ('induction','training')`),
  ],
);

export const designationTrainingAttendance = pgTable(
  'designation_training_attendance',
  {
    trainingId: uuid('training_id')
      .notNull()
      .references(() => designationTrainings.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => designationApplications.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.trainingId, t.applicationId] })],
);

/** A review meeting per round (seed 004: "discuss the deployment process from end to end, listen to feedback"). */
export const designationRoundReviews = pgTable(
  'designation_round_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => designationRounds.id, { onDelete: 'cascade' }),
    heldOn: date('held_on').notNull(),
    attendees: text('attendees').notNull(),
    notes: text('notes').notNull(),
    actions: text('actions'),
    recordedBy: uuid('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('designation_round_reviews_round_idx').on(t.roundId, t.heldOn)],
);
