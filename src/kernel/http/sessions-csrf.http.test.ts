import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { hashPassword } from '../auth/passwords.ts';

// Sessions and CSRF, checked over the whole route table: a new session id at every sign-in, old and
// signed-out ids refused, cookie attributes (Secure and __Host- names behind HTTPS), and every
// state-changing request refused with 403 when it comes from another origin or without the token.

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let https: TestApp;
let networkId: string;
let httpsNetworkId: string;
let email: string;

/** A browser's first visit: its CSRF cookie and the token in the sign-in form. */
async function anonymousBrowser(app: TestApp['app'], extraCookie = '') {
  const res = await app.request('/sign-in', { headers: extraCookie ? { cookie: extraCookie } : {} });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { setCookie, cookie: [extraCookie, setCookie.split(';')[0]].filter(Boolean).join('; '), csrf };
}

async function signIn(app: TestApp['app'], origin: string, browser: { cookie: string; csrf: string }) {
  return app.request('/sign-in/password', {
    method: 'POST',
    headers: { cookie: browser.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: browser.csrf }),
  });
}

const attributes = (setCookie: string) => setCookie.split(';').map((a) => a.trim().toLowerCase());

beforeAll(async () => {
  t = await createTestApp();
  https = await createTestApp({ APP_URL: 'https://alliance.example.org' });
  email = 'helen.barker@example.org';
  const passwordHash = await hashPassword(PASSWORD);
  networkId = (await makeNetwork(t.db)).id;
  await makeMember(t.db, networkId, 'network_admin', { email, passwordHash });
  httpsNetworkId = (await makeNetwork(https.db)).id;
  await makeMember(https.db, httpsNetworkId, 'network_admin', { email, passwordHash });
});
afterAll(async () => {
  await t.close();
  await https.close();
});

describe('sessions', () => {
  it('never promotes a planted session id: sign-in issues a new one, and the planted, old and signed-out ids are refused', async () => {
    const planted = 'a'.repeat(43);
    const browser = await anonymousBrowser(t.app, `alliance_session=${planted}`);
    const res = await signIn(t.app, 'http://localhost', browser);
    expect(res.status).toBe(303);
    const sessionId = /alliance_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(sessionId).toBeTruthy();
    expect(sessionId).not.toBe(planted);
    const home = (id: string) => t.app.request(`/networks/${networkId}`, { headers: { cookie: `alliance_session=${id}` } });
    expect((await home(planted)).status).toBe(303);
    expect((await home(sessionId!)).status).toBe(200);

    // Sign in again from the signed-in browser: a fresh id, the old one dead.
    const html = await (await home(sessionId!)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const again = await signIn(t.app, 'http://localhost', { cookie: `alliance_session=${sessionId}`, csrf });
    const newer = /alliance_session=([^;]+)/.exec(again.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(newer).not.toBe(sessionId);
    expect((await home(sessionId!)).headers.get('location')).toContain('/sign-in');
    expect((await t.app.request('/api/v1/me', { headers: { cookie: `alliance_session=${sessionId}` } })).status).toBe(401);

    // Sign out: the id is refused by pages and API alike.
    const page = await (await home(newer)).text();
    const out = await t.app.request('/sign-out', {
      method: 'POST',
      headers: { cookie: `alliance_session=${newer}`, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' }),
    });
    expect(out.status).toBe(303);
    expect((await home(newer)).headers.get('location')).toContain('/sign-in');
    expect((await t.app.request('/api/v1/me', { headers: { cookie: `alliance_session=${newer}` } })).status).toBe(401);
  });

  it('sets session and CSRF cookies HttpOnly, SameSite=Lax and host-wide over HTTP', async () => {
    const browser = await anonymousBrowser(t.app);
    expect(attributes(browser.setCookie)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    const res = await signIn(t.app, 'http://localhost', browser);
    const session = attributes(res.headers.get('set-cookie') ?? '');
    expect(session[0]).toMatch(/^alliance_session=/);
    expect(session).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(session.some((a) => a.startsWith('domain='))).toBe(false);
  });

  it('behind HTTPS (APP_URL https://...) names them __Host-, marks them Secure, sends HSTS and ignores the plain cookie', async () => {
    const browser = await anonymousBrowser(https.app);
    expect(browser.setCookie).toMatch(/^__Host-alliance_csrf=/);
    expect(attributes(browser.setCookie)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    const res = await signIn(https.app, 'https://alliance.example.org', browser);
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-alliance_session=/);
    expect(attributes(setCookie)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    expect(attributes(setCookie).some((a) => a.startsWith('domain='))).toBe(false);
    const id = /__Host-alliance_session=([^;]+)/.exec(setCookie)![1]!;
    const home = (cookie: string) => https.app.request(`https://alliance.example.org/networks/${httpsNetworkId}`, { headers: { cookie } });
    const ok = await home(`__Host-alliance_session=${id}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('strict-transport-security')).toContain('max-age=');
    expect((await home(`alliance_session=${id}`)).status).toBe(303);
  });
});

describe('CSRF over every state-changing route', () => {
  it('refuses each with 403 when the request comes from another origin, has no token, or has another session’s token', async () => {
    const admin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
    const other = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
    const seen = new Set<string>();
    const writes = t.app.routes.filter(
      (r) =>
        !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method) && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`),
    );
    expect(writes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of writes) {
      const url = route.path
        .replace(/:networkId/g, networkId)
        .replace(/:(\w+)(\{[^}]*\})?/g, (_, n: string) => (n === 'urn' ? '100000' : crypto.randomUUID()));
      const api = url.startsWith('/api/');
      const send = (headers: Record<string, string>, csrf?: string) =>
        t.app.request(url, {
          method: route.method,
          headers: { cookie: admin.cookie, 'content-type': api ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
          body: api ? '{}' : new URLSearchParams(csrf ? { _csrf: csrf } : {}),
        });
      const cases = {
        'a foreign Origin': await send({ origin: 'https://evil.example', 'x-csrf-token': admin.csrf }, admin.csrf),
        'no token': await send({ origin: 'http://localhost' }),
        "another session's token": await send({ origin: 'http://localhost', 'x-csrf-token': other.csrf }, other.csrf),
      };
      for (const [what, res] of Object.entries(cases)) {
        if (res.status !== 403) failures.push(`${route.method} ${route.path} with ${what} answered ${res.status}`);
      }
    }
    expect(failures, 'every state-changing route must pass csrfProtection (src/kernel/http/middleware.ts)').toEqual([]);
    // Control: with the token and our origin the same session gets through the CSRF check.
    const ok = await t.post(`/networks/${networkId}/settings`, admin, {});
    expect(ok.status).not.toBe(403);
  });

  it('refuses an anonymous sign-in form without its token', async () => {
    const browser = await anonymousBrowser(t.app);
    const res = await signIn(t.app, 'http://localhost', { cookie: browser.cookie, csrf: '' });
    expect(res.status).toBe(403);
  });
});
