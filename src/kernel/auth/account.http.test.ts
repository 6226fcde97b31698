import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { people } from '../../modules/networks/schema.ts';
import { makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { auditEvents } from '../audit/schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { apiTokens, sessions } from './schema.ts';
import { hashSecret } from './secrets.ts';

let t: TestApp;
let network: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
});
afterAll(() => t.close());

const newPerson = async (overrides: Partial<typeof people.$inferInsert> = {}) => makeMember(t.db, network.id, 'system_leader', overrides);
const passwordHashOf = async (id: string) => (await t.db.select().from(people).where(eq(people.id, id)))[0]!.passwordHash;
const sessionCount = async (id: string) => (await t.db.select().from(sessions).where(eq(sessions.personId, id))).length;
const auditActions = async (subjectId: string) =>
  (await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId))).map((e) => e.action);
const sessionCookieFrom = (res: Response) => /alliance_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe('your account page', () => {
  it('shows your name, email and school', async () => {
    const school = await makeSchool(t.db, { name: 'Sacred Heart Catholic Primary School' });
    const person = await newPerson({ fullName: 'Sam Leader', email: 'sam.leader@example.org', schoolUrn: school.urn });
    const res = await t.app.request('/account', { headers: (await t.signIn(person.id)).headers });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Sam Leader');
    expect(html).toContain('sam.leader@example.org');
    expect(html).toContain('Sacred Heart Catholic Primary School');
    expect(html).toContain('Set a password');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const res = await t.app.request('/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });
});

describe('setting and changing a password', () => {
  it('sets a first password, ends other sessions and keeps this browser signed in', async () => {
    const person = await newPerson();
    const other = await t.signIn(person.id);
    const here = await t.signIn(person.id);
    const res = await t.post('/account/password', here, { newPassword: 'correct horse battery', confirmPassword: 'correct horse battery' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account?done=password-changed');
    expect(await verifyPassword(await passwordHashOf(person.id), 'correct horse battery')).toBe(true);
    // The old sessions are void; the new cookie works.
    expect((await t.app.request('/account', { headers: other.headers })).status).toBe(303);
    expect((await t.app.request('/account', { headers: here.headers })).status).toBe(303);
    const fresh = sessionCookieFrom(res);
    expect(fresh).toBeTruthy();
    const after = await t.app.request('/account?done=password-changed', { headers: { cookie: `alliance_session=${fresh}` } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Your password has been saved');
    expect(await sessionCount(person.id)).toBe(1);
    expect(await auditActions(person.id)).toContain('account.password_changed');
  });

  it('requires the current password to change it, and refuses a wrong one', async () => {
    const person = await newPerson();
    await t.db
      .update(people)
      .set({ passwordHash: await hashPassword('the old password 1') })
      .where(eq(people.id, person.id));
    const session = await t.signIn(person.id);
    const missing = await t.post('/account/password', session, {
      newPassword: 'a brand new password',
      confirmPassword: 'a brand new password',
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Enter your current password');
    const wrong = await t.post('/account/password', session, {
      currentPassword: 'not my password',
      newPassword: 'a brand new password',
      confirmPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('Your current password is not right');
    expect(await verifyPassword(await passwordHashOf(person.id), 'the old password 1')).toBe(true);
    // Still signed in after a refusal.
    expect((await t.app.request('/account', { headers: session.headers })).status).toBe(200);

    const ok = await t.post('/account/password', session, {
      currentPassword: 'the old password 1',
      newPassword: 'a brand new password',
      confirmPassword: 'a brand new password',
    });
    expect(ok.status).toBe(303);
    expect(await verifyPassword(await passwordHashOf(person.id), 'a brand new password')).toBe(true);
  });

  it('refuses a short password, the email as password and a mismatched confirmation', async () => {
    const person = await newPerson({ email: 'short.pass@example.org' });
    const session = await t.signIn(person.id);
    const cases: [Record<string, string>, string][] = [
      [{ newPassword: 'short', confirmPassword: 'short' }, 'Password must be 12 characters or more'],
      [{ newPassword: 'Short.Pass@example.org', confirmPassword: 'Short.Pass@example.org' }, 'Password must not be your email address'],
      [{ newPassword: 'long enough password', confirmPassword: 'long enough passw0rd' }, 'Passwords do not match'],
    ];
    for (const [fields, message] of cases) {
      const res = await t.post('/account/password', session, fields);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('govuk-error-summary');
      expect(html).toContain(message);
    }
    expect(await passwordHashOf(person.id)).toBeNull();
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the person, this one included', async () => {
    const person = await newPerson();
    const a = await t.signIn(person.id);
    await t.signIn(person.id);
    const res = await t.post('/account/sign-out-everywhere', a, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
    expect(await sessionCount(person.id)).toBe(0);
    expect(await auditActions(person.id)).toContain('account.signed_out_everywhere');
  });
});

describe('API tokens', () => {
  it('creates a token shown once, which works on /api/v1/me until revoked', async () => {
    const person = await newPerson({ fullName: 'Tina Token', email: 'tina.token@example.org' });
    const session = await t.signIn(person.id);
    const created = await t.post('/account/tokens', session, { name: 'Timetable sync' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    const token = /(all_[A-Za-z0-9_-]{43})/.exec(html)?.[1];
    expect(token).toBeTruthy();
    expect(html).toContain('shown only once');

    // Stored as a hash with its prefix, never as the token itself.
    const [stored] = await t.db.select().from(apiTokens).where(eq(apiTokens.personId, person.id));
    expect(stored!.tokenHash).toBe(hashSecret(token!));
    expect(stored!.prefix).toBe(token!.slice(0, 8));
    expect(JSON.stringify(stored)).not.toContain(token!);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, stored!.id));
    expect(audit.map((e) => e.action)).toEqual(['token.created']);
    expect(JSON.stringify(audit)).not.toContain(token!);

    const me = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      id: person.id,
      name: 'Tina Token',
      email: 'tina.token@example.org',
      schoolUrn: null,
      memberships: [{ networkId: network.id, networkName: 'Blue Sky Teaching School Alliance', role: 'system_leader' }],
    });

    // The account page lists it (name and prefix, never the token) with when it was last used.
    const page = await (await t.app.request('/account', { headers: session.headers })).text();
    expect(page).toContain('Timetable sync');
    expect(page).toContain(`${token!.slice(0, 8)}…`);
    expect(page).not.toContain(token!);
    expect(page).not.toContain('>Never<');

    const revoke = await t.post(`/account/tokens/${stored!.id}/revoke`, session, {});
    expect(revoke.status).toBe(303);
    const refused = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, stored!.id))).map((e) => e.action)).toContain(
      'token.revoked',
    );
    expect(await (await t.app.request('/account', { headers: session.headers })).text()).toContain('Revoked');
  });

  it("answers 404 for someone else's token and leaves it working", async () => {
    const owner = await newPerson();
    const ownerSession = await t.signIn(owner.id);
    const html = await (await t.post('/account/tokens', ownerSession, { name: 'Mine' })).text();
    const token = /(all_[A-Za-z0-9_-]{43})/.exec(html)![1]!;
    const [stored] = await t.db.select().from(apiTokens).where(eq(apiTokens.personId, owner.id));
    const intruder = await t.signIn((await newPerson()).id);
    const res = await t.post(`/account/tokens/${stored!.id}/revoke`, intruder, {});
    expect(res.status).toBe(404);
    expect((await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('refuses a token without a name with the error summary', async () => {
    const session = await t.signIn((await newPerson()).id);
    const res = await t.post('/account/tokens', session, { name: '   ' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('Enter a name for the token');
  });

  it('does not let a bearer token change the password or mint tokens', async () => {
    const person = await newPerson();
    const html = await (await t.post('/account/tokens', await t.signIn(person.id), { name: 'Script' })).text();
    const token = /(all_[A-Za-z0-9_-]{43})/.exec(html)![1]!;
    const res = await t.app.request('/account/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=another',
    });
    expect(res.status).not.toBe(200);
    expect(await t.db.select().from(apiTokens).where(eq(apiTokens.personId, person.id))).toHaveLength(1);
  });

  it('documents /api/v1/me in the OpenAPI description', async () => {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/me');
  });

  it('answers /api/v1/me without a token with 401 problem+json', async () => {
    const res = await t.app.request('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
