import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { auditEvents } from '../audit/schema.ts';
import { hashPassword } from './passwords.ts';
import { magicLinks } from './schema.ts';

let t: TestApp;
let person: { id: string; email: string };
let networkId: string;

/** Fetch a page anonymously, keeping the CSRF cookie and token it hands out. */
async function anonymousForm(path = '/sign-in') {
  const res = await t.app.request(path);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie, csrf };
}

/** The cookie and CSRF token of a signed-in browser, read from a page with a form. */
async function signedInForm(sessionId: string) {
  const cookie = `alliance_session=${sessionId}`;
  const html = await (await t.app.request(`/networks/${networkId}`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

const sessionCookieOf = (res: Response) => /alliance_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

beforeAll(async () => {
  t = await createTestApp();
  const network = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  networkId = network.id;
  person = await makeMember(t.db, network.id, 'network_admin', {
    fullName: 'Helen Barker',
    email: 'Helen.Barker@example.org',
    passwordHash: await hashPassword('correct horse battery staple'),
  });
});
afterAll(() => t.close());

describe('magic link sign-in', () => {
  it('mails a single-use link that signs the person in, whatever the case of the address', async () => {
    const form = await anonymousForm();
    const res = await t.post('/sign-in/email', form, { email: '  helen.barker@EXAMPLE.org ' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your email');
    const mail = t.mail.at(-1)!;
    expect(mail.to).toBe('Helen.Barker@example.org');
    const token = /sign-in\/link\?token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();

    // Following the link only shows a button (mail scanners must not spend it).
    const page = await t.app.request(`/sign-in/link?token=${token}`);
    expect(page.status).toBe(200);
    const signedIn = await t.post('/sign-in/link', form, { token: token! });
    expect(signedIn.status).toBe(303);
    const sessionId = sessionCookieOf(signedIn);
    expect(sessionId).toBeTruthy();
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(signedIn.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const home = await t.app.request(`/networks/${networkId}`, { headers: { cookie: `alliance_session=${sessionId}` } });
    expect(home.status).toBe(200);

    const again = await t.post('/sign-in/link', form, { token: token! });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('expired or been used');
  });

  it('refuses an expired link', async () => {
    const form = await anonymousForm();
    await t.post('/sign-in/email', form, { email: 'helen.barker@example.org' });
    const token = /token=([\w-]+)/.exec(t.mail.at(-1)!.text)![1]!;
    await t.db
      .update(magicLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(magicLinks.personId, person.id));
    const res = await t.post('/sign-in/link', form, { token });
    expect(res.status).toBe(400);
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const before = t.mail.length;
    const form = await anonymousForm();
    const res = await t.post('/sign-in/email', form, { email: 'nobody@example.org' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your email');
    expect(t.mail.length).toBe(before);
  });

  it('re-renders the form with a specific message for a malformed address', async () => {
    const form = await anonymousForm();
    const res = await t.post('/sign-in/email', form, { email: 'not-an-email' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('Enter an email address in the correct format');
    expect(html).toContain('value="not-an-email"');
  });
});

describe('password sign-in and sessions', () => {
  it('signs in with the right password, with a new session id each time, and signs out for good', async () => {
    const form = await anonymousForm();
    const signIn = await t.post('/sign-in/password', form, { email: 'helen.barker@example.org', password: 'correct horse battery staple' });
    expect(signIn.status).toBe(303);
    const firstId = sessionCookieOf(signIn)!;

    // Signing in again from a signed-in browser replaces the session: the old id stops working.
    const first = await signedInForm(firstId);
    const second = await t.post('/sign-in/password', first, {
      email: 'helen.barker@example.org',
      password: 'correct horse battery staple',
    });
    expect(second.status).toBe(303);
    const secondId = sessionCookieOf(second)!;
    expect(secondId).not.toBe(firstId);
    expect((await t.app.request(`/networks/${networkId}`, { headers: { cookie: `alliance_session=${firstId}` } })).status).toBe(303);

    const out = await t.post('/sign-out', await signedInForm(secondId), {});
    expect(out.status).toBe(303);
    const after = await t.app.request(`/networks/${networkId}`, { headers: { cookie: `alliance_session=${secondId}` } });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('/sign-in');
  });

  it('refuses a wrong password with a message and audits the failure without the password', async () => {
    const form = await anonymousForm();
    const res = await t.post('/sign-in/password', form, { email: 'helen.barker@example.org', password: 'wrong password here' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('The email address or password is not right');
    const failures = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.sign_in_failed'));
    expect(failures.length).toBeGreaterThan(0);
    expect(JSON.stringify(failures)).not.toContain('wrong password here');
  });

  it('throttles an account after 10 failed attempts, even with the right password', async () => {
    const form = await anonymousForm();
    const email = 'throttled@example.org';
    await makeMember(t.db, networkId, 'participant', { email, passwordHash: await hashPassword('the right password') });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await t.post('/sign-in/password', form, { email, password: `guess ${i}` })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const right = await t.post('/sign-in/password', form, { email, password: 'the right password' });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('Too many attempts');
  });
});
