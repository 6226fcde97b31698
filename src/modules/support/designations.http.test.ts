import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { makeDeployment, makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { designationSpecialisms, designations } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let asAdmin: Session;
let asTeacher: Session;
let asOtherAdmin: Session;
let leader: { id: string };
let maths: string;
let reading: string;
let theirSpecialism: string;

const base = () => `/networks/${own.id}/designations`;
const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const rowsOf = (networkId = own.id) => t.db.select().from(designations).where(eq(designations.networkId, networkId));
const auditOf = (networkId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.networkId, networkId), eq(auditEvents.action, action)));
const api = (method: string, path: string, s: Session, body?: unknown) => t.app.request(`/api/v1${path}`, asJson(s, method, body));
const shared = async (code: string) =>
  (
    await t.db
      .select()
      .from(specialisms)
      .where(and(isNull(specialisms.networkId), eq(specialisms.code, code)))
  )[0]!.id;

const valid = () => ({
  personId: leader.id,
  kind: 'sle',
  phase: 'primary',
  releaseDays: '7.5',
  startsOn: '2025-09-01',
  endsOn: '2028-08-31',
  reviewOn: '2026-07-01',
  specialismIds: [maths, reading],
});

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  asAdmin = await t.signIn((await makeMember(t.db, own.id, 'network_admin')).id);
  asTeacher = await t.signIn((await makeMember(t.db, own.id, 'participant')).id);
  asOtherAdmin = await t.signIn((await makeMember(t.db, other.id, 'network_admin')).id);
  leader = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Priya Sharma' });
  maths = await shared('maths');
  reading = (await t.db.select().from(specialisms).where(isNull(specialisms.networkId)))[0]!.id;
  if (reading === maths) reading = (await t.db.select().from(specialisms).where(isNull(specialisms.networkId)))[1]!.id;
  const [row] = await t.db
    .insert(specialisms)
    .values({ networkId: other.id, code: 'forest_school', area: 'pupil_achievement', name: 'Forest school' })
    .returning();
  theirSpecialism = row!.id;
});
afterAll(() => t.close());

describe('designating a leader', () => {
  it('lets an admin designate a member with specialisms and half days, audited, and shows it', async () => {
    const res = await t.post(base(), asAdmin, valid());
    expect(res.status).toBe(303);
    const [row] = await rowsOf();
    expect(row).toMatchObject({ personId: leader.id, kind: 'sle', phase: 'primary', releaseDays: '7.5', status: 'active' });
    expect(res.headers.get('location')).toBe(`${base()}/${row!.id}?done=saved`);
    const links = await t.db.select().from(designationSpecialisms).where(eq(designationSpecialisms.designationId, row!.id));
    expect(links.map((l) => l.specialismId).sort()).toEqual([maths, reading].sort());
    expect(await auditOf(own.id, 'designation.created')).toHaveLength(1);
    const html = await (await get(`${base()}/${row!.id}`, asTeacher)).text();
    expect(html).toContain('Priya Sharma');
    expect(html).toContain('7.5 days');
    expect(html).toContain('Mathematics');
    expect(html).not.toContain('Withdraw designation');
    const list = await (await get(`${base()}?kind=sle`, asTeacher)).text();
    expect(list).toContain('Showing 1 to 1 of 1 designation');
    expect(await (await get(`${base()}?kind=nle`, asTeacher)).text()).toContain('No designations match');
  });

  it.each([
    [{ releaseDays: '0' }, 'Release days must be more than 0 and no more than 190'],
    [{ releaseDays: '191' }, 'no more than 190'],
    [{ releaseDays: '10.25' }, 'whole or half days'],
    [{ releaseDays: 'lots' }, 'Enter the release days as a number'],
    [{ endsOn: '2025-08-01' }, 'The end date must be after the start date'],
    [{ startsOn: '2025-02-30' }, 'Enter the start date'],
    [{ reviewOn: '2030-01-01' }, 'The review date must be within the term'],
    [{ kind: 'wizard' }, 'Select the kind of designation'],
    [{ phase: '' }, 'Select the phase'],
    [{ specialismIds: [] }, 'Select at least one specialism'],
    [{ specialismIds: ['THEIRS'] }, 'Select specialisms from the shared list or this network’s own'],
    [{ personId: '00000000-0000-4000-8000-000000000000' }, 'Select a member of this network'],
  ] as [Record<string, string | string[]>, string][])(
    'refuses %o with 400 and a clear message, saving nothing',
    async (change, message) => {
      const before = (await rowsOf()).length;
      const fields = { ...valid(), ...change } as Record<string, string | string[]>;
      // Another network's own specialism: its id is known only once the database is set up.
      if (change.specialismIds?.toString() === 'THEIRS') fields.specialismIds = [theirSpecialism];
      const res = await t.post(base(), asAdmin, fields);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain(message);
      expect(await rowsOf()).toHaveLength(before);
    },
  );

  it('refuses a member who is not an admin and another network’s admin, audited, saving nothing', async () => {
    const before = (await rowsOf()).length;
    expect((await t.post(base(), asTeacher, valid())).status).toBe(403);
    expect((await t.post(base(), asOtherAdmin, valid())).status).toBe(403);
    expect((await get(`${base()}/new`, asTeacher)).status).toBe(403);
    expect(await rowsOf()).toHaveLength(before);
    expect((await auditOf(own.id, 'access.refused')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('editing and withdrawing', () => {
  it('saves a valid edit (audited) and refuses a bad one without changing anything', async () => {
    const d = await makeDesignation(t.db, own.id, leader.id, { specialismIds: [maths] });
    const page = `${base()}/${d.id}`;
    const bad = await t.post(page, asAdmin, { ...valid(), releaseDays: '-2' });
    expect(bad.status).toBe(400);
    expect((await t.db.select().from(designations).where(eq(designations.id, d.id)))[0]!.releaseDays).toBe('15.0');
    const ok = await t.post(page, asAdmin, { ...valid(), kind: 'lle', releaseDays: '10' });
    expect(ok.status).toBe(303);
    expect((await t.db.select().from(designations).where(eq(designations.id, d.id)))[0]).toMatchObject({
      kind: 'lle',
      releaseDays: '10.0',
    });
    expect((await auditOf(own.id, 'designation.updated')).map((e) => e.subjectId)).toContain(d.id);
    expect(await (await get(page, asAdmin)).text()).toContain('Leadership level');
  });

  it('refuses release days below the days already allocated in a school year, with the numbers, and so does the database', async () => {
    const d = await makeDesignation(t.db, own.id, leader.id, { specialismIds: [maths] });
    const school = await makeSchool(t.db, { name: 'Oak Primary' });
    const request = await makeSupportRequest(t.db, own.id, school.urn, { specialismId: maths });
    await makeDeployment(
      t.db,
      request,
      d,
      [
        ['2025-10-01', 2],
        ['2025-10-08', 2],
      ],
      { days: '6' },
    );
    const page = `${base()}/${d.id}`;
    const refused = await t.post(page, asAdmin, { ...valid(), releaseDays: '5.5' });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('Priya Sharma already has 6 days allocated in 2025 to 2026: release days cannot be fewer than 6 days');
    expect((await t.db.select().from(designations).where(eq(designations.id, d.id)))[0]!.releaseDays).toBe('15.0');
    // Down to exactly what is allocated is fine.
    expect((await t.post(page, asAdmin, { ...valid(), releaseDays: '6' })).status).toBe(303);
    // A write that goes around the command is refused by the database.
    await expect(t.db.update(designations).set({ releaseDays: '4' }).where(eq(designations.id, d.id))).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/Release days below allocations/) }),
    });
    const viaApi = await api('PUT', `/networks/${own.id}/designations/${d.id}`, asAdmin, { ...valid(), releaseDays: 3 });
    expect(viaApi.status).toBe(409);
    expect(((await viaApi.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('releaseDays');
    const withdrawn = await api('POST', `/networks/${own.id}/designations/${d.id}/withdrawal`, asAdmin);
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as { status: string }).status).toBe('withdrawn');
    expect((await api('POST', `/networks/${own.id}/designations/${d.id}/withdrawal`, asAdmin)).status).toBe(409);
  });

  it('withdraws an active designation once; a withdrawn one cannot be changed', async () => {
    const d = await makeDesignation(t.db, own.id, leader.id, { specialismIds: [maths] });
    const page = `${base()}/${d.id}`;
    expect((await t.post(`${page}/withdraw`, asTeacher, {})).status).toBe(403);
    expect((await t.post(`${page}/withdraw`, asAdmin, {})).status).toBe(303);
    expect((await t.db.select().from(designations).where(eq(designations.id, d.id)))[0]!.status).toBe('withdrawn');
    expect((await auditOf(own.id, 'designation.withdrawn')).map((e) => e.subjectId)).toContain(d.id);
    const again = await t.post(`${page}/withdraw`, asAdmin, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already withdrawn');
    expect((await t.post(page, asAdmin, valid())).status).toBe(409);
  });

  it('answers another network’s designation with 403 (audited there) and an unknown one with 404', async () => {
    const stranger = await makeMember(t.db, other.id, 'system_leader');
    const theirs = await makeDesignation(t.db, other.id, stranger.id);
    expect((await get(`${base()}/${theirs.id}`, asAdmin)).status).toBe(403);
    expect((await auditOf(other.id, 'access.refused')).length).toBeGreaterThan(0);
    expect((await get(`${base()}/00000000-0000-4000-8000-000000000000`, asAdmin)).status).toBe(404);
    expect((await get(`${base()}/nonsense`, asAdmin)).status).toBe(404);
  });
});

describe('a person’s designations', () => {
  it('are linked from their person page and listed on their own', async () => {
    const other = await makeMember(t.db, own.id, 'system_leader', { fullName: 'Omar Other' });
    await makeDesignation(t.db, own.id, other.id, { kind: 'nle', specialismIds: [maths] });
    const person = await (await get(`/networks/${own.id}/people/${other.id}`, asTeacher)).text();
    expect(person).toContain(`href="${base()}?person=${other.id}"`);
    const html = await (await get(`${base()}?person=${other.id}`, asTeacher)).text();
    expect(html).toContain('Showing 1 to 1 of 1 designation');
    expect(html).toContain('Omar Other');
    expect(html).not.toContain('Priya Sharma');
    const json = (await (await api('GET', `/networks/${own.id}/designations?personId=${other.id}`, asTeacher)).json()) as {
      data: { kind: string }[];
    };
    expect(json.data.map((d) => d.kind)).toEqual(['nle']);
  });
});

describe('designations API', () => {
  const body = () => ({ ...valid(), releaseDays: 12.5 });

  it('creates one for an admin (201) and lists it', async () => {
    const res = await api('POST', `/networks/${own.id}/designations`, asAdmin, body());
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; releaseDays: number; specialismIds: string[] };
    expect(created).toMatchObject({ releaseDays: 12.5, kind: 'sle', status: 'active' });
    expect(created).toHaveProperty('leadershipLevel');
    expect(created.specialismIds.sort()).toEqual([maths, reading].sort());
    const list = (await (await api('GET', `/networks/${own.id}/designations?perPage=200`, asTeacher)).json()) as { data: { id: string }[] };
    expect(list.data.map((d) => d.id)).toContain(created.id);
  });

  it.each([
    [{ releaseDays: '12' }, 'releaseDays'],
    [{ releaseDays: 12.3 }, 'releaseDays'],
    [{ specialismIds: 'maths' }, 'specialismIds'],
    [{ startsOn: 'yesterday' }, 'startsOn'],
  ])('answers wrong input %o with 400 naming the field, saving nothing', async (change, field) => {
    const before = (await rowsOf()).length;
    const res = await api('POST', `/networks/${own.id}/designations`, asAdmin, { ...body(), ...change });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(field);
    expect(await rowsOf()).toHaveLength(before);
  });

  it('refuses the end before the start with 400 naming endsOn, and a non-admin with 403', async () => {
    const res = await api('POST', `/networks/${own.id}/designations`, asAdmin, { ...body(), endsOn: '2024-01-01', reviewOn: null });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('endsOn');
    expect((await api('POST', `/networks/${own.id}/designations`, asTeacher, body())).status).toBe(403);
  });
});
