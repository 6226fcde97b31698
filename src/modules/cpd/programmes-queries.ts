import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { cpdProgrammes } from './schema.ts';

export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

export async function findProgramme(db: Db, programmeId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(programmeId)) return null;
  const [row] = await db.select().from(cpdProgrammes).where(eq(cpdProgrammes.id, programmeId));
  return row ?? null;
}

/** The network's programmes with counts of their sessions, by title. */
export async function listProgrammes(db: Db, networkId: string, paging: { page: number; perPage: number }) {
  const where = eq(cpdProgrammes.networkId, networkId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: cpdProgrammes.id,
        networkId: cpdProgrammes.networkId,
        title: cpdProgrammes.title,
        description: cpdProgrammes.description,
        themes: cpdProgrammes.themes,
        memberPricePence: cpdProgrammes.memberPricePence,
        otherPricePence: cpdProgrammes.otherPricePence,
        // Written out in full: in a one-table select drizzle leaves a column unqualified, and a bare "id" here
        // would be the session's own id.
        sessions: sql<number>`(select count(*)::int from cpd_sessions s where s.programme_id = cpd_programmes.id and s.status <> 'cancelled')`,
        upcoming: sql<number>`(select count(*)::int from cpd_sessions s where s.programme_id = cpd_programmes.id and s.status = 'published' and s.starts_at > now())`,
      })
      .from(cpdProgrammes)
      .where(where)
      .orderBy(asc(cpdProgrammes.title))
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage),
    db.select({ n: sql<number>`count(*)::int` }).from(cpdProgrammes).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
