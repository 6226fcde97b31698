import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { people } from '../../modules/networks/schema.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { verifyPassword } from './passwords.ts';
import { clearAccountAttempts, isThrottled, recordFailedAttempt } from './rate-limit.ts';
import { magicLinks } from './schema.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const MAGIC_LINK_MINUTES = 15;

export const findPersonByEmail = async (db: Db, email: string) =>
  (await db.select().from(people).where(sql`lower(${people.email}) = ${email.trim().toLowerCase()}`))[0] ?? null;

/** Send a single-use sign-in link. Says nothing about whether the address is known. */
export async function requestMagicLink(db: Db, mailer: Mailer, appUrl: string, email: string, ip: string): Promise<'sent' | 'throttled'> {
  if (await isThrottled(db, email, ip)) return 'throttled';
  const person = await findPersonByEmail(db, email);
  if (!person) {
    await recordFailedAttempt(db, email, ip);
    return 'sent';
  }
  const token = newSecret();
  await db.insert(magicLinks).values({
    tokenHash: hashSecret(token),
    personId: person.id,
    expiresAt: new Date(Date.now() + MAGIC_LINK_MINUTES * 60_000),
  });
  await recordAudit(db, null, {
    action: 'auth.magic_link_requested',
    subjectType: 'person',
    subjectId: person.id,
    detail: { ip },
  });
  await mailer.send({
    to: person.email,
    subject: 'Your link to sign in to Alliance',
    text: `Hello ${person.fullName},\n\nUse this link to sign in to Alliance. It works once, within ${MAGIC_LINK_MINUTES} minutes:\n\n${appUrl}/sign-in/link?token=${token}\n\nIf you did not ask to sign in, you can ignore this email.\n`,
  });
  return 'sent';
}

/** Use a magic link: valid, unused and unexpired, it is spent atomically and names the person. */
export async function redeemMagicLink(db: Db, token: string): Promise<string | null> {
  const [row] = await db
    .update(magicLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(magicLinks.tokenHash, hashSecret(token)), isNull(magicLinks.usedAt), gt(magicLinks.expiresAt, new Date())))
    .returning({ personId: magicLinks.personId });
  return row?.personId ?? null;
}

export type PasswordSignIn = { result: 'ok'; personId: string } | { result: 'wrong' } | { result: 'throttled' };

export async function signInWithPassword(db: Db, email: string, password: string, ip: string): Promise<PasswordSignIn> {
  if (await isThrottled(db, email, ip)) {
    await recordAudit(db, null, { action: 'auth.sign_in_throttled', subjectType: 'account', detail: { ip } });
    return { result: 'throttled' };
  }
  const person = await findPersonByEmail(db, email);
  const ok = await verifyPassword(person?.passwordHash ?? null, password);
  if (!person || !ok) {
    await recordFailedAttempt(db, email, ip);
    await recordAudit(db, null, { action: 'auth.sign_in_failed', subjectType: 'person', subjectId: person?.id ?? null, detail: { ip } });
    return { result: 'wrong' };
  }
  await clearAccountAttempts(db, email);
  return { result: 'ok', personId: person.id };
}
