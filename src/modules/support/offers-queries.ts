import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { specialisms } from '../networks/schema.ts';
import { supportOfferProviders, supportOffers } from './brokerage-schema.ts';

const providerNames = sql<string[]>`array(select p.full_name from ${supportOfferProviders} op join people p on p.id = op.person_id
  where op.offer_id = ${supportOffers.id} order by lower(p.full_name))`;

function selectOffers(db: Db) {
  return db
    .select({
      id: supportOffers.id,
      networkId: supportOffers.networkId,
      title: supportOffers.title,
      description: supportOffers.description,
      specialismId: supportOffers.specialismId,
      specialismName: specialisms.name,
      phase: supportOffers.phase,
      typicalDays: sql<number>`${supportOffers.typicalDays}::float8`,
      pricePence: supportOffers.pricePence,
      status: supportOffers.status,
      providers: providerNames,
    })
    .from(supportOffers)
    .leftJoin(specialisms, eq(specialisms.id, supportOffers.specialismId));
}
export type OfferRow = Awaited<ReturnType<typeof selectOffers>>[number];

/** The network's published offers, by title. */
export async function listOffers(db: Db, networkId: string, page: { page: number; perPage: number }) {
  const where = and(eq(supportOffers.networkId, networkId), eq(supportOffers.status, 'published'));
  const rows = await selectOffers(db)
    .where(where)
    .orderBy(asc(sql`lower(${supportOffers.title})`), asc(supportOffers.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(supportOffers).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findOffer(db: Db, id: string): Promise<OfferRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectOffers(db).where(eq(supportOffers.id, id));
  return row ?? null;
}

/** People holding an active designation in the network: who may provide offers. */
export function designatedPeople(db: Db, networkId: string) {
  return db.execute(sql`select distinct p.id, p.full_name as "fullName", lower(p.full_name) as k from designations d
    join people p on p.id = d.person_id where d.network_id = ${networkId} and d.status = 'active' order by k, p.id`) as unknown as Promise<{
    rows: { id: string; fullName: string }[];
  }>;
}
