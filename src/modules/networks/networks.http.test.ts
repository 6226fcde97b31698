import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';

let t: TestApp;
let own: { id: string };
let other: { id: string };
let adminSession: Awaited<ReturnType<TestApp['signIn']>>;

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  const admin = await makeMember(t.db, own.id, 'network_admin', { fullName: 'Nadia Admin' });
  adminSession = await t.signIn(admin.id);
});
afterAll(() => t.close());

describe('networks', () => {
  it('answers /healthz once migrated, naming the database', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: process.env.TEST_TARGET === 'postgresql' ? 'postgresql' : 'pglite' });
  });

  it('sends a signed-out visitor to sign in', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
  });

  it('shows a member their network home with its name', async () => {
    const res = await t.app.request(`/networks/${own.id}`, { headers: adminSession.headers });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Blue Sky Teaching School Alliance');
    expect(html).toContain('<title>Blue Sky Teaching School Alliance – Alliance</title>');
  });

  it("refuses another network's home and audits the refusal", async () => {
    const res = await t.app.request(`/networks/${other.id}`, { headers: adminSession.headers });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('Elsewhere Trust');
    const refusals = await t.db.select().from(auditEvents).where(eq(auditEvents.networkId, other.id));
    expect(refusals.map((r) => r.action)).toContain('access.refused');
  });

  it('lists only own networks in the API, and refuses another network by id', async () => {
    const list = await t.app.request('/api/v1/networks', { headers: adminSession.headers });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { name: string }[]; meta: { total: number } };
    expect(body.data.map((n) => n.name)).toEqual(['Blue Sky Teaching School Alliance']);
    expect(body.meta.total).toBe(1);
    const badPage = await t.app.request('/api/v1/networks?page=zero', { headers: adminSession.headers });
    expect(badPage.status).toBe(400);
    expect(((await badPage.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('page');
    const refused = await t.app.request(`/api/v1/networks/${other.id}`, { headers: adminSession.headers });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a malformed network id with 400 problem+json naming the field', async () => {
    const res = await t.app.request('/api/v1/networks/not-a-uuid', { headers: adminSession.headers });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors[0]?.path).toBe('networkId');
  });

  it('refuses an API write made with the session cookie but without the CSRF header, and accepts it with one', async () => {
    const url = `/api/v1/networks/${own.id}/specialisms`;
    const body = JSON.stringify({ name: 'Outdoor learning', area: 'pupil_achievement' });
    const json = { ...adminSession.headers, 'content-type': 'application/json' };
    expect((await t.app.request(url, { method: 'POST', body, headers: json })).status).toBe(403);
    const withHeader = await t.app.request(url, { method: 'POST', body, headers: { ...json, 'x-csrf-token': adminSession.csrf } });
    expect(withHeader.status).toBe(201);
    const anonymous = await t.app.request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
  });

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.app.request('/sign-out', { method: 'POST', headers: adminSession.headers });
    expect(res.status).toBe(403);
  });
});
