import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../kernel/auth/actor.ts';
import { hashSecret } from '../../kernel/auth/secrets.ts';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from './queries.ts';
import { invitations, networks, people, schools } from './schema.ts';

const pending = (now: Date) => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

export async function findInvitation(db: Db, id: string) {
  if (!isUuid(id)) return null;
  return (await db.select().from(invitations).where(eq(invitations.id, id)))[0] ?? null;
}

/** The invitation a link's token names, with what the accept page shows. */
export async function findInvitationByToken(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, networkName: networks.name, invitedByName: people.fullName, schoolName: schools.name })
    .from(invitations)
    .innerJoin(networks, eq(networks.id, invitations.networkId))
    .leftJoin(people, eq(people.id, invitations.invitedBy))
    .leftJoin(schools, eq(schools.urn, invitations.schoolUrn))
    .where(eq(invitations.tokenHash, hashSecret(token)));
  return row ?? null;
}

export async function hasPendingInvitation(db: Db, networkId: string, email: string, role: Role, now = new Date()) {
  const rows = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.networkId, networkId),
        eq(invitations.role, role),
        sql`lower(${invitations.email}) = ${email.toLowerCase()}`,
        pending(now),
      ),
    );
  return rows.length > 0;
}

/** Invitations still waiting for an answer, newest first. */
export async function listPendingInvitations(db: Db, networkId: string, page: { page: number; perPage: number }, now = new Date()) {
  const where = and(eq(invitations.networkId, networkId), pending(now));
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      fullName: invitations.fullName,
      role: invitations.role,
      schoolName: schools.name,
      invitedByName: people.fullName,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(people, eq(people.id, invitations.invitedBy))
    .leftJoin(schools, eq(schools.urn, invitations.schoolUrn))
    .where(where)
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(invitations).where(where);
  return { rows, total: total?.n ?? 0 };
}
