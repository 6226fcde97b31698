import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Role } from '../kernel/auth/actor.ts';
import type { Db } from '../kernel/db/client.ts';
import { cpdProgrammes, cpdSessions } from '../modules/cpd/schema.ts';
import {
  memberships,
  networkPartnerships,
  networkSchools,
  networks,
  people,
  schools,
  specialisms,
  strategicPartners,
} from '../modules/networks/schema.ts';
import { deploymentDayLogs, deployments, supportRequests } from '../modules/support/brokerage-schema.ts';
import type { DesignationKind } from '../modules/support/domain.ts';
import { agreedPrice } from '../modules/support/money-domain.ts';
import { paymentModelOf } from '../modules/support/money-queries.ts';
import { isMemberSchool } from '../modules/support/money-vouchers.ts';
import { designationSpecialisms, designations } from '../modules/support/schema.ts';

// Factories build valid records with sensible defaults; tests and the demo seed share them.

let sequence = 100000;
const next = () => ++sequence;

export async function makeSchool(db: Db, overrides: Partial<typeof schools.$inferInsert> = {}) {
  const urn = overrides.urn ?? 900000 + next();
  const [row] = await db
    .insert(schools)
    .values({
      urn,
      name: `Test School ${urn}`,
      phase: 'Primary',
      type: 'Academy converter',
      localAuthority: 'Coventry',
      region: 'West Midlands',
      postcode: 'CV1 1AA',
      easting: 433000,
      northing: 279000,
      ofstedRating: 'Good',
      isOpen: true,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeNetwork(db: Db, overrides: Partial<typeof networks.$inferInsert> = {}) {
  const [row] = await db
    .insert(networks)
    .values({ name: `Test Network ${next()}`, kind: 'teaching_school_alliance', ...overrides })
    .returning();
  return row!;
}

export async function addSchoolToNetwork(db: Db, networkId: string, schoolUrn: number, joinedOn = '2024-09-01') {
  await db.insert(networkSchools).values({ networkId, schoolUrn, joinedOn });
}

export async function makePerson(db: Db, overrides: Partial<typeof people.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(people)
    .values({ fullName: `Person ${n}`, email: `person${n}-${randomUUID().slice(0, 8)}@example.org`, ...overrides })
    .returning();
  return row!;
}

export async function grantRole(db: Db, networkId: string, personId: string, role: Role) {
  await db.insert(memberships).values({ networkId, personId, role }).onConflictDoNothing();
}

/** A person holding `role` in `networkId` (and employed at `schoolUrn`, if given). */
export async function makeMember(db: Db, networkId: string, role: Role, overrides: Partial<typeof people.$inferInsert> = {}) {
  const person = await makePerson(db, overrides);
  await grantRole(db, networkId, person.id, role);
  return person;
}

// Find-or-create factories: safe to call again with the same natural keys (the demo seed relies on it).

const chunks = <T>(rows: T[], size = 500) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Insert schools that are not there yet (by URN); existing rows, e.g. from a GIAS import, win. */
export async function ensureSchools(db: Db, rows: (typeof schools.$inferInsert)[]) {
  for (const batch of chunks(rows)) await db.insert(schools).values(batch).onConflictDoNothing();
}

/** The network with this name, created when missing. */
export async function ensureNetwork(db: Db, values: typeof networks.$inferInsert) {
  const [found] = await db.select().from(networks).where(eq(networks.name, values.name));
  return found ?? makeNetwork(db, values);
}

/** Add membership rows for schools that have never been in the network (a school that left stays left). */
export async function ensureNetworkSchools(
  db: Db,
  networkId: string,
  rows: { schoolUrn: number; joinedOn: string; leftOn?: string | null }[],
) {
  const existing = await db.select({ urn: networkSchools.schoolUrn }).from(networkSchools).where(eq(networkSchools.networkId, networkId));
  const known = new Set(existing.map((r) => r.urn));
  const missing = rows.filter((r) => !known.has(r.schoolUrn)).map((r) => ({ networkId, ...r }));
  if (missing.length) await db.insert(networkSchools).values(missing);
}

export async function ensureStrategicPartner(db: Db, networkId: string, name: string, kind: 'university' | 'local_authority' | 'other') {
  const where = and(eq(strategicPartners.networkId, networkId), eq(strategicPartners.name, name));
  const [found] = await db.select().from(strategicPartners).where(where);
  if (found) return found;
  const [row] = await db.insert(strategicPartners).values({ networkId, name, kind }).returning();
  return row!;
}

/**
 * An active partnership between two networks (stored with the smaller id first), unless the pair has any
 * partnership row already: one that an admin has since ended stays ended.
 */
export async function ensurePartnership(db: Db, networkId1: string, networkId2: string, startedOn = '2024-09-01') {
  const [networkA, networkB] = [networkId1, networkId2].sort() as [string, string];
  const pair = and(eq(networkPartnerships.networkA, networkA), eq(networkPartnerships.networkB, networkB));
  const [found] = await db.select({ id: networkPartnerships.id }).from(networkPartnerships).where(pair);
  if (found) return;
  await db.insert(networkPartnerships).values({ networkA, networkB, status: 'active', startedOn }).onConflictDoNothing();
}

/** Insert people whose email is new (case-insensitive); returns every given email (lower case) with its person id. */
export async function ensurePeople(db: Db, rows: (typeof people.$inferInsert)[]): Promise<Map<string, string>> {
  for (const batch of chunks(rows)) await db.insert(people).values(batch).onConflictDoNothing();
  const ids = new Map<string, string>();
  for (const batch of chunks(rows.map((r) => r.email.toLowerCase()))) {
    const found = await db
      .select({ id: people.id, email: sql<string>`lower(${people.email})` })
      .from(people)
      .where(inArray(sql`lower(${people.email})`, batch));
    for (const f of found) ids.set(f.email, f.id);
  }
  return ids;
}

export async function grantRoles(db: Db, rows: { networkId: string; personId: string; role: Role }[]) {
  for (const batch of chunks(rows)) await db.insert(memberships).values(batch).onConflictDoNothing();
}

/** A current SLE designation (2025-09-01 to 2028-09-01, 15 days) unless overridden, with its specialisms. */
export async function makeDesignation(
  db: Db,
  networkId: string,
  personId: string,
  overrides: Partial<typeof designations.$inferInsert> & { specialismIds?: string[] } = {},
) {
  const { specialismIds = [], ...values } = overrides;
  const [row] = await db
    .insert(designations)
    .values({
      networkId,
      personId,
      kind: 'sle',
      phase: 'primary',
      releaseDays: '15',
      startsOn: '2025-09-01',
      endsOn: '2028-09-01',
      ...values,
    })
    .returning();
  if (specialismIds.length)
    await db.insert(designationSpecialisms).values(specialismIds.map((specialismId) => ({ designationId: row!.id, specialismId })));
  return row!;
}

/** A CPD programme (free for member staff, £60 a session for others unless overridden). */
export async function makeCpdProgramme(db: Db, networkId: string, overrides: Partial<typeof cpdProgrammes.$inferInsert> = {}) {
  const [row] = await db
    .insert(cpdProgrammes)
    .values({ networkId, title: `Programme ${next()}`, themes: ['Literacy'], memberPricePence: 0, otherPricePence: 6000, ...overrides })
    .returning();
  return row!;
}

/** A published twilight session a week from now (16:00-17:30 UTC), 20 places, at a venue, unless overridden. */
export async function makeCpdSession(
  db: Db,
  programme: { id: string; networkId: string },
  overrides: Partial<typeof cpdSessions.$inferInsert> = {},
) {
  const day = new Date(Date.now() + 7 * 86_400_000);
  day.setUTCHours(16, 0, 0, 0);
  const [row] = await db
    .insert(cpdSessions)
    .values({
      networkId: programme.networkId,
      programmeId: programme.id,
      title: `Session ${next()}`,
      slot: 'twilight',
      startsAt: day,
      endsAt: new Date(day.getTime() + 90 * 60_000),
      venue: 'Training room',
      capacity: 20,
      status: 'published',
      ...overrides,
    })
    .returning();
  return row!;
}

/** An open request for support (3 days of a known need in maths, October 2025, primary) unless overridden. */
export async function makeSupportRequest(
  db: Db,
  networkId: string,
  schoolUrn: number,
  overrides: Partial<typeof supportRequests.$inferInsert> = {},
) {
  const [maths] = await db
    .select({ id: specialisms.id })
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  const [row] = await db
    .insert(supportRequests)
    .values({
      networkId,
      schoolUrn,
      kind: 'known_need',
      specialismId: maths?.id ?? null,
      phase: 'primary',
      objectives: 'Raise attainment in the subject',
      days: '3',
      preferredStartOn: '2025-10-01',
      preferredEndOn: '2025-12-19',
      ...overrides,
    })
    .returning();
  return row!;
}

/**
 * A completed deployment (consented, released, agreed) meeting `request` under `designation`, with days
 * logged as [date, half days]; the supported school pays unless overridden.
 */
export async function makeDeployment(
  db: Db,
  request: { id: string; networkId: string; schoolUrn: number },
  designation: { id: string; personId: string; kind: string },
  days: [string, 1 | 2][],
  overrides: Partial<typeof deployments.$inferInsert> = {},
) {
  const dates = days.map(([d]) => d).sort();
  const startsOn = overrides.startsOn ?? dates[0] ?? '2025-10-01';
  const year = Number(startsOn.slice(0, 4)) - (Number(startsOn.slice(5, 7)) < 9 ? 1 : 0);
  const halfDays = days.reduce((a, [, h]) => a + h, 0);
  // Priced as agreeing it would: the network's payment model of the moment, member or not.
  const payer = overrides.payingSchoolUrn ?? request.schoolUrn;
  const price = agreedPrice(
    await paymentModelOf(db, request.networkId),
    designation.kind as DesignationKind,
    await isMemberSchool(db, request.networkId, payer),
    overrides.kind === 'diagnostic',
  );
  const [row] = await db
    .insert(deployments)
    .values({
      networkId: request.networkId,
      requestId: request.id,
      designationId: designation.id,
      leaderId: designation.personId,
      schoolUrn: request.schoolUrn,
      payingSchoolUrn: request.schoolUrn,
      tier: designation.kind as typeof deployments.$inferInsert.tier,
      status: 'completed',
      objectives: 'Raise attainment',
      days: String(Math.max(halfDays, 1) / 2),
      startsOn,
      endsOn: dates.at(-1) ?? startsOn,
      schoolYear: year,
      leaderConsentAt: new Date(),
      releasedAt: new Date(),
      agreedAt: new Date(),
      ...price,
      ...overrides,
    })
    .returning();
  if (days.length)
    await db
      .insert(deploymentDayLogs)
      .values(days.map(([workedOn, h]) => ({ deploymentId: row!.id, workedOn, halfDays: h, activity: 'Support' })));
  return row!;
}
