import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from './schema.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const SESSION_HOURS = 12;

/** Start a new session (a new id every sign-in, so a planted id is never promoted). Returns the cookie value. */
export async function startSession(db: Db, personId: string): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.insert(sessions).values({
    idHash: hashSecret(sessionId),
    personId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
  });
  return { sessionId, csrfToken };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSecret(sessionId)));
}

export async function endAllSessions(db: Db, personId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.personId, personId));
}
