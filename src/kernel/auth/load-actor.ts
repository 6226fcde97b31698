import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { memberships, networkPartnerships, people } from '../../modules/networks/schema.ts';
import type { Db } from '../db/client.ts';
import type { Actor, Role } from './actor.ts';
import { apiTokens, sessions } from './schema.ts';
import { hashSecret } from './secrets.ts';

export async function loadPersonActor(db: Db, personId: string, via: 'session' | 'token'): Promise<Actor | null> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return null;
  const rows = await db
    .select({ networkId: memberships.networkId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.personId, personId));
  const own = [...new Set(rows.map((r) => r.networkId))];
  let partnerNetworkIds: string[] = [];
  if (own.length > 0) {
    const partners = await db
      .select({ a: networkPartnerships.networkA, b: networkPartnerships.networkB })
      .from(networkPartnerships)
      .where(
        and(
          or(inArray(networkPartnerships.networkA, own), inArray(networkPartnerships.networkB, own)),
          or(isNull(networkPartnerships.endedOn), sql`${networkPartnerships.endedOn} > current_date`),
        ),
      );
    partnerNetworkIds = [...new Set(partners.flatMap((p) => [p.a, p.b]))].filter((id) => !own.includes(id));
  }
  return {
    kind: 'person',
    personId: person.id,
    name: person.fullName,
    email: person.email,
    schoolUrn: person.schoolUrn,
    memberships: rows.map((r) => ({ networkId: r.networkId, role: r.role as Role })),
    partnerNetworkIds,
    via,
  };
}

export interface LoadedSession {
  idHash: string;
  personId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function findSession(db: Db, sessionId: string): Promise<LoadedSession | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.idHash, hashSecret(sessionId)), gt(sessions.expiresAt, new Date())));
  return row ?? null;
}

export async function actorFromBearerToken(db: Db, token: string): Promise<Actor | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .returning({ personId: apiTokens.personId });
  return row ? loadPersonActor(db, row.personId, 'token') : null;
}
