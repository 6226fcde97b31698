import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from './queries.ts';
import { networkSchools, networks, schools, strategicPartners } from './schema.ts';

/** The school with this URN, and whether it is a current member of the network on the database's today. */
export async function schoolWithMembership(db: Db, networkId: string, urn: number) {
  const [row] = await db
    .select({
      urn: schools.urn,
      name: schools.name,
      isMember: sql<boolean>`exists (select 1 from ${networkSchools} where ${networkSchools.schoolUrn} = ${schools.urn}
        and ${networkSchools.networkId} = ${networkId} and ${networkSchools.joinedOn} <= current_date
        and (${networkSchools.leftOn} is null or ${networkSchools.leftOn} > current_date))`,
    })
    .from(schools)
    .where(eq(schools.urn, urn));
  return row ?? null;
}

export async function schoolName(db: Db, urn: number | null) {
  if (urn == null) return null;
  const [row] = await db.select({ name: schools.name }).from(schools).where(eq(schools.urn, urn));
  return row?.name ?? null;
}

/** Another network with this name (case-insensitive); names are how people tell networks apart. */
export async function networkNamedLike(db: Db, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: networks.id })
    .from(networks)
    .where(and(sql`lower(${networks.name}) = lower(${name})`, exceptId ? ne(networks.id, exceptId) : undefined));
  return row ?? null;
}

export function listStrategicPartners(db: Db, networkId: string) {
  return db
    .select()
    .from(strategicPartners)
    .where(eq(strategicPartners.networkId, networkId))
    .orderBy(asc(sql`lower(${strategicPartners.name})`), asc(strategicPartners.id));
}

export async function findStrategicPartner(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(strategicPartners).where(eq(strategicPartners.id, id));
  return row ?? null;
}

export async function strategicPartnerNamed(db: Db, networkId: string, name: string) {
  const [row] = await db
    .select({ id: strategicPartners.id })
    .from(strategicPartners)
    .where(and(eq(strategicPartners.networkId, networkId), sql`lower(${strategicPartners.name}) = lower(${name})`));
  return row ?? null;
}
