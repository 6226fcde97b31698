import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { todayIso } from '../../kernel/dates.ts';
import {
  ensurePartnership,
  makeDeployment,
  makeDesignation,
  makeMember,
  makeNetwork,
  makeSchool,
  makeSupportRequest,
} from '../../seed/factories.ts';
import { people, specialisms } from '../networks/schema.ts';
import { designations } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
type Entry = { fullName: string; distanceKm: number | null; specialisms: string[]; designations: { kind: string; releaseDays: number }[] };
let t: TestApp;
let own: { id: string };
let asMember: Session;
let asPartner: Session;
let asStranger: Session;
let maths: string;
let send: string;
let origin: number;
let unplaced: number;

const page = (query = '') => `/networks/${own.id}/directory${query}`;
const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const api = async (query: string, s: Session) => {
  const res = await t.app.request(`/api/v1/networks/${own.id}/directory${query}`, { headers: s.headers });
  return { status: res.status, body: (await res.json()) as { data: Entry[]; meta: { total: number } } };
};
const names = async (query: string) => (await api(query, asMember)).body.data.map((e) => e.fullName);
const sharedId = async (code: string) =>
  (
    await t.db
      .select()
      .from(specialisms)
      .where(and(isNull(specialisms.networkId), eq(specialisms.code, code)))
  )[0]?.id;

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  const partner = await makeNetwork(t.db, { name: 'Partner Trust', kind: 'trust' });
  const stranger = await makeNetwork(t.db, { name: 'Stranger Trust', kind: 'trust' });
  await ensurePartnership(t.db, own.id, partner.id);
  asMember = await t.signIn((await makeMember(t.db, own.id, 'participant')).id);
  asPartner = await t.signIn((await makeMember(t.db, partner.id, 'school_leader')).id);
  asStranger = await t.signIn((await makeMember(t.db, stranger.id, 'network_admin')).id);
  const all = await t.db.select().from(specialisms).where(isNull(specialisms.networkId));
  maths = (await sharedId('maths'))!;
  send = all.find((s) => s.id !== maths)!.id;
  // Schools on a line east of the origin: 3 km, 10 km and 50 km away.
  origin = (await makeSchool(t.db, { name: 'Origin Primary', easting: 400000, northing: 300000 })).urn;
  unplaced = (await makeSchool(t.db, { name: 'Nowhere School', easting: null, northing: null })).urn;
  const at = async (km: number, name: string) => (await makeSchool(t.db, { name, easting: 400000 + km * 1000, northing: 300000 })).urn;
  const near = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Nina Near', schoolUrn: await at(3, 'Near School') });
  const mid = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Amir Middle', schoolUrn: await at(10, 'Middle School') });
  const far = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Zoe Far', schoolUrn: await at(50, 'Far School') });
  const lapsed = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Lapsed Leader', schoolUrn: await at(1, 'Lapsed School') });
  const future = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Future Leader' });
  const withdrawn = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Withdrawn Leader' });
  await makeDesignation(t.db, own.id, near.id, { kind: 'sle', phase: 'primary', releaseDays: '7.5', specialismIds: [maths] });
  await makeDesignation(t.db, own.id, mid.id, { kind: 'lle', phase: 'secondary', specialismIds: [send] });
  await makeDesignation(t.db, own.id, mid.id, { kind: 'sle', phase: 'secondary', specialismIds: [maths] });
  await makeDesignation(t.db, own.id, far.id, { kind: 'nle', phase: 'primary', specialismIds: [maths, send] });
  await makeDesignation(t.db, own.id, lapsed.id, { startsOn: '2020-09-01', endsOn: '2023-09-01', specialismIds: [maths] });
  await makeDesignation(t.db, own.id, future.id, { startsOn: '2099-09-01', endsOn: '2100-09-01', specialismIds: [maths] });
  await makeDesignation(t.db, own.id, withdrawn.id, { status: 'withdrawn', specialismIds: [maths] });
});
afterAll(() => t.close());

describe('directory of expertise', () => {
  it('lists only people with a designation current today, by name, with designations and specialisms', async () => {
    const { status, body } = await api('', asMember);
    expect(status).toBe(200);
    expect(body.data.map((e) => e.fullName)).toEqual(['Amir Middle', 'Nina Near', 'Zoe Far']);
    const amir = body.data[0]!;
    expect(amir.designations.map((d) => d.kind).sort()).toEqual(['lle', 'sle']);
    expect(amir.specialisms).toHaveLength(2);
    expect(amir.distanceKm).toBeNull();
  });

  it('finds leaders by free text (name, school or specialism) and by the days they have left this school year', async () => {
    expect(await names('?q=far%20school')).toEqual(['Zoe Far']);
    expect(await names('?q=mathematics')).toEqual(['Amir Middle', 'Nina Near', 'Zoe Far']);
    // Nina (7.5 days released) has 6 of them given to a deployment this school year: 1.5 left.
    const [nina] = await t.db
      .select()
      .from(designations)
      .innerJoin(people, eq(people.id, designations.personId))
      .where(eq(people.fullName, 'Nina Near'));
    const host = await makeSchool(t.db);
    const today = todayIso();
    const request = await makeSupportRequest(t.db, own.id, host.urn, { specialismId: maths });
    await makeDeployment(t.db, request, { id: nina!.designations.id, personId: nina!.people.id, kind: 'sle' }, [[today, 2]], {
      days: '6',
      status: 'agreed',
      startsOn: today,
      endsOn: today,
    });
    expect(await names('?minDaysLeft=2')).toEqual(['Amir Middle', 'Zoe Far']);
    expect(await names('?minDaysLeft=1.5')).toEqual(['Amir Middle', 'Nina Near', 'Zoe Far']);
    const ninaEntry = (await api('?q=Nina', asMember)).body.data[0]!;
    expect(ninaEntry.designations[0]).toMatchObject({ releaseDays: 7.5, daysLeft: 1.5 });
    const html = await (await get(page('?available=2'), asMember)).text();
    expect(html).not.toContain('Nina Near');
    expect(await (await get(page('?q=Nina'), asMember)).text()).toContain('1.5 of 7.5 days left this year');
  });

  it('gives a leader’s profile in the API to members and partner networks, with days left; never to strangers', async () => {
    const [nina] = await t.db.select().from(people).where(eq(people.fullName, 'Nina Near'));
    const path = `/api/v1/networks/${own.id}/directory/${nina!.id}`;
    const res = await t.app.request(path, { headers: asPartner.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ fullName: 'Nina Near', designations: [{ kind: 'sle', releaseDays: 7.5, current: true }] });
    expect((await t.app.request(path, { headers: asStranger.headers })).status).toBe(403);
    expect((await t.app.request(`/api/v1/networks/${own.id}/directory/${own.id}`, { headers: asMember.headers })).status).toBe(404);
  });

  it('links each leader to their profile page', async () => {
    const html = await (await get(`/networks/${own.id}/directory?q=Amir`, asMember)).text();
    const href = html.match(/href="(\/networks\/[^"]+\/directory\/[0-9a-f-]{36})"/)?.[1];
    expect(href).toBeDefined();
    const profile = await get(href!, asMember);
    expect(profile.status).toBe(200);
    expect(await profile.text()).toContain('Amir Middle');
  });

  it('filters by specialism, phase, designation and name', async () => {
    expect(await names(`?specialismId=${send}`)).toEqual(['Amir Middle', 'Zoe Far']);
    expect(await names('?phase=primary')).toEqual(['Nina Near', 'Zoe Far']);
    expect(await names('?kind=nle')).toEqual(['Zoe Far']);
    expect(await names('?kind=lle&phase=primary')).toEqual([]);
    expect(await names('?q=nin')).toEqual(['Nina Near']);
    expect(await names('?q=50%25')).toEqual([]);
  });

  it('sorts nearest first from a school and gives the distance in km', async () => {
    const { body } = await api(`?urn=${origin}`, asMember);
    expect(body.data.map((e) => [e.fullName, e.distanceKm])).toEqual([
      ['Nina Near', 3],
      ['Amir Middle', 10],
      ['Zoe Far', 50],
    ]);
    const html = await (await get(page(`?urn=${origin}&phase=primary`), asMember)).text();
    expect(html).toContain('nearest to Origin Primary first');
    expect(html.indexOf('Nina Near')).toBeLessThan(html.indexOf('Zoe Far'));
    expect(html).toContain('3.0 km');
    expect(html).toContain('50.0 km');
    expect(html).not.toContain('Amir Middle');
  });

  it('pages the results', async () => {
    const { body } = await api(`?urn=${origin}&perPage=2&page=2`, asMember);
    expect(body.data.map((e) => e.fullName)).toEqual(['Zoe Far']);
    expect(body.meta.total).toBe(3);
    expect((await api('?perPage=2&page=9', asMember)).body.meta.total).toBe(3);
    const html = await (await get(page('?kind=sle'), asMember)).text();
    expect(html).toContain('Showing 1 to 2 of 2 leaders');
  });

  it('shows each designation’s days left of its release days this school year', async () => {
    const html = await (await get(page('?q=Amir'), asMember)).text();
    expect(html).toContain('SLE (Secondary, 15 of 15 days left this year)');
  });

  it('refuses a school that is unknown or has no location with a clear message', async () => {
    const unknown = await get(page('?urn=12345678'), asMember);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('There is no school with URN 12345678');
    const nowhere = await get(page(`?urn=${unplaced}`), asMember);
    expect(nowhere.status).toBe(400);
    expect(await nowhere.text()).toContain('has no location');
    expect((await api(`?urn=${unplaced}`, asMember)).status).toBe(400);
  });

  it('answers wrongly typed API filters with 400', async () => {
    expect((await api('?phase=university', asMember)).status).toBe(400);
    expect((await api('?specialismId=maths', asMember)).status).toBe(400);
    expect((await api('?urn=abc', asMember)).status).toBe(400);
  });

  it('is visible to a partner network’s members, and refused (audited) to a stranger', async () => {
    const res = await get(page(), asPartner);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Nina Near');
    expect((await api('', asPartner)).body.data).toHaveLength(3);
    expect((await get(page(), asStranger)).status).toBe(403);
    expect((await api('', asStranger)).status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, own.id), eq(auditEvents.action, 'access.refused')));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    // The partnership opens the directory only, not the designations behind it.
    expect((await get(`/networks/${own.id}/designations`, asPartner)).status).toBe(403);
  });
});
