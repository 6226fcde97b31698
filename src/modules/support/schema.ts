import { sql } from 'drizzle-orm';
import { check, date, index, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Phase } from '../networks/domain.ts';
import { networks, people, specialisms } from '../networks/schema.ts';
import type { DesignationKind, DesignationStatus } from './domain.ts';

/** A person designated by a network as a system leader (SLE, LLE, NLE) or one of its own kinds of expert. */
export const designations = pgTable(
  'designations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DesignationKind>().notNull(),
    phase: text('phase').$type<Phase>().notNull(),
    /** Days a year the leader's own school releases them; half days allowed. */
    releaseDays: numeric('release_days', { precision: 4, scale: 1 }).notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reviewOn: date('review_on'),
    status: text('status').$type<DesignationStatus>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('designations_network_idx').on(t.networkId, t.status),
    index('designations_person_idx').on(t.personId),
    check('designations_kind_known', sql`${t.kind} in ('sle','lle','nle','lead_practitioner','ast','lead_mentor')`),
    check(
      'designations_phase_known',
      sql`${t.phase} in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')`,
    ),
    check('designations_status_known', sql`${t.status} in ('active','lapsed','withdrawn')`),
    check(
      'designations_release_days',
      sql`${t.releaseDays} > 0 and ${t.releaseDays} <= 190 and ${t.releaseDays} * 2 = trunc(${t.releaseDays} * 2)`,
    ),
    check('designations_term', sql`${t.endsOn} > ${t.startsOn}`),
  ],
);

export const designationSpecialisms = pgTable(
  'designation_specialisms',
  {
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    specialismId: uuid('specialism_id')
      .notNull()
      .references(() => specialisms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.designationId, t.specialismId] }), index('designation_specialisms_specialism_idx').on(t.specialismId)],
);
