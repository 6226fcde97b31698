import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { networks, people, schools } from '../networks/schema.ts';
import { deployments } from '../support/brokerage-schema.ts';
import type { Outcome, SubmissionStatus } from './assessment-domain.ts';
import type { Checklist, ReviewStatus } from './review-domain.ts';
import { lpCandidates, lpCohorts, lpFrameworkVersions, lpLevels, lpPortfolios, lpStandards } from './schema.ts';
import type { SupportDayKind } from './support-days-domain.ts';

// Lead Practitioner accreditation, second half: peer review, submission, assessment, moderation,
// certificates and the support days given afterwards.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Who peer reviews whom in a cohort, confirmed by the manager; each reviews one and is reviewed by one. */
export const lpPeerReviews = pgTable(
  'lp_peer_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => lpCohorts.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .unique()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    revieweeId: uuid('reviewee_id')
      .notNull()
      .unique()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    status: text('status').$type<ReviewStatus>().notNull().default('assigned'),
    checklist: jsonb('checklist').$type<Checklist>(),
    strengths: text('strengths'),
    suggestions: text('suggestions'),
    assignedBy: uuid('assigned_by').references(() => people.id, { onDelete: 'set null' }),
    assignedAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('lp_peer_reviews_cohort_idx').on(t.cohortId),
    check('lp_peer_reviews_not_self', sql`${t.reviewerId} <> ${t.revieweeId}`),
    check('lp_peer_reviews_status_known', sql`${t.status} in ('assigned','completed')`),
    check('lp_peer_reviews_completed', sql`${t.status} <> 'completed' or (${t.checklist} is not null and ${t.completedAt} is not null)`),
  ],
);

/**
 * A submitted version of a portfolio and its journey through assessment. `snapshot` keeps the evidence
 * and claims as submitted; the portfolio itself is locked by its status until reopened for resubmission.
 */
export const lpSubmissions = pgTable(
  'lp_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => lpPortfolios.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    /** The candidate's own network, for scoping. */
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    frameworkVersionId: uuid('framework_version_id')
      .notNull()
      .references(() => lpFrameworkVersions.id),
    portfolioVersion: integer('portfolio_version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    submittedAt: createdAt(),
    status: text('status').$type<SubmissionStatus>().notNull().default('awaiting_assessor'),
    assessorId: uuid('assessor_id').references(() => people.id),
    moderatorId: uuid('moderator_id').references(() => people.id),
    sampledAt: timestamp('sampled_at', { withTimezone: true }),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    moderationNote: text('moderation_note'),
    outcome: text('outcome').$type<Outcome>(),
    /** Standard codes below the pass level when the outcome is resubmit. */
    toWorkOn: jsonb('to_work_on').$type<string[]>().notNull().default([]),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    unique('lp_submissions_version_uq').on(t.portfolioId, t.portfolioVersion),
    // One submission at a time is open for a portfolio.
    uniqueIndex('lp_submissions_open_uq').on(t.portfolioId).where(sql`${t.status} <> 'decided'`),
    index('lp_submissions_network_idx').on(t.networkId, t.status),
    index('lp_submissions_assessor_idx').on(t.assessorId),
    index('lp_submissions_moderator_idx').on(t.moderatorId),
    check('lp_submissions_status_known', sql`${t.status} in ('awaiting_assessor','in_assessment','in_moderation','decided')`),
    check('lp_submissions_outcome_known', sql`${t.outcome} is null or ${t.outcome} in ('accredited','resubmit')`),
    check('lp_submissions_decided', sql`(${t.status} = 'decided') = (${t.outcome} is not null and ${t.decidedAt} is not null)`),
    check('lp_submissions_assessor', sql`${t.status} = 'awaiting_assessor' or ${t.assessorId} is not null`),
    check('lp_submissions_moderator', sql`${t.status} <> 'in_moderation' or ${t.moderatorId} is not null`),
    check('lp_submissions_independent', sql`${t.moderatorId} is null or ${t.moderatorId} <> ${t.assessorId}`),
  ],
);

/**
 * The assessor's judgement of one standard (level null: not evidenced) and the moderator's, where they
 * sampled. The composite keys make the database refuse a standard or level the framework version lacks.
 */
export const lpAssessments = pgTable(
  'lp_assessments',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => lpSubmissions.id, { onDelete: 'cascade' }),
    standardId: uuid('standard_id').notNull(),
    versionId: uuid('version_id').notNull(),
    level: integer('level'),
    feedback: text('feedback'),
    moderatedLevel: integer('moderated_level'),
    overturned: boolean('overturned').notNull().default(false),
    moderationNote: text('moderation_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.standardId] }),
    foreignKey({ columns: [t.standardId, t.versionId], foreignColumns: [lpStandards.id, lpStandards.versionId] }),
    foreignKey({ name: 'lp_assessments_level_fk', columns: [t.versionId, t.level], foreignColumns: [lpLevels.versionId, lpLevels.level] }),
    foreignKey({
      name: 'lp_assessments_moderated_level_fk',
      columns: [t.versionId, t.moderatedLevel],
      foreignColumns: [lpLevels.versionId, lpLevels.level],
    }),
  ],
);

/** A certificate of accreditation. `public_id` is the unguessable id printed on it and used by the public verification page. */
export const lpCertificates = pgTable(
  'lp_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: text('public_id').notNull().unique(),
    submissionId: uuid('submission_id')
      .notNull()
      .unique()
      .references(() => lpSubmissions.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** As printed: kept so that the certificate says what it said on the day. */
    holderName: text('holder_name').notNull(),
    frameworkName: text('framework_name').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('lp_certificates_network_idx').on(t.networkId, t.expiresOn),
    index('lp_certificates_person_idx').on(t.personId),
    check('lp_certificates_public_id', sql`${t.publicId} ~ '^[A-Za-z0-9_-]{20}$'`),
    check('lp_certificates_term', sql`${t.expiresOn} > ${t.issuedOn}`),
  ],
);

/**
 * A day (or half day) of support given by an accredited LP, of an allowed kind, logged directly or from
 * a support deployment. At most ten days an academic year per certificate: the logging command locks the
 * certificate row, and a trigger (migration) checks the year's total again.
 */
export const lpSupportDays = pgTable(
  'lp_support_days',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => lpCertificates.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    givenOn: date('given_on').notNull(),
    /** The academic year, by its first calendar year (2025 = 2025 to 2026). */
    academicYear: smallint('academic_year').notNull(),
    days: numeric('days', { precision: 3, scale: 1 }).notNull(),
    kind: text('kind').$type<SupportDayKind>().notNull(),
    schoolUrn: integer('school_urn').references(() => schools.urn),
    note: text('note'),
    deploymentId: uuid('deployment_id').references(() => deployments.id, { onDelete: 'set null' }),
    loggedBy: uuid('logged_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('lp_support_days_certificate_idx').on(t.certificateId, t.academicYear),
    index('lp_support_days_network_idx').on(t.networkId),
    uniqueIndex('lp_support_days_deployment_uq').on(t.deploymentId),
    check(
      'lp_support_days_kind_known',
      sql`${t.kind} in ('modelling_good_practice','cpd_delivery','team_teaching','work_scrutiny','using_data','supporting_assessment','developing_curriculum')`,
    ),
    check('lp_support_days_days', sql`${t.days} > 0 and ${t.days} <= 10 and ${t.days} * 2 = trunc(${t.days} * 2)`),
    check(
      'lp_support_days_year',
      sql`${t.academicYear} = extract(year from ${t.givenOn}) - case when extract(month from ${t.givenOn}) >= 9 then 0 else 1 end`,
    ),
  ],
);
