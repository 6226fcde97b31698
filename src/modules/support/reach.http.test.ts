import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { deployments } from './brokerage-schema.ts';
import { paymentModels, supportSettings } from './money-schema.ts';

// The network's reach (issue 4): a setting on the money page and in the API, and a hard rule of matching,
// proposing and "allocate all"; "allocate all" also proposes only leaders whose phase fits.

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let net: string;
let hostUrn: number;
let as: Record<'admin' | 'head' | 'otherAdmin', Session>;
const leader: Record<'near' | 'far' | 'secondary', string> = { near: '', far: '', secondary: '' };
const spec: Record<'maths' | 'science' | 'english', string> = { maths: '', science: '', english: '' };

const money = () => `/networks/${net}/support/money`;
const api = (method: string, path: string, s: Session, body?: unknown) =>
  t.app.request(`/api/v1/networks/${net}${path}`, asJson(s, method, body));
const reachRow = async () => (await t.db.select().from(supportSettings).where(eq(supportSettings.networkId, net)))[0];

beforeAll(async () => {
  t = await createTestApp();
  net = (await makeNetwork(t.db)).id;
  // Along one line east of the requesting school: 10 km, 5 km and 62.4 km away.
  const host = await makeSchool(t.db, { name: 'Host Primary', easting: 400000, northing: 300000 });
  const near = await makeSchool(t.db, { name: 'Near Primary', easting: 410000, northing: 300000 });
  const secondary = await makeSchool(t.db, { name: 'Near Secondary', easting: 405000, northing: 300000, phase: 'Secondary' });
  const far = await makeSchool(t.db, { name: 'Far Primary', easting: 462400, northing: 300000 });
  hostUrn = host.urn;
  for (const s of [host, near, secondary, far]) await addSchoolToNetwork(t.db, net, s.urn);
  for (const code of ['maths', 'science', 'english'] as const)
    spec[code] = (
      await t.db
        .select()
        .from(specialisms)
        .where(and(isNull(specialisms.networkId), eq(specialisms.code, code)))
    )[0]!.id;
  const person = async (fullName: string, schoolUrn: number) => (await makeMember(t.db, net, 'system_leader', { fullName, schoolUrn })).id;
  leader.near = (await makeDesignation(t.db, net, await person('Nina Near', near.urn), { specialismIds: [spec.maths] })).id;
  leader.far = (await makeDesignation(t.db, net, await person('Fred Far', far.urn), { specialismIds: [spec.maths, spec.science] })).id;
  leader.secondary = (
    await makeDesignation(t.db, net, await person('Sam Secondary', secondary.urn), { phase: 'secondary', specialismIds: [spec.english] })
  ).id;
  const other = (await makeNetwork(t.db)).id;
  as = {
    admin: await t.signIn((await makeMember(t.db, net, 'network_admin')).id),
    head: await t.signIn((await makeMember(t.db, net, 'school_leader', { schoolUrn: host.urn })).id),
    otherAdmin: await t.signIn((await makeMember(t.db, other, 'network_admin')).id),
  };
});
afterAll(() => t?.close());

describe('the reach setting on the money page', () => {
  it('shows the default 50 km until the network saves its own, then saves it and audits the change', async () => {
    const page = await (await t.app.request(money(), { headers: as.admin.headers })).text();
    expect(page).toMatch(/id="reachKm" name="reachKm" type="text" value="50"/);
    expect(await reachRow()).toBeUndefined();
    const res = await t.post(`${money()}/reach`, as.admin, { reachKm: '60' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${money()}?done=saved#reach`);
    expect((await reachRow())?.reachKm).toBe(60);
    expect(await (await t.app.request(money(), { headers: as.admin.headers })).text()).toMatch(/name="reachKm" type="text" value="60"/);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'support_settings.updated'));
    expect(audit).toMatchObject({ networkId: net, subjectId: net, detail: { reachKm: 60 } });
    // Saving the reach is not saving the payment model.
    expect(await t.db.select().from(paymentModels).where(eq(paymentModels.networkId, net))).toEqual([]);
  });

  it('re-renders bad input with the error summary and the value typed, saving nothing', async () => {
    for (const typed of ['0', '501', 'abc', '', '12.5', '-3']) {
      const res = await t.post(`${money()}/reach`, as.admin, { reachKm: typed });
      expect(res.status, typed).toBe(400);
      const html = await res.text();
      expect(html).toContain('govuk-error-summary');
      expect(html).toContain('<a href="#reachKm">Enter the reach in whole kilometres, from 1 to 500</a>');
      expect(html).toContain(`name="reachKm" type="text" value="${typed}"`);
      // The payment model form keeps its values.
      expect(html).toContain('value="350.00"');
    }
    expect((await reachRow())?.reachKm).toBe(60);
  });

  it('is changed only by those who may change the money settings', async () => {
    expect((await t.post(`${money()}/reach`, as.head, { reachKm: '10' })).status).toBe(403);
    expect((await t.post(`/networks/${net}/support/money/reach`, as.otherAdmin, { reachKm: '10' })).status).toBe(403);
    expect((await api('PUT', '/support/settings', as.head, { reachKm: 10 })).status).toBe(403);
    expect((await api('GET', '/support/settings', as.head)).status).toBe(403);
    expect((await reachRow())?.reachKm).toBe(60);
  });
});

describe('the reach setting in the API', () => {
  it('reads and sets the reach; a bad one is a problem naming the field', async () => {
    expect(await (await api('GET', '/support/settings', as.admin)).json()).toEqual({ reachKm: 60, saved: true });
    for (const reachKm of [0, 501, 'abc', 12.5, null]) {
      const bad = await api('PUT', '/support/settings', as.admin, { reachKm });
      expect(bad.status, String(reachKm)).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      const body = (await bad.json()) as { errors: { path: string; message: string }[] };
      expect(body.errors[0]!.path).toBe('reachKm');
    }
    const res = await api('PUT', '/support/settings', as.admin, { reachKm: 50 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reachKm: 50, saved: true });
  });
});

describe('the reach and phase as hard rules', () => {
  const requestIds: Record<'maths' | 'science' | 'english', string> = { maths: '', science: '', english: '' };
  type Line = {
    requestId: string;
    proposedDesignationId: string | null;
    unservedReason: string | null;
    eligible: { designationId: string }[];
  };
  const allocateAll = async () => {
    const started = await api('POST', '/support/allocation-runs', as.admin);
    expect(started.status).toBe(202);
    const runId = ((await started.json()) as { id: string }).id;
    let run: { status: string; proposal: { lines: Line[] } | null } = { status: 'running', proposal: null };
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      run = (await (await api('GET', `/support/allocation-runs/${runId}`, as.admin)).json()) as typeof run;
      if (run.status === 'running') await new Promise((r) => setTimeout(r, 25));
    }
    expect(run.status).toBe('finished');
    return Object.fromEntries(
      (Object.keys(requestIds) as (keyof typeof requestIds)[]).map((k) => [
        k,
        run.proposal!.lines.find((l) => l.requestId === requestIds[k])!,
      ]),
    ) as Record<keyof typeof requestIds, Line>;
  };

  beforeAll(async () => {
    await api('PUT', '/support/settings', as.admin, { reachKm: 50 });
    for (const k of Object.keys(requestIds) as (keyof typeof requestIds)[]) {
      const res = await api('POST', '/support/requests', as.admin, {
        schoolUrn: hostUrn,
        kind: 'known_need',
        specialismId: spec[k],
        phase: 'primary',
        objectives: `Help with ${k}`,
        days: 2,
        preferredStartOn: '2025-10-01',
        preferredEndOn: '2025-12-19',
      });
      expect(res.status).toBe(201);
      requestIds[k] = ((await res.json()) as { id: string }).id;
    }
  });

  it('offers the leader within the reach and excludes the one beyond it, saying how far', async () => {
    const res = await api('GET', `/support/requests/${requestIds.maths}/matches`, as.admin);
    const ranking = (await res.json()) as {
      matches: { designationId: string; reasons: string[] }[];
      excluded: { designationId: string; reasons: string[] }[];
    };
    expect(ranking.matches.map((m) => m.designationId)).toEqual([leader.near]);
    expect(ranking.matches[0]!.reasons).toContain('10.0 km away');
    expect(ranking.excluded).toEqual([
      { designationId: leader.far, fullName: 'Fred Far', reasons: ['62.4 km away, beyond the network’s reach of 50 km'] },
    ]);
    const page = await (await t.app.request(`/networks/${net}/support/requests/${requestIds.maths}`, { headers: as.admin.headers })).text();
    expect(page).toContain('62.4 km away, beyond the network’s reach of 50 km');
  });

  it('refuses proposing a leader beyond the reach', async () => {
    const res = await api('POST', `/support/requests/${requestIds.maths}/deployments`, as.admin, { designationId: leader.far });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toContain('62.4 km away, beyond the network’s reach of 50 km');
    expect(await t.db.select().from(deployments).where(eq(deployments.requestId, requestIds.maths))).toEqual([]);
  });

  it('allocates all within the reach and fitting the phase only, saying why a request is unserved', async () => {
    const lines = await allocateAll();
    expect(lines.maths.proposedDesignationId).toBe(leader.near);
    expect(lines.maths.eligible.map((e) => e.designationId)).toEqual([leader.near]);
    expect(lines.science.proposedDesignationId).toBeNull();
    expect(lines.science.eligible).toEqual([]);
    expect(lines.science.unservedReason).toBe('No eligible leader. Fred Far: 62.4 km away, beyond the network’s reach of 50 km');
    // The secondary leader is eligible for the broker to choose, but never proposed for a primary need.
    expect(lines.english.proposedDesignationId).toBeNull();
    expect(lines.english.eligible.map((e) => e.designationId)).toEqual([leader.secondary]);
    expect(lines.english.unservedReason).toBe('No eligible leader’s phase fits (1 of another phase, whom the broker may still choose)');
    const page = await (await t.app.request(`/networks/${net}/support/allocate`, { headers: as.admin.headers })).text();
    expect(page).not.toContain(`value="${leader.far}"`);
    expect(page).toContain('No eligible leader’s phase fits');
  });

  it('follows a wider reach the network sets', async () => {
    expect((await api('PUT', '/support/settings', as.admin, { reachKm: 100 })).status).toBe(200);
    const lines = await allocateAll();
    expect(lines.science.proposedDesignationId).toBe(leader.far);
    expect(lines.maths.eligible.map((e) => e.designationId).sort()).toEqual([leader.near, leader.far].sort());
  });
});
