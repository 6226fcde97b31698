import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { developmentOptions, leadershipQualities, pathwayItems } from './development-schema.ts';

export type QualityRow = typeof leadershipQualities.$inferSelect;
export type OptionRow = typeof developmentOptions.$inferSelect;

/** The network's current framework, in its order. */
export async function listQualities(db: Db, networkId: string): Promise<QualityRow[]> {
  return db
    .select()
    .from(leadershipQualities)
    .where(and(eq(leadershipQualities.networkId, networkId), isNull(leadershipQualities.retiredAt)))
    .orderBy(asc(leadershipQualities.position), asc(leadershipQualities.id));
}

export async function findQuality(db: Db, id: string): Promise<QualityRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(leadershipQualities).where(eq(leadershipQualities.id, id));
  return row ?? null;
}

export async function listOptions(db: Db, networkId: string): Promise<OptionRow[]> {
  return db
    .select()
    .from(developmentOptions)
    .where(eq(developmentOptions.networkId, networkId))
    .orderBy(asc(developmentOptions.kind), asc(developmentOptions.title), asc(developmentOptions.id));
}

export async function findOption(db: Db, id: string): Promise<OptionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(developmentOptions).where(eq(developmentOptions.id, id));
  return row ?? null;
}

export async function countQualities(db: Db, networkId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(leadershipQualities)
    .where(and(eq(leadershipQualities.networkId, networkId), isNull(leadershipQualities.retiredAt)));
  return row?.n ?? 0;
}

/** A leader's pathway in a network, with the options it is made of. */
export async function listPathway(db: Db, networkId: string, personId: string) {
  return db
    .select({
      id: pathwayItems.id,
      status: pathwayItems.status,
      optionId: developmentOptions.id,
      kind: developmentOptions.kind,
      title: developmentOptions.title,
      description: developmentOptions.description,
      feedbackId: pathwayItems.feedbackId,
    })
    .from(pathwayItems)
    .innerJoin(developmentOptions, eq(developmentOptions.id, pathwayItems.optionId))
    .where(and(eq(pathwayItems.networkId, networkId), eq(pathwayItems.personId, personId)))
    .orderBy(asc(pathwayItems.createdAt), asc(pathwayItems.id));
}

export async function findPathwayItem(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(pathwayItems).where(eq(pathwayItems.id, id));
  return row ?? null;
}
