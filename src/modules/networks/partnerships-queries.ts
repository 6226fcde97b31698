import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { orderedPair } from './partnerships-domain.ts';
import { networkPartnerships, networks } from './schema.ts';

/** The partnership row between two networks, whatever its dates (locked when `forUpdate`). */
export async function findPartnership(db: Db, id1: string, id2: string, forUpdate = false) {
  const { networkA, networkB } = orderedPair(id1, id2);
  const query = db
    .select()
    .from(networkPartnerships)
    .where(and(eq(networkPartnerships.networkA, networkA), eq(networkPartnerships.networkB, networkB)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** Every partnership of a network, active ones first, with the partner's name. */
export async function listPartnershipsOf(db: Db, networkId: string) {
  const partner = alias(networks, 'partner');
  const partnerId = sql<string>`case when ${networkPartnerships.networkA} = ${networkId} then ${networkPartnerships.networkB} else ${networkPartnerships.networkA} end`;
  const active = sql<boolean>`(${networkPartnerships.startedOn} <= current_date and (${networkPartnerships.endedOn} is null or ${networkPartnerships.endedOn} > current_date))`;
  return db
    .select({
      partnerNetworkId: partner.id,
      partnerName: partner.name,
      startedOn: networkPartnerships.startedOn,
      endedOn: networkPartnerships.endedOn,
      active,
    })
    .from(networkPartnerships)
    .innerJoin(partner, eq(partner.id, partnerId))
    .where(or(eq(networkPartnerships.networkA, networkId), eq(networkPartnerships.networkB, networkId)))
    .orderBy(sql`${active} desc`, asc(partner.name));
}

/** Every other network by name: names are not secret, so an admin may choose any as a partner. */
export function otherNetworks(db: Db, networkId: string) {
  return db.select({ id: networks.id, name: networks.name }).from(networks).where(ne(networks.id, networkId)).orderBy(asc(networks.name));
}
