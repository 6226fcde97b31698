import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { overSocketIfAsked } from '../../../test/support/app.ts';
import { createTestDatabase } from '../../../test/support/database.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../runtime.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { auditEvents } from '../audit/schema.ts';
import type { Database } from '../db/client.ts';
import { outboxMessages } from '../mail/schema.ts';
import { hashPassword } from './passwords.ts';

// Sign-in throttling against a password-guessing run, with the real logger captured: the account is
// locked after at most 10 wrong passwords whatever address they come from, every attempt is logged and
// audited, and no password, sign-in link token, session id or CSRF token reaches the log.

let database: Database;
let app: ReturnType<typeof createApp>;
let stop: () => Promise<void>;
const logged: string[] = [];
const email = 'target@example.org';
const PASSWORD = 'the right password 42';

beforeAll(async () => {
  database = await createTestDatabase();
  // The development outbox (no SMTP) and the JSON logger at its most talkative.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', APP_URL: 'http://localhost', TRUST_PROXY: 'true' });
  ({ app, stop } = await overSocketIfAsked(createApp(createDeps(config, database))));
  const network = await makeNetwork(database.db);
  await makeMember(database.db, network.id, 'participant', { email, passwordHash: await hashPassword(PASSWORD) });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stop();
  await database.close();
});

async function browser(ip: string) {
  const res = await app.request('/sign-in', { headers: { 'x-forwarded-for': ip } });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie, csrf, ip };
}

const post = (path: string, b: { cookie: string; csrf: string; ip: string }, fields: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: { cookie: b.cookie, origin: 'http://localhost', 'x-forwarded-for': b.ip, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: b.csrf }),
  });

it('answers 100 wrong passwords in a minute with 429 after at most 10, from any address, and logs and audits each attempt', async () => {
  const started = Date.now();
  const passwords = Array.from({ length: 100 }, (_, i) => `guess-${i}-${Math.random().toString(36).slice(2)}`);
  const secrets: string[] = [...passwords, PASSWORD];
  const statuses: number[] = [];
  for (const [i, password] of passwords.entries()) {
    const b = await browser(`198.51.100.${i + 1}`);
    secrets.push(b.csrf);
    statuses.push((await post('/sign-in/password', b, { email, password })).status);
  }
  expect(Date.now() - started).toBeLessThan(60_000);
  const firstRefusal = statuses.indexOf(429);
  expect(firstRefusal).toBeGreaterThan(0);
  expect(firstRefusal).toBeLessThanOrEqual(10);
  expect(statuses.slice(0, firstRefusal).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);

  // The right password is refused too while the account is locked.
  const b = await browser('198.51.100.200');
  expect((await post('/sign-in/password', b, { email, password: PASSWORD })).status).toBe(429);

  const attempts = logged.map((l) => JSON.parse(l) as { msg: string; outcome?: string }).filter((l) => l.msg === 'sign-in attempt');
  expect(attempts).toHaveLength(101);
  expect(attempts.filter((a) => a.outcome === 'throttled')).toHaveLength(101 - firstRefusal);
  const audited = await database.db.select().from(auditEvents);
  expect(audited.filter((e) => e.action === 'auth.sign_in_failed')).toHaveLength(firstRefusal);
  expect(audited.filter((e) => e.action === 'auth.sign_in_throttled')).toHaveLength(101 - firstRefusal);

  // A sign-in link through the development outbox, used: neither its token nor the session id is logged.
  const other = await makeMember(database.db, (await database.db.query.networks.findFirst())!.id, 'participant');
  const linkBrowser = await browser('203.0.113.9');
  expect((await post('/sign-in/email', linkBrowser, { email: other.email })).status).toBe(200);
  const [mail] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.to, other.email));
  const token = /token=([\w-]+)/.exec(mail!.text)![1]!;
  const signedIn = await post('/sign-in/link', linkBrowser, { token });
  expect(signedIn.status).toBe(303);
  const sessionId = /alliance_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;
  secrets.push(token, sessionId);

  const log = logged.join('');
  expect(log).toContain('[mail to');
  for (const secret of secrets) expect(log.includes(secret), 'a password or token was written to the log').toBe(false);
  expect(JSON.stringify(audited)).not.toContain(passwords[0]);
}, 90_000);
