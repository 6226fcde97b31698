import { and, asc, count, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { orderedPair } from './partnerships-domain.ts';
import { isUuid } from './queries.ts';
import { memberships, networkPartnerships, networks, people } from './schema.ts';

export type PartnershipRow = typeof networkPartnerships.$inferSelect;

/** One partnership by id (locked when `forUpdate`), or null for an unknown or malformed id. */
export async function findPartnership(db: Db, id: string, forUpdate = false): Promise<PartnershipRow | null> {
  if (!isUuid(id)) return null;
  const query = db.select().from(networkPartnerships).where(eq(networkPartnerships.id, id));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** The open (proposed or active) partnership of a pair, if any: there is at most one. */
export async function openPartnership(db: Db, id1: string, id2: string): Promise<PartnershipRow | null> {
  const { networkA, networkB } = orderedPair(id1, id2);
  const [row] = await db
    .select()
    .from(networkPartnerships)
    .where(
      and(
        eq(networkPartnerships.networkA, networkA),
        eq(networkPartnerships.networkB, networkB),
        inArray(networkPartnerships.status, ['proposed', 'active']),
      ),
    );
  return row ?? null;
}

const involves = (networkId: string) => or(eq(networkPartnerships.networkA, networkId), eq(networkPartnerships.networkB, networkId));

/** Every partnership of a network, open ones first (newest first within), with the partner's and proposer's names. */
export async function listPartnershipsOf(db: Db, networkId: string, options: { page?: number; perPage?: number; id?: string } = {}) {
  const partner = alias(networks, 'partner');
  const proposer = alias(people, 'proposer');
  const partnerId = sql<string>`case when ${networkPartnerships.networkA} = ${networkId} then ${networkPartnerships.networkB} else ${networkPartnerships.networkA} end`;
  const query = db
    .select({
      partnership: networkPartnerships,
      partnerNetworkId: partner.id,
      partnerName: partner.name,
      proposedByName: proposer.fullName,
    })
    .from(networkPartnerships)
    .innerJoin(partner, eq(partner.id, partnerId))
    .leftJoin(proposer, eq(proposer.id, networkPartnerships.proposedBy))
    .where(and(involves(networkId), options.id ? eq(networkPartnerships.id, options.id) : undefined))
    .orderBy(
      sql`case ${networkPartnerships.status} when 'proposed' then 0 when 'active' then 1 else 2 end`,
      desc(networkPartnerships.proposedAt),
      asc(partner.name),
    );
  const { page, perPage } = options;
  const rows = await (page && perPage ? query.limit(perPage).offset((page - 1) * perPage) : query);
  return rows.map((r) => ({
    ...r.partnership,
    partnerNetworkId: r.partnerNetworkId,
    partnerName: r.partnerName,
    proposedByName: r.proposedByName,
  }));
}

export type PartnershipListItem = Awaited<ReturnType<typeof listPartnershipsOf>>[number];

export async function countPartnershipsOf(db: Db, networkId: string) {
  const [row] = await db.select({ n: count() }).from(networkPartnerships).where(involves(networkId));
  return row?.n ?? 0;
}

/** Names of the networks in an active partnership with this one today (what the network home lists). */
/** The networks in an active partnership with this one, by name. */
export async function activePartners(db: Db, networkId: string): Promise<{ id: string; name: string }[]> {
  const partner = alias(networks, 'partner');
  const rows = await db
    .select({ id: partner.id, name: partner.name })
    .from(networkPartnerships)
    .innerJoin(
      partner,
      eq(
        partner.id,
        sql`case when ${networkPartnerships.networkA} = ${networkId} then ${networkPartnerships.networkB} else ${networkPartnerships.networkA} end`,
      ),
    )
    .where(
      and(
        involves(networkId),
        eq(networkPartnerships.status, 'active'),
        sql`${networkPartnerships.startedOn} <= current_date and (${networkPartnerships.endedOn} is null or ${networkPartnerships.endedOn} > current_date)`,
      ),
    )
    .orderBy(asc(partner.name));
  return rows;
}

/** Every other network by name: names are not secret, so an admin may propose to any. */
export function otherNetworks(db: Db, networkId: string) {
  return db.select({ id: networks.id, name: networks.name }).from(networks).where(ne(networks.id, networkId)).orderBy(asc(networks.name));
}

/** The network admins of a network, to be told about a proposal or an answer. */
export function networkAdmins(db: Db, networkId: string) {
  return db
    .select({ email: people.email, fullName: people.fullName })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'network_admin')))
    .orderBy(asc(people.email));
}

export async function networkNames(db: Db, ids: string[]) {
  const rows = await db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
