import { and, asc, count, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from './queries.ts';
import { specialisms } from './schema.ts';
import { specialismAreaKeys } from './specialisms-domain.ts';

export type SpecialismRow = typeof specialisms.$inferSelect;

/** Shared rows, plus the network's own when a network is given. */
const visibleTo = (networkId: string | null): SQL | undefined =>
  networkId ? or(isNull(specialisms.networkId), eq(specialisms.networkId, networkId)) : isNull(specialisms.networkId);

// Areas in the taxonomy's order, then shared before the network's own, then by name.
const taxonomyOrder = [
  sql`array_position(array[${sql.join(
    specialismAreaKeys.map((a) => sql`${a}`),
    sql`, `,
  )}]::text[], ${specialisms.area})`,
  sql`${specialisms.networkId} is not null`,
  asc(sql`lower(${specialisms.name})`),
  asc(specialisms.id),
];

export async function listSpecialisms(db: Db, networkId: string | null, paging?: { page: number; perPage: number }) {
  const query = db
    .select()
    .from(specialisms)
    .where(visibleTo(networkId))
    .orderBy(...taxonomyOrder);
  const rows = paging ? await query.limit(paging.perPage).offset((paging.page - 1) * paging.perPage) : await query;
  const [total] = await db.select({ n: count() }).from(specialisms).where(visibleTo(networkId));
  return { rows, total: total?.n ?? 0 };
}

export async function countOwnSpecialisms(db: Db, networkId: string) {
  const [row] = await db.select({ n: count() }).from(specialisms).where(eq(specialisms.networkId, networkId));
  return row?.n ?? 0;
}

export async function findSpecialism(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(specialisms).where(eq(specialisms.id, id));
  return row ?? null;
}

/** A shared or own specialism with the same name (any case) or the same code. */
export async function clashingSpecialism(db: Db, networkId: string, name: string, code: string) {
  const [row] = await db
    .select()
    .from(specialisms)
    .where(and(visibleTo(networkId), or(sql`lower(${specialisms.name}) = lower(${name})`, eq(specialisms.code, code))))
    .orderBy(sql`${specialisms.networkId} is not null`)
    .limit(1);
  return row ?? null;
}
