import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uploads } from '../../kernel/uploads/schema.ts';
import { networks, people, schools } from '../networks/schema.ts';
import type { AttendanceStatus, CandidateStage } from './cohorts-domain.ts';
import type { EvidenceType } from './evidence-domain.ts';
import type { PortfolioStatus } from './portfolio-domain.ts';

// Lead Practitioner accreditation, first half: frameworks, cohorts, mentors, groups, portfolios and evidence.
// The second half (review, assessment, certificates, support days) is in outcomes-schema.ts.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A network's standards framework; its content lives in versions, so that a cohort keeps the one it started with. */
export const lpFrameworks = pgTable(
  'lp_frameworks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lp_frameworks_name_uq').on(t.networkId, sql`lower(${t.name})`)],
);

/** One immutable version of a framework: an edit makes a new version. Holds the pass rule and the term of accreditation. */
export const lpFrameworkVersions = pgTable(
  'lp_framework_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => lpFrameworks.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Pass rule: at least `passMinStandards` standards judged at `passMinLevel` or above. */
    passMinLevel: integer('pass_min_level').notNull().default(3),
    passMinStandards: integer('pass_min_standards').notNull().default(7),
    validityYears: integer('validity_years').notNull().default(3),
    changeNote: text('change_note'),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('lp_framework_versions_uq').on(t.frameworkId, t.version),
    check('lp_framework_versions_version', sql`${t.version} >= 1`),
    check('lp_framework_versions_pass', sql`${t.passMinLevel} >= 1 and ${t.passMinStandards} >= 1`),
    check('lp_framework_versions_validity', sql`${t.validityYears} between 1 and 10`),
  ],
);

/** The levels of a version (1 beginning ... 4 transforming), each with its reach ("with a colleague"). */
export const lpLevels = pgTable(
  'lp_levels',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => lpFrameworkVersions.id, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.level] }), check('lp_levels_level', sql`${t.level} between 1 and 9`)],
);

export const lpStandardGroups = pgTable(
  'lp_standard_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => lpFrameworkVersions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('lp_standard_groups_position_uq').on(t.versionId, t.position)],
);

export const lpStandards = pgTable(
  'lp_standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => lpFrameworkVersions.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => lpStandardGroups.id, { onDelete: 'cascade' }),
    /** Stable across versions ("S1"), so a standard can be followed from one version to the next. */
    code: text('code').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [
    unique('lp_standards_code_uq').on(t.versionId, t.code),
    // Target of the composite keys below: a claim names its standard together with the version.
    unique('lp_standards_version_uq').on(t.id, t.versionId),
    index('lp_standards_group_idx').on(t.groupId),
  ],
);

/** What a level looks like for one standard (optional: the level's general description applies otherwise). */
export const lpLevelDescriptors = pgTable(
  'lp_level_descriptors',
  {
    standardId: uuid('standard_id')
      .notNull()
      .references(() => lpStandards.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').notNull(),
    level: integer('level').notNull(),
    descriptor: text('descriptor').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.standardId, t.level] }),
    foreignKey({ columns: [t.versionId, t.level], foreignColumns: [lpLevels.versionId, lpLevels.level] }).onDelete('cascade'),
  ],
);

/** A cohort run by one network (the owner), possibly with partner networks (cross-network cohorts). */
export const lpCohorts = pgTable(
  'lp_cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    frameworkVersionId: uuid('framework_version_id')
      .notNull()
      .references(() => lpFrameworkVersions.id),
    leadId: uuid('lead_id').references(() => people.id, { onDelete: 'set null' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** How many candidates a mentor may have at the same time (seed 001: two). */
    maxMenteesPerMentor: integer('max_mentees_per_mentor').notNull().default(2),
    createdAt: createdAt(),
  },
  (t) => [
    index('lp_cohorts_network_idx').on(t.networkId),
    uniqueIndex('lp_cohorts_name_uq').on(t.networkId, sql`lower(${t.name})`),
    check('lp_cohorts_dates', sql`${t.endsOn} > ${t.startsOn}`),
    check('lp_cohorts_max_mentees', sql`${t.maxMenteesPerMentor} between 1 and 10`),
  ],
);

/** Every network taking part in a cohort, the owner included (so scoping is one join). */
export const lpCohortNetworks = pgTable(
  'lp_cohort_networks',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => lpCohorts.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.networkId] }), index('lp_cohort_networks_network_idx').on(t.networkId)],
);

/** A network meeting of the cohort (half-termly by default). */
export const lpMeetings = pgTable(
  'lp_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => lpCohorts.id, { onDelete: 'cascade' }),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    venue: text('venue'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('lp_meetings_cohort_idx').on(t.cohortId, t.heldOn)],
);

/**
 * A candidate enrolled in a cohort, from one of the cohort's networks, with their head's consent.
 * `network_id` is the candidate's own network (for a partner network's candidate, the partner).
 */
export const lpCandidates = pgTable(
  'lp_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => lpCohorts.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    schoolUrn: integer('school_urn').references(() => schools.urn),
    headConsentName: text('head_consent_name').notNull(),
    headConsentOn: date('head_consent_on').notNull(),
    stage: text('stage').$type<CandidateStage>().notNull().default('enrolled'),
    enrolledAt: createdAt(),
  },
  (t) => [
    unique('lp_candidates_person_uq').on(t.cohortId, t.personId),
    index('lp_candidates_person_idx').on(t.personId),
    foreignKey({ columns: [t.cohortId, t.networkId], foreignColumns: [lpCohortNetworks.cohortId, lpCohortNetworks.networkId] }),
    check(
      'lp_candidates_stage_known',
      sql`${t.stage} in ('enrolled','building','peer_review','submitted','accredited','resubmit','withdrawn')`,
    ),
  ],
);

export const lpAttendance = pgTable(
  'lp_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => lpMeetings.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    status: text('status').$type<AttendanceStatus>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.candidateId] }),
    check('lp_attendance_status_known', sql`${t.status} in ('present','apologies','absent')`),
  ],
);

/**
 * Who mentors a candidate over which dates. A rotation is several rows per candidate. The cap per mentor
 * (the cohort's max_mentees_per_mentor at any one time) is checked under a lock on the cohort row.
 */
export const lpMentorAssignments = pgTable(
  'lp_mentor_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => lpCohorts.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    confirmedBy: uuid('confirmed_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('lp_mentor_assignments_cohort_idx').on(t.cohortId, t.mentorId),
    index('lp_mentor_assignments_candidate_idx').on(t.candidateId, t.startsOn),
    index('lp_mentor_assignments_mentor_idx').on(t.mentorId),
    check('lp_mentor_assignments_dates', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Small groups within a cohort, collaborating on shared evidence (seed 000). */
export const lpGroups = pgTable(
  'lp_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => lpCohorts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    focus: text('focus'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lp_groups_name_uq').on(t.cohortId, sql`lower(${t.name})`)],
);

export const lpGroupMembers = pgTable(
  'lp_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => lpGroups.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.candidateId] }), index('lp_group_members_candidate_idx').on(t.candidateId)],
);

/**
 * A candidate's portfolio. `version` rises each time it is reopened after a submission; evidence may be
 * written only while the status is draft or resubmit (domain rule, checked again by the commands).
 */
export const lpPortfolios = pgTable(
  'lp_portfolios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .unique()
      .references(() => lpCandidates.id, { onDelete: 'cascade' }),
    status: text('status').$type<PortfolioStatus>().notNull().default('draft'),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('lp_portfolios_status_known', sql`${t.status} in ('draft','submitted','in_assessment','accredited','resubmit')`),
    check('lp_portfolios_submitted', sql`${t.status} in ('draft','resubmit') or ${t.submittedAt} is not null`),
    check('lp_portfolios_version', sql`${t.version} >= 1`),
  ],
);

export const lpEvidence = pgTable(
  'lp_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => lpPortfolios.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    whatWasDone: text('what_was_done').notNull(),
    withWhom: text('with_whom'),
    occurredOn: date('occurred_on').notNull(),
    impact: text('impact').notNull(),
    impactMeasure: text('impact_measure'),
    type: text('type').$type<EvidenceType>().notNull(),
    /**
     * Optional: the small group this item is shared with; its author must be a member. A trigger stops the
     * sharing when the author leaves the group (migration 0015); removing the item stops it too.
     */
    groupId: uuid('group_id').references(() => lpGroups.id, { onDelete: 'set null' }),
    /** A group member's own item made from one shared with their group ("I took part in this"); kept if the original goes. */
    sharedFromId: uuid('shared_from_id').references((): AnyPgColumn => lpEvidence.id, { onDelete: 'set null' }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lp_evidence_portfolio_idx').on(t.portfolioId),
    index('lp_evidence_group_idx').on(t.groupId),
    index('lp_evidence_shared_from_idx').on(t.sharedFromId),
    check(
      'lp_evidence_type_known',
      sql`${t.type} in ('action_research','cpd_delivered','coaching','team_teaching','modelling_practice','work_scrutiny','data_intervention','curriculum_development','other')`,
    ),
  ],
);

/**
 * An evidence item's claim against a standard at a level. The composite keys make the database refuse a
 * standard of another version or a level the version does not have.
 */
export const lpEvidenceStandards = pgTable(
  'lp_evidence_standards',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => lpEvidence.id, { onDelete: 'cascade' }),
    standardId: uuid('standard_id').notNull(),
    versionId: uuid('version_id').notNull(),
    claimedLevel: integer('claimed_level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.standardId] }),
    index('lp_evidence_standards_standard_idx').on(t.standardId),
    foreignKey({ columns: [t.standardId, t.versionId], foreignColumns: [lpStandards.id, lpStandards.versionId] }),
    foreignKey({ columns: [t.versionId, t.claimedLevel], foreignColumns: [lpLevels.versionId, lpLevels.level] }),
  ],
);

export const lpEvidenceLinks = pgTable(
  'lp_evidence_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => lpEvidence.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    label: text('label'),
  },
  (t) => [index('lp_evidence_links_evidence_idx').on(t.evidenceId), check('lp_evidence_links_url', sql`${t.url} ~ '^https?://'`)],
);

export const lpEvidenceAttachments = pgTable(
  'lp_evidence_attachments',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => lpEvidence.id, { onDelete: 'cascade' }),
    uploadId: uuid('upload_id')
      .notNull()
      .unique()
      .references(() => uploads.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.uploadId] })],
);

/** Mentor feedback on one evidence item, or on the whole portfolio when `evidence_id` is null. */
export const lpFeedback = pgTable(
  'lp_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => lpPortfolios.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id').references(() => lpEvidence.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => people.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('lp_feedback_portfolio_idx').on(t.portfolioId, t.createdAt), index('lp_feedback_evidence_idx').on(t.evidenceId)],
);
