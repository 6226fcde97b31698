import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { activePartners } from '../networks/partnerships-queries.ts';
import { memberships, networks, people, schools } from '../networks/schema.ts';
import { cpdSessionFacilitators, cpdSessions } from './schema.ts';

// Facilitators who are people on Alliance: who may be chosen, and the sessions a person facilitates.

export interface FacilitatorChoice {
  id: string;
  fullName: string;
  /** Null for the session's own network; the partner network's name otherwise. */
  partnerName: string | null;
}

/** People who may facilitate the network's sessions: its members, then members of its active partner networks. */
export async function facilitatorChoices(db: Db, networkId: string): Promise<FacilitatorChoice[]> {
  const partners = await activePartners(db, networkId);
  const rows = await db
    .selectDistinct({ id: people.id, fullName: people.fullName, networkId: memberships.networkId })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(inArray(memberships.networkId, [networkId, ...partners.map((p) => p.id)]))
    .orderBy(asc(people.fullName), asc(people.id));
  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const byPerson = new Map<string, FacilitatorChoice>();
  for (const r of rows) {
    const seen = byPerson.get(r.id);
    // A member of both networks counts as the network's own.
    if (!seen || r.networkId === networkId)
      byPerson.set(r.id, {
        id: r.id,
        fullName: r.fullName,
        partnerName: r.networkId === networkId ? null : (partnerName.get(r.networkId) ?? null),
      });
  }
  return [...byPerson.values()];
}

/** Does this person facilitate this session of this network? (False for ids that are not uuids.) */
export async function isFacilitator(db: Db, networkId: string, sessionId: string, personId: string): Promise<boolean> {
  if (![networkId, sessionId].every((id) => /^[0-9a-f-]{36}$/i.test(id))) return false;
  const [row] = await db
    .select({ id: cpdSessionFacilitators.sessionId })
    .from(cpdSessionFacilitators)
    .where(
      and(
        eq(cpdSessionFacilitators.sessionId, sessionId),
        eq(cpdSessionFacilitators.personId, personId),
        eq(cpdSessionFacilitators.networkId, networkId),
      ),
    );
  return Boolean(row);
}

/** Sessions the person facilitates in any network, from `since` on (soonest first; cancelled ones too, marked). */
export async function sessionsFacilitatedBy(db: Db, personId: string, since: Date) {
  return db
    .select({
      id: cpdSessions.id,
      networkId: cpdSessions.networkId,
      networkName: networks.name,
      title: cpdSessions.title,
      startsAt: cpdSessions.startsAt,
      endsAt: cpdSessions.endsAt,
      status: cpdSessions.status,
      venue: cpdSessions.venue,
      onlineUrl: cpdSessions.onlineUrl,
      hostSchoolName: schools.name,
      confirmed: sql<number>`(select count(*)::int from cpd_bookings b where b.session_id = ${cpdSessions.id} and b.status = 'confirmed')`,
    })
    .from(cpdSessionFacilitators)
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdSessionFacilitators.sessionId))
    .innerJoin(networks, eq(networks.id, cpdSessions.networkId))
    .leftJoin(schools, eq(schools.urn, cpdSessions.hostSchoolUrn))
    .where(and(eq(cpdSessionFacilitators.personId, personId), gte(cpdSessions.endsAt, since), sql`${cpdSessions.status} <> 'draft'`))
    .orderBy(asc(cpdSessions.startsAt), desc(cpdSessions.id));
}

/** The actor's person id when they facilitate the session in the path (the subject person of `cpd.register`), else null. */
export async function facilitatorInPath(db: Db, params: { networkId?: string; sessionId?: string }, personId: string | null) {
  if (!personId) return null;
  return (await isFacilitator(db, params.networkId ?? '', params.sessionId ?? '', personId)) ? personId : null;
}
