import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { networks, people, schools } from '../networks/schema.ts';
import type { BookingStatus } from './bookings-domain.ts';
import type { SessionSlot, SessionStatus } from './sessions-domain.ts';

// CPD programmes, sessions and bookings. The capacity rule lives in the database: a trigger on
// cpd_bookings (migration 0005 onwards) keeps cpd_sessions.places_taken equal to the bookings that
// hold a place, and a CHECK keeps places_taken <= capacity; commands also lock the session row.

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A network's CPD settings and targets (a past national KPI: at least 50 days a year, 90% positive feedback). */
export const cpdSettings = pgTable(
  'cpd_settings',
  {
    networkId: uuid('network_id')
      .primaryKey()
      .references(() => networks.id, { onDelete: 'cascade' }),
    targetDays: numeric('target_days', { precision: 5, scale: 1 }).notNull().default('50'),
    targetPositivePercent: integer('target_positive_percent').notNull().default(90),
    /** How long a freed place is held for the next person on the waiting list. */
    offerHours: integer('offer_hours').notNull().default(48),
    followUpWeeks: integer('follow_up_weeks').notNull().default(6),
  },
  (t) => [
    check('cpd_settings_targets', sql`${t.targetDays} >= 0 and ${t.targetPositivePercent} between 0 and 100`),
    check('cpd_settings_offer_hours', sql`${t.offerHours} between 1 and 336`),
    check('cpd_settings_follow_up_weeks', sql`${t.followUpWeeks} between 1 and 52`),
  ],
);

export const cpdProgrammes = pgTable(
  'cpd_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** Price rules per session booked: staff of member schools pay the first (normally nothing), others the second. */
    memberPricePence: integer('member_price_pence').notNull().default(0),
    otherPricePence: integer('other_price_pence').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cpd_programmes_title_uq').on(t.networkId, sql`lower(${t.title})`),
    check('cpd_programmes_prices', sql`${t.memberPricePence} >= 0 and ${t.otherPricePence} >= 0`),
  ],
);

export const cpdSessions = pgTable(
  'cpd_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => cpdProgrammes.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    theme: text('theme'),
    slot: text('slot').$type<SessionSlot>().notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    venue: text('venue'),
    hostSchoolUrn: integer('host_school_urn').references(() => schools.urn),
    onlineUrl: text('online_url'),
    /** Facilitators from outside Alliance, in words (a university lecturer, a consultant); people on Alliance are in cpd_session_facilitators. */
    facilitators: text('facilitators'),
    capacity: integer('capacity').notNull(),
    /** Bookings holding a place (confirmed or offered); kept by the cpd_bookings trigger. */
    placesTaken: integer('places_taken').notNull().default(0),
    /** The next arrival number: bookings are numbered in the order they took the session's row lock. */
    nextPosition: integer('next_position').notNull().default(1),
    status: text('status').$type<SessionStatus>().notNull().default('draft'),
    /** Recommended next steps, given at the end of the session. */
    nextSteps: text('next_steps'),
    remindedAt: at('reminded_at'),
    followUpSentAt: at('follow_up_sent_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('cpd_sessions_network_idx').on(t.networkId, t.startsAt),
    index('cpd_sessions_programme_idx').on(t.programmeId, t.startsAt),
    check('cpd_sessions_capacity', sql`${t.capacity} between 1 and 10000`),
    check('cpd_sessions_places', sql`${t.placesTaken} >= 0 and ${t.placesTaken} <= ${t.capacity}`),
    check('cpd_sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('cpd_sessions_slot_known', sql`${t.slot} in ('twilight','breakfast','half_day','day')`),
    check('cpd_sessions_status_known', sql`${t.status} in ('draft','published','cancelled')`),
    check('cpd_sessions_where', sql`${t.venue} is not null or ${t.hostSchoolUrn} is not null or ${t.onlineUrl} is not null`),
  ],
);

/**
 * People on Alliance who facilitate a session: members of its network or of a partner network. They see the
 * session among their own, in their calendar, and take its register.
 */
export const cpdSessionFacilitators = pgTable(
  'cpd_session_facilitators',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => cpdSessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The session's network (tenancy); the person may belong to a partner network. */
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.personId] }), index('cpd_session_facilitators_person_idx').on(t.personId)],
);

export const cpdBookings = pgTable(
  'cpd_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => cpdSessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    bookedBy: uuid('booked_by').references(() => people.id, { onDelete: 'set null' }),
    /** The person's school when they booked: prices and reports by school use it. */
    schoolUrn: integer('school_urn').references(() => schools.urn),
    status: text('status').$type<BookingStatus>().notNull(),
    /** Arrival order within the session (the waiting list is served lowest first). */
    position: integer('position').notNull(),
    pricePence: integer('price_pence').notNull().default(0),
    offerExpiresAt: at('offer_expires_at'),
    /** The register: null until taken, then attended or not (a no-show). */
    attended: boolean('attended'),
    feedbackRating: smallint('feedback_rating'),
    feedbackComment: text('feedback_comment'),
    feedbackAt: at('feedback_at'),
    remindedAt: at('reminded_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cpd_bookings_position_uq').on(t.sessionId, t.position),
    // One open booking per person per session, whoever made it.
    uniqueIndex('cpd_bookings_open_uq').on(t.sessionId, t.personId).where(sql`${t.status} in ('confirmed','waiting','offered')`),
    index('cpd_bookings_person_idx').on(t.personId),
    index('cpd_bookings_network_idx').on(t.networkId, t.status),
    check('cpd_bookings_status_known', sql`${t.status} in ('confirmed','waiting','offered','cancelled','declined','expired')`),
    check('cpd_bookings_offer_expiry', sql`${t.status} <> 'offered' or ${t.offerExpiresAt} is not null`),
    check('cpd_bookings_price', sql`${t.pricePence} >= 0`),
    check('cpd_bookings_rating', sql`${t.feedbackRating} is null or ${t.feedbackRating} between 1 and 5`),
  ],
);

/** An invoice for a charged booking, numbered in one sequence; voided (never deleted) on cancellation. */
export const cpdInvoices = pgTable(
  'cpd_invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').generatedAlwaysAsIdentity().notNull().unique(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id')
      .notNull()
      .unique()
      .references(() => cpdBookings.id, { onDelete: 'cascade' }),
    amountPence: integer('amount_pence').notNull(),
    issuedAt: at('issued_at').notNull().defaultNow(),
    voidedAt: at('voided_at'),
  },
  (t) => [check('cpd_invoices_amount', sql`${t.amountPence} > 0`)],
);

/** The impact follow-up sent to an attendee some weeks after a session: a single-use link (hash stored). */
export const cpdFollowUps = pgTable(
  'cpd_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .unique()
      .references(() => cpdBookings.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    sentAt: at('sent_at').notNull().defaultNow(),
    answeredAt: at('answered_at'),
    changed: text('changed'),
    pupilEffect: text('pupil_effect'),
    impact: text('impact'),
  },
  (t) => [check('cpd_follow_ups_impact_known', sql`${t.impact} is null or ${t.impact} in ('none','some','strong')`)],
);
