import { asc, desc, eq } from 'drizzle-orm';
import { memberships, networks, people, schools } from '../../modules/networks/schema.ts';
import type { Db } from '../db/client.ts';
import { apiTokens } from './schema.ts';

/** The person's own details, with the name of their school and whether a password is set. */
export async function findAccount(db: Db, personId: string) {
  const [row] = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      jobTitle: people.jobTitle,
      schoolUrn: people.schoolUrn,
      schoolName: schools.name,
      passwordHash: people.passwordHash,
    })
    .from(people)
    .leftJoin(schools, eq(schools.urn, people.schoolUrn))
    .where(eq(people.id, personId));
  if (!row) return null;
  const { passwordHash, ...rest } = row;
  return { ...rest, hasPassword: passwordHash != null };
}

/** A person's tokens, newest first; never the hash. */
export function listApiTokens(db: Db, personId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.createdAt), asc(apiTokens.id));
}

/** The person's roles with the names of their networks. */
export function listMembershipsOf(db: Db, personId: string) {
  return db
    .select({ networkId: networks.id, networkName: networks.name, role: memberships.role })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(eq(memberships.personId, personId))
    .orderBy(asc(networks.name), asc(memberships.role));
}
