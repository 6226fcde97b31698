import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { networkSchools } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let admin: Session;
let teacher: Session;

const get = (path: string, session: Session) => t.app.request(path, { headers: session.headers });
const getJson = async <T>(path: string, session: Session) => {
  const res = await get(path, session);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as T };
};

/** A multipart upload as a browser sends it, with the CSRF token. */
function upload(networkId: string, session: Session, content: string | Uint8Array<ArrayBuffer>, name = 'schools.csv') {
  const form = new FormData();
  form.append('_csrf', session.csrf);
  form.append('file', new File([content], name, { type: 'text/csv' }));
  return t.app.request(`/networks/${networkId}/schools/import`, {
    method: 'POST',
    body: form,
    headers: { cookie: session.cookie, origin: 'http://localhost' },
  });
}

/** Follow the result page until the background import has finished. */
async function finishedResult(location: string, session: Session) {
  for (let i = 0; i < 200; i++) {
    const html = await (await get(location, session)).text();
    if (!html.includes('data-live-progress')) return html;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  admin = await t.signIn((await makeMember(t.db, own.id, 'network_admin')).id);
  teacher = await t.signIn((await makeMember(t.db, own.id, 'participant')).id);
  await makeSchool(t.db, { urn: 142205, name: 'Sacred Heart Catholic Primary School', localAuthority: 'Coventry', ofstedRating: 'Good' });
  await makeSchool(t.db, {
    urn: 139292,
    name: 'Caludon Castle School',
    phase: 'Secondary',
    localAuthority: 'Coventry',
    ofstedRating: 'Outstanding',
  });
  await makeSchool(t.db, {
    urn: 103700,
    name: 'Whitley Academy',
    phase: 'Secondary',
    localAuthority: 'Coventry',
    ofstedRating: 'Requires improvement',
  });
  await makeSchool(t.db, { urn: 200001, name: 'Sacred Heart School Leeds', localAuthority: 'Leeds', ofstedRating: 'Outstanding' });
  for (let i = 0; i < 60; i++)
    await makeSchool(t.db, { urn: 300000 + i, name: `Paging Primary ${String(i).padStart(2, '0')}`, localAuthority: 'Paging' });
  await addSchoolToNetwork(t.db, own.id, 142205);
  await addSchoolToNetwork(t.db, own.id, 139292);
  await addSchoolToNetwork(t.db, other.id, 200001);
});
afterAll(() => t.close());

describe('schools list', () => {
  it('shows member schools by default, and all schools on request', async () => {
    const members = await (await get(`/networks/${own.id}/schools`, teacher)).text();
    expect(members).toContain('Sacred Heart Catholic Primary School');
    expect(members).toContain('Caludon Castle School');
    expect(members).not.toContain('Whitley Academy');
    expect(members).toContain('Showing 1 to 2 of 2 schools');
    const all = await (await get(`/networks/${own.id}/schools?scope=all&q=sacred`, teacher)).text();
    expect(all).toContain('Sacred Heart Catholic Primary School');
    expect(all).toContain('Sacred Heart School Leeds');
  });

  it('searches by name or URN and filters by phase, local authority and Ofsted rating', async () => {
    const byUrn = await (await get(`/networks/${own.id}/schools?scope=all&q=103700`, teacher)).text();
    expect(byUrn).toContain('Whitley Academy');
    expect(byUrn).toContain('Showing 1 to 1 of 1 school');
    const filtered = await (
      await get(`/networks/${own.id}/schools?scope=all&phase=Secondary&la=Coventry&ofsted=Outstanding`, teacher)
    ).text();
    expect(filtered).toContain('Caludon Castle School');
    expect(filtered).not.toContain('Whitley Academy');
    // Search terms are text, not patterns.
    const pattern = await (await get(`/networks/${own.id}/schools?scope=all&q=%25`, teacher)).text();
    expect(pattern).toContain('No schools match your search.');
  });

  it('pages 50 at a time, keeping the filters in the links', async () => {
    const first = await (await get(`/networks/${own.id}/schools?scope=all&la=Paging`, teacher)).text();
    expect(first).toContain('Showing 1 to 50 of 60 schools');
    expect(first).toContain('la=Paging&amp;scope=all&amp;page=2');
    const second = await (await get(`/networks/${own.id}/schools?scope=all&la=Paging&page=2`, teacher)).text();
    expect(second).toContain('Showing 51 to 60 of 60 schools');
    expect(second).toContain('Paging Primary 59');
    const nonsense = await get(`/networks/${own.id}/schools?page=abc&scope=everything`, teacher);
    expect(nonsense.status).toBe(200);
  });

  it("refuses another network's schools list and audits it", async () => {
    const res = await get(`/networks/${other.id}/schools`, teacher);
    expect(res.status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, other.id), eq(auditEvents.action, 'access.refused')));
    expect(refusals.length).toBeGreaterThan(0);
  });
});

describe('school page and membership', () => {
  it('shows the school with its membership of this network', async () => {
    const html = await (await get(`/networks/${own.id}/schools/142205`, teacher)).text();
    expect(html).toContain('Sacred Heart Catholic Primary School');
    expect(html).toContain('Joined 1 September 2024');
    expect(html).not.toContain('Remove from the network');
    expect((await get(`/networks/${own.id}/schools/999999`, teacher)).status).toBe(404);
  });

  it('lets an admin add a school and later remove it, keeping the history', async () => {
    const added = await t.post(`/networks/${own.id}/schools/103700/join`, admin, { joinedOn: '2024-01-10' });
    expect(added.status).toBe(303);
    const again = await t.post(`/networks/${own.id}/schools/103700/join`, admin, { joinedOn: '2024-02-10' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already a member');
    const early = await t.post(`/networks/${own.id}/schools/103700/leave`, admin, { leftOn: '2023-01-01' });
    expect(early.status).toBe(400);
    const bad = await t.post(`/networks/${own.id}/schools/103700/leave`, admin, { leftOn: 'soon' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter the date the school left');
    const left = await t.post(`/networks/${own.id}/schools/103700/leave`, admin, { leftOn: '2024-07-31' });
    expect(left.status).toBe(303);
    const history = await t.db.select().from(networkSchools).where(eq(networkSchools.schoolUrn, 103700));
    expect(history).toMatchObject([{ joinedOn: '2024-01-10', leftOn: '2024-07-31' }]);
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, '103700'))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['school.joined_network', 'school.left_network']));
  });

  it('refuses membership changes by a non-admin', async () => {
    const res = await t.post(`/networks/${own.id}/schools/103700/join`, teacher, { joinedOn: '2024-09-01' });
    expect(res.status).toBe(403);
  });
});

describe('import pages', () => {
  it('imports an upload in the background and shows the rejected rows', async () => {
    const csv = [
      'urn,laestab,num_pupils,phase,la_name,region,ofsted_rating,last_ofsted_date,easting,northing',
      '410001,1,,Primary,Rutland,East Midlands,Good,01-03-2017,490000,300000',
      ',1,,Primary,Rutland,East Midlands,,,490000,300000',
      '410003,1,,Primary,Rutland,East Midlands,,,far east,300000',
      '410001,1,,Primary,Rutland,East Midlands,,,490000,300000',
    ].join('\n');
    const res = await upload(own.id, admin, csv);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/networks/${own.id}/schools/imports/[0-9a-f-]{36}$`));
    const html = await finishedResult(location, admin);
    expect(html).toContain('Schools imported');
    expect(html).toContain('missing URN');
    expect(html).toContain('easting &quot;far east&quot; is not a number');
    expect(html).toContain('URN duplicated: first seen on line 2');
    const school = await get(`/networks/${own.id}/schools/410001`, admin);
    expect(school.status).toBe(200);
    // Another network's admin cannot read the result.
    const otherAdmin = await t.signIn((await makeMember(t.db, other.id, 'network_admin')).id);
    expect((await get(location.replace(own.id, other.id), otherAdmin)).status).toBe(403);
  });

  it('imports the GIAS sample', async () => {
    const res = await upload(
      own.id,
      admin,
      readFileSync(new URL('../../../test/fixtures/gias_sample.csv', import.meta.url)),
      'gias_sample.csv',
    );
    const html = await finishedResult(res.headers.get('location')!, admin);
    expect(html.replace(/\s+/g, ' ')).toMatch(/Rows read <\/dt> <dd class="govuk-summary-list__value"> 99 /);
    const aldgate = await (await get(`/networks/${own.id}/schools?scope=all&q=aldgate`, admin)).text();
    expect(aldgate).toContain('The Aldgate School');
  });

  it('re-shows the form for a missing file or a wrong header', async () => {
    const wrong = await upload(own.id, admin, 'name,town\nA,B\n');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('missing columns');
    const form = new FormData();
    form.append('_csrf', admin.csrf);
    const none = await t.app.request(`/networks/${own.id}/schools/import`, {
      method: 'POST',
      body: form,
      headers: { cookie: admin.cookie, origin: 'http://localhost' },
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Select a GIAS CSV file');
  });

  it('refuses the import to a non-admin', async () => {
    expect((await get(`/networks/${own.id}/schools/import`, teacher)).status).toBe(403);
    expect((await upload(own.id, teacher, 'urn\n1\n')).status).toBe(403);
  });

  it('answers an over-large upload with 413', async () => {
    const res = await t.app.request(`/networks/${own.id}/schools/import`, {
      method: 'POST',
      body: 'x',
      headers: {
        cookie: admin.cookie,
        origin: 'http://localhost',
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(61 * 1024 * 1024),
      },
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('The file is too large');
  });
});

describe('schools API', () => {
  it('searches all schools for any signed-in person, paged', async () => {
    const { status, body } = await getJson<{ data: { urn: number; name: string }[]; meta: object }>(
      '/api/v1/schools?q=sacred&perPage=1',
      teacher,
    );
    expect(status).toBe(200);
    expect(body.data.map((s) => s.name)).toEqual(['Sacred Heart Catholic Primary School']);
    expect(body.meta).toEqual({ page: 1, perPage: 1, total: 2 });
    const filtered = await getJson<{ data: { urn: number }[] }>(
      '/api/v1/schools?localAuthority=Coventry&ofstedRating=Outstanding',
      teacher,
    );
    expect(filtered.body.data.map((s) => s.urn)).toEqual([139292]);
  });

  it('gets one school by URN, 404 for an unknown one', async () => {
    const { status, body } = await getJson<{ urn: number; localAuthority: string }>('/api/v1/schools/142205', teacher);
    expect(status).toBe(200);
    expect(body).toMatchObject({ urn: 142205, localAuthority: 'Coventry' });
    const missing = await getJson<{ status: number }>('/api/v1/schools/999999', teacher);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
  });

  it('lists member schools of own network, refusing another network', async () => {
    const { body } = await getJson<{ data: { urn: number }[] }>(`/api/v1/networks/${own.id}/schools`, teacher);
    expect(body.data.map((s) => s.urn).sort()).toEqual([139292, 142205]);
    expect((await get(`/api/v1/networks/${other.id}/schools`, teacher)).status).toBe(403);
  });

  it('answers wrong types with 400 problem+json naming the fields', async () => {
    const list = await getJson<{ errors: { path: string }[] }>('/api/v1/schools?page=zero&perPage=1000', teacher);
    expect(list.status).toBe(400);
    expect(list.type).toContain('application/problem+json');
    expect(list.body.errors.map((e) => e.path).sort()).toEqual(['page', 'perPage']);
    const one = await getJson<{ errors: { path: string }[] }>('/api/v1/schools/abc', teacher);
    expect(one.status).toBe(400);
    expect(one.body.errors[0]?.path).toBe('urn');
    const net = await getJson<{ errors: { path: string }[] }>('/api/v1/networks/nope/schools', teacher);
    expect(net.status).toBe(400);
    expect(net.body.errors.map((e) => e.path)).toEqual(['networkId']);
    const netPage = await getJson<{ errors: { path: string }[] }>(`/api/v1/networks/${own.id}/schools?page=-1`, teacher);
    expect(netPage.body.errors.map((e) => e.path)).toEqual(['page']);
  });

  it('requires sign-in and documents the routes in OpenAPI', async () => {
    expect((await t.app.request('/api/v1/schools')).status).toBe(401);
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: object; components: { schemas: object } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/schools', '/schools/{urn}', '/networks/{networkId}/schools']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['School', 'SchoolPage']));
  });
});
