import { and, count, desc, eq, gte, ilike, lt } from 'drizzle-orm';
import { auditEvents } from '../../kernel/audit/schema.ts';
import type { Db } from '../../kernel/db/client.ts';
import { type AuditFilter, londonStartOfDay } from './audit-filters.ts';
import { containsPattern } from './people-queries.ts';

/** A network's audit trail, newest first; dates are whole days in Europe/London. */
export async function listAuditEvents(db: Db, networkId: string, f: Omit<AuditFilter, 'page'>, page: { page: number; perPage: number }) {
  const where = and(
    eq(auditEvents.networkId, networkId),
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.actor ? ilike(auditEvents.actorLabel, containsPattern(f.actor)) : undefined,
    f.from ? gte(auditEvents.at, londonStartOfDay(f.from)) : undefined,
    f.to ? lt(auditEvents.at, londonStartOfDay(f.to, 1)) : undefined,
  );
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(auditEvents).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** The actions recorded for this network, for the filter. */
export async function auditActions(db: Db, networkId: string) {
  const rows = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.networkId, networkId))
    .orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}
