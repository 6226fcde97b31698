import { randomUUID } from 'node:crypto';
import type { Role } from '../kernel/auth/actor.ts';
import type { Db } from '../kernel/db/client.ts';
import { memberships, networkSchools, networks, people, schools } from '../modules/networks/schema.ts';

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
