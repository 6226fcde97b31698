import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { specialisms } from './schema.ts';
import { sharedSpecialisms } from './specialisms.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let asAdmin: Session;
let asTeacher: Session;
let asOtherAdmin: Session;
let theirs: { id: string };

const page = () => `/networks/${own.id}/specialisms`;
const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const ownRows = (networkId = own.id) => t.db.select().from(specialisms).where(eq(specialisms.networkId, networkId));
const auditOf = (networkId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.networkId, networkId), eq(auditEvents.action, action)));
const api = (method: string, path: string, s: Session | null, body?: unknown) =>
  t.app.request(`/api/v1${path}`, {
    method,
    headers: {
      ...(s ? { ...s.headers, 'x-csrf-token': s.csrf } : {}),
      origin: 'http://localhost',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
type SpecialismJson = { id: string; code: string; name: string; area: string; networkId: string | null };
type PageJson = { data: SpecialismJson[]; meta: { page: number; perPage: number; total: number } };

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  asAdmin = await t.signIn((await makeMember(t.db, own.id, 'network_admin')).id);
  asTeacher = await t.signIn((await makeMember(t.db, own.id, 'participant')).id);
  asOtherAdmin = await t.signIn((await makeMember(t.db, other.id, 'network_admin')).id);
  const [row] = await t.db
    .insert(specialisms)
    .values({ networkId: other.id, code: 'forest_school', area: 'pupil_achievement', name: 'Forest school' })
    .returning();
  theirs = row!;
});
afterAll(() => t.close());

describe('specialisms page', () => {
  it('shows any member the shared taxonomy grouped by area, without the add form or another network’s own', async () => {
    const res = await get(page(), asTeacher);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Specialisms – Alliance</title>');
    const captions = [...html.matchAll(/govuk-table__caption--m">([^<]+)</g)].map((m) => m[1]);
    expect(captions).toEqual(['Leadership and management', 'Pupil achievement', 'Quality of teaching', 'Behaviour and safety']);
    expect(html).toContain('Support for the most able');
    expect(html).toContain('ITT and NQT development');
    expect(html).not.toContain('Forest school');
    expect(html).not.toContain('Add a specialism of your own');
    expect(html).not.toContain('/remove"');
  });

  it('refuses someone from another network, audited', async () => {
    expect((await get(page(), asOtherAdmin)).status).toBe(403);
    expect((await auditOf(own.id, 'access.refused')).length).toBeGreaterThan(0);
  });

  it('lets an admin add one of the network’s own: code from the name, marked as own, audited', async () => {
    const res = await t.post(page(), asAdmin, { name: 'Oracy & debate', area: 'pupil_achievement' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page()}?done=added`);
    expect(await ownRows()).toMatchObject([{ code: 'oracy_and_debate', name: 'Oracy & debate', area: 'pupil_achievement' }]);
    const [event] = await auditOf(own.id, 'specialism.added');
    expect(event?.detail).toEqual({ code: 'oracy_and_debate', name: 'Oracy & debate', area: 'pupil_achievement' });
    const html = await (await get(page(), asTeacher)).text();
    expect(html).toContain('Oracy &amp; debate');
    expect(html).toContain('This network&#39;s own');
  });

  it.each([
    [{ name: '', area: 'pupil_achievement' }, 400, 'Enter the name of the specialism'],
    [{ name: 'Oracy' }, 400, 'Select the area it belongs to'],
    [{ name: 'Oracy', area: 'cooking' }, 400, 'Select the area it belongs to'],
    [{ name: '!!!', area: 'pupil_achievement' }, 400, 'Enter a name with letters or numbers in it'],
    [{ name: 'mathematics', area: 'pupil_achievement' }, 409, 'Mathematics is already in the shared list'],
    [
      { name: 'Maths', area: 'pupil_achievement' },
      409,
      'Maths has the same code (maths) as Mathematics, which is already in the shared list',
    ],
    [{ name: 'ORACY & DEBATE', area: 'quality_of_teaching' }, 409, 'Oracy &amp; debate is already in this network&#39;s own specialisms'],
  ])('re-renders %o with %i, a clear message, and adds nothing', async (fields, status, message) => {
    const res = await t.post(page(), asAdmin, fields);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain(message);
    expect(await ownRows()).toHaveLength(1);
  });

  it('refuses an add by a member who is not an admin, or by another network’s admin', async () => {
    expect((await t.post(page(), asTeacher, { name: 'Chess', area: 'pupil_achievement' })).status).toBe(403);
    expect((await t.post(page(), asOtherAdmin, { name: 'Chess', area: 'pupil_achievement' })).status).toBe(403);
    expect(await ownRows()).toHaveLength(1);
  });

  it('never removes a shared row, nor another network’s own (refused and audited there); unknown is 404', async () => {
    const [maths] = await t.db
      .select()
      .from(specialisms)
      .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
    const shared = await t.post(`${page()}/${maths!.id}/remove`, asAdmin, {});
    expect(shared.status).toBe(403);
    expect(await shared.text()).toContain('no network can remove them');
    const before = (await auditOf(other.id, 'access.refused')).length;
    expect((await t.post(`${page()}/${theirs.id}/remove`, asAdmin, {})).status).toBe(403);
    expect((await auditOf(other.id, 'access.refused')).length).toBe(before + 1);
    expect((await t.post(`${page()}/${crypto.randomUUID()}/remove`, asAdmin, {})).status).toBe(404);
    expect(await t.db.select().from(specialisms).where(isNull(specialisms.networkId))).toHaveLength(sharedSpecialisms.length);
    expect(await ownRows(other.id)).toHaveLength(1);
  });

  it('lets an admin remove the network’s own (audited), not a member who is not an admin', async () => {
    const [mine] = await ownRows();
    expect((await t.post(`${page()}/${mine!.id}/remove`, asTeacher, {})).status).toBe(403);
    const admin = await (await get(page(), asAdmin)).text();
    expect(admin).toContain(`/specialisms/${mine!.id}/remove`);
    const res = await t.post(`${page()}/${mine!.id}/remove`, asAdmin, {});
    expect(res.status).toBe(303);
    expect(await ownRows()).toHaveLength(0);
    expect(await auditOf(own.id, 'specialism.removed')).toHaveLength(1);
  });
});

describe('specialisms API', () => {
  it('lists the shared taxonomy to anyone signed in, in area order and paged; refuses the signed out', async () => {
    const res = await api('GET', '/specialisms?perPage=5', asOtherAdmin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PageJson;
    expect(body.meta).toEqual({ page: 1, perPage: 5, total: sharedSpecialisms.length });
    expect(body.data.map((s) => s.area)).toEqual(Array(5).fill('leadership_and_management'));
    const all = (await (await api('GET', '/specialisms?perPage=200', asTeacher)).json()) as PageJson;
    expect(all.data.every((s) => s.networkId === null)).toBe(true);
    expect(all.data.at(-1)?.area).toBe('behaviour_and_safety');
    expect((await api('GET', '/specialisms', null)).status).toBe(401);
  });

  it('adds one of the network’s own (admins), then lists it with the shared ones to members', async () => {
    const created = await api('POST', `/networks/${own.id}/specialisms`, asAdmin, { name: 'Outdoor learning', area: 'pupil_achievement' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: 'outdoor_learning', networkId: own.id, area: 'pupil_achievement' });
    const list = (await (await api('GET', `/networks/${own.id}/specialisms?perPage=200`, asTeacher)).json()) as PageJson;
    expect(list.meta.total).toBe(sharedSpecialisms.length + 1);
    expect(list.data.filter((s) => s.networkId !== null).map((s) => s.name)).toEqual(['Outdoor learning']);
    expect(list.data.map((s) => s.name)).not.toContain('Forest school');
    expect(await auditOf(own.id, 'specialism.added')).toHaveLength(2);
  });

  it('answers bad input with 400 problem+json naming the fields, a clash with 409, and adds nothing', async () => {
    const bad = await api('POST', `/networks/${own.id}/specialisms`, asAdmin, { name: 7, area: 'cooking' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['area', 'name']);
    const clash = await api('POST', `/networks/${own.id}/specialisms`, asAdmin, { name: 'Science', area: 'pupil_achievement' });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { detail: string }).detail).toContain('Science is already in the shared list');
    expect(await ownRows()).toHaveLength(1);
  });

  it('refuses a member who is not an admin, and another network, with 403 (audited); a malformed id is 400', async () => {
    expect((await api('POST', `/networks/${own.id}/specialisms`, asTeacher, { name: 'Chess', area: 'pupil_achievement' })).status).toBe(
      403,
    );
    const before = (await auditOf(other.id, 'access.refused')).length;
    expect((await api('GET', `/networks/${other.id}/specialisms`, asTeacher)).status).toBe(403);
    expect((await api('POST', `/networks/${other.id}/specialisms`, asAdmin, { name: 'Chess', area: 'pupil_achievement' })).status).toBe(
      403,
    );
    expect((await auditOf(other.id, 'access.refused')).length).toBe(before + 2);
    expect((await api('GET', '/networks/nope/specialisms', asTeacher)).status).toBe(400);
    expect(await ownRows()).toHaveLength(1);
  });
});
