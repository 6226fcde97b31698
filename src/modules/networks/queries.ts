import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { memberships, networkSchools, networks, people } from './schema.ts';

export async function listNetworks(db: Db, scope: string[] | null) {
  if (scope && scope.length === 0) return [];
  const query = db.select().from(networks).orderBy(networks.name);
  return scope ? query.where(inArray(networks.id, scope)) : query;
}

export async function findNetwork(db: Db, id: string) {
  if (!isUuid(id)) return null;
  return (await db.select().from(networks).where(eq(networks.id, id)))[0] ?? null;
}

export async function networkCounts(db: Db, networkId: string) {
  const [schoolsRow] = await db
    .select({ n: count() })
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, networkId), isNull(networkSchools.leftOn)));
  const [peopleRow] = await db
    .select({ n: sql<number>`count(distinct ${memberships.personId})::int` })
    .from(memberships)
    .where(eq(memberships.networkId, networkId));
  const byRole = await db
    .select({ role: memberships.role, n: count() })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.networkId, networkId))
    .groupBy(memberships.role);
  return {
    schools: schoolsRow?.n ?? 0,
    people: peopleRow?.n ?? 0,
    byRole: Object.fromEntries(byRole.map((r) => [r.role, r.n])) as Record<string, number>,
  };
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
