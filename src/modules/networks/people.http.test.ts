import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { grantRole, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { memberships, people } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let schoolA: { urn: number; name: string };
let schoolB: { urn: number; name: string };
let admin: { id: string };
let leader: { id: string };
let teacher: { id: string };
let shared: { id: string; email: string };
let outsider: { id: string };
let stranger: { id: string };
let asAdmin: Session;
let asLeader: Session;
let asTeacher: Session;

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  schoolA = await makeSchool(t.db, { name: 'Sacred Heart Primary' });
  schoolB = await makeSchool(t.db, { name: 'Caludon Castle School' });
  admin = await makeMember(t.db, own.id, 'network_admin', { fullName: 'Nadia Admin' });
  leader = await makeMember(t.db, own.id, 'school_leader', { fullName: 'Harriet Head', schoolUrn: schoolA.urn });
  teacher = await makeMember(t.db, own.id, 'participant', { fullName: 'Tom Teacher', schoolUrn: schoolA.urn, jobTitle: 'Year 3 teacher' });
  shared = await makeMember(t.db, own.id, 'mentor', { fullName: 'Sam Shared', schoolUrn: schoolB.urn });
  await grantRole(t.db, other.id, shared.id, 'assessor');
  outsider = await makeMember(t.db, other.id, 'network_admin', { fullName: 'Olive Outsider', email: 'olive@elsewhere.org' });
  stranger = await makeMember(t.db, other.id, 'participant', { fullName: 'Stella Stranger', email: 'stella@elsewhere.org' });
  asAdmin = await t.signIn(admin.id);
  asLeader = await t.signIn(leader.id);
  asTeacher = await t.signIn(teacher.id);
});
afterAll(() => t.close());

const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const auditOf = (action: string) => t.db.select().from(auditEvents).where(eq(auditEvents.action, action));
const personByEmail = async (email: string) =>
  (await t.db.select().from(people).where(sql`lower(${people.email}) = ${email.toLowerCase()}`))[0];
const rolesOf = async (personId: string, networkId = own.id) =>
  (
    await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, personId), eq(memberships.networkId, networkId)))
  )
    .map((m) => m.role)
    .sort();

describe('people list', () => {
  it('lists members of this network only, with school, job title and roles', async () => {
    const res = await get(`/networks/${own.id}/people`, asTeacher);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Tom Teacher');
    expect(html).toContain('Year 3 teacher');
    expect(html).toContain('Sacred Heart Primary');
    expect(html).toContain('Mentor or coach');
    expect(html).not.toContain('Stella Stranger');
    // Sam's role in the other network is not shown here.
    expect(html).not.toContain('Assessor or moderator</td>');
  });

  it('searches by name or email and filters by role and school', async () => {
    const byName = await (await get(`/networks/${own.id}/people?q=harriet`, asAdmin)).text();
    expect(byName).toContain('Harriet Head');
    expect(byName).not.toContain('Tom Teacher');
    const byEmail = await (await get(`/networks/${own.id}/people?q=stella%40elsewhere`, asAdmin)).text();
    expect(byEmail).toContain('No people match');
    const byRole = await (await get(`/networks/${own.id}/people?role=mentor`, asAdmin)).text();
    expect(byRole).toContain('Sam Shared');
    expect(byRole).not.toContain('Tom Teacher');
    const bySchool = await (await get(`/networks/${own.id}/people?school=${schoolB.urn}`, asAdmin)).text();
    expect(bySchool).toContain('Sam Shared');
    expect(bySchool).not.toContain('Harriet Head');
  });

  it('ignores nonsense filters instead of failing', async () => {
    const res = await get(`/networks/${own.id}/people?role=king&school=abc&page=-3`, asAdmin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Tom Teacher');
  });

  it('pages the list 25 at a time', async () => {
    const paged = await makeNetwork(t.db, { name: 'Paged Network' });
    const pagedAdmin = await makeMember(t.db, paged.id, 'network_admin', { fullName: 'Aaron First' });
    for (let i = 0; i < 27; i++) await makeMember(t.db, paged.id, 'participant', { fullName: `Member ${String(i).padStart(2, '0')}` });
    const s = await t.signIn(pagedAdmin.id);
    const first = await (await get(`/networks/${paged.id}/people`, s)).text();
    expect(first).toContain('Showing 1 to 25 of 28 people');
    expect(first).toContain(`href="/networks/${paged.id}/people?page=2"`);
    const second = await (await get(`/networks/${paged.id}/people?page=2`, s)).text();
    expect(second).toContain('Showing 26 to 28 of 28 people');
    expect(second).toContain('Member 26');
    expect(second).not.toContain('Aaron First');
  });

  it("refuses another network's people list (audited)", async () => {
    const res = await get(`/networks/${other.id}/people`, asAdmin);
    expect(res.status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, other.id), eq(auditEvents.action, 'access.refused')));
    expect(refusals.length).toBeGreaterThan(0);
  });
});

describe('person page', () => {
  it('shows the summary with roles in this network only', async () => {
    const res = await get(`/networks/${own.id}/people/${shared.id}`, asTeacher);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Sam Shared');
    expect(html).toContain(shared.email);
    expect(html).toContain(`Caludon Castle School (URN ${schoolB.urn})`);
    expect(html).toContain('Mentor or coach');
    expect(html).not.toContain('Assessor');
    expect(html).not.toContain('Save roles');
  });

  it('answers 404 for a person not in this network, an unknown id and a malformed id', async () => {
    expect((await get(`/networks/${own.id}/people/${stranger.id}`, asAdmin)).status).toBe(404);
    expect((await get(`/networks/${own.id}/people/00000000-0000-4000-8000-000000000000`, asAdmin)).status).toBe(404);
    expect((await get(`/networks/${own.id}/people/nope`, asAdmin)).status).toBe(404);
  });

  it('lets a network admin grant and revoke roles, audited', async () => {
    const person = await makeMember(t.db, own.id, 'participant', { fullName: 'Rita Roles' });
    const page = await (await get(`/networks/${own.id}/people/${person.id}`, asAdmin)).text();
    expect(page).toContain('Save roles');
    const res = await t.post(`/networks/${own.id}/people/${person.id}/roles`, asAdmin, { roles: ['mentor', 'system_leader'] });
    expect(res.status).toBe(303);
    expect(await rolesOf(person.id)).toEqual(['mentor', 'system_leader']);
    const granted = (await auditOf('role.granted')).filter((e) => e.detail.personId === person.id).map((e) => e.detail.role);
    expect(granted.sort()).toEqual(['mentor', 'system_leader']);
    const revoked = (await auditOf('role.revoked')).filter((e) => e.detail.personId === person.id);
    expect(revoked.map((e) => e.detail.role)).toEqual(['participant']);
    expect(revoked[0]?.actorId).toBe(admin.id);
  });

  it('removes someone from the network when every role is unticked', async () => {
    const person = await makeMember(t.db, own.id, 'trainee', { fullName: 'Lea Leaving' });
    const res = await t.post(`/networks/${own.id}/people/${person.id}/roles`, asAdmin, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/networks/${own.id}/people`);
    expect(await rolesOf(person.id)).toEqual([]);
  });

  it('keeps the last network admin', async () => {
    const res = await t.post(`/networks/${own.id}/people/${admin.id}/roles`, asAdmin, { roles: ['mentor'] });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('A network must keep at least one network admin');
    expect(await rolesOf(admin.id)).toEqual(['network_admin']);
  });

  it('rejects an unknown role with a message, changing nothing', async () => {
    const res = await t.post(`/networks/${own.id}/people/${teacher.id}/roles`, asAdmin, { roles: ['participant', 'emperor'] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Select roles from the list');
    expect(await rolesOf(teacher.id)).toEqual(['participant']);
  });

  it('refuses role changes by someone who is not a network admin', async () => {
    const res = await t.post(`/networks/${own.id}/people/${teacher.id}/roles`, asLeader, { roles: ['network_admin'] });
    expect(res.status).toBe(403);
    expect(await rolesOf(teacher.id)).toEqual(['participant']);
  });
});

describe('adding a person', () => {
  const valid = (overrides: Record<string, string> = {}) => ({
    fullName: 'Nora New',
    email: 'nora.new@sacredheart.example',
    schoolUrn: '',
    jobTitle: 'Head of maths',
    leadershipLevel: 'middle_leader',
    role: 'participant',
    ...overrides,
  });

  it('lets a network admin add anyone, audited', async () => {
    const res = await t.post(`/networks/${own.id}/people`, asAdmin, valid({ schoolUrn: String(schoolB.urn) }));
    expect(res.status).toBe(303);
    const nora = await personByEmail('nora.new@sacredheart.example');
    expect(res.headers.get('location')).toBe(`/networks/${own.id}/people/${nora?.id}`);
    expect(nora).toMatchObject({
      fullName: 'Nora New',
      schoolUrn: schoolB.urn,
      jobTitle: 'Head of maths',
      leadershipLevel: 'middle_leader',
    });
    expect(await rolesOf(nora!.id)).toEqual(['participant']);
    expect(
      (await auditOf('person.created')).some((e) => e.subjectId === nora!.id && e.actorId === admin.id && e.networkId === own.id),
    ).toBe(true);
  });

  it('re-renders the form with messages and saves nothing on bad input', async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(people))[0]?.n;
    const res = await t.post(`/networks/${own.id}/people`, asAdmin, {
      fullName: ' ',
      email: 'not-an-email',
      schoolUrn: 'twelve',
      leadershipLevel: 'emperor',
      role: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    for (const message of [
      'Enter their full name',
      'Enter an email address in the correct format',
      'School URN must be a number',
      'Select a leadership level from the list',
      'Select a role',
    ]) {
      expect(html).toContain(message);
    }
    expect(html).toContain('value="not-an-email"');
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(people))[0]?.n).toBe(before);
  });

  it('says so when the school URN is unknown', async () => {
    const res = await t.post(`/networks/${own.id}/people`, asAdmin, valid({ email: 'ghost@example.org', schoolUrn: '999' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('There is no school with URN 999');
    expect(await personByEmail('ghost@example.org')).toBeUndefined();
  });

  it('gives an existing person (any letter case of their email) the role instead of a second record', async () => {
    const res = await t.post(
      `/networks/${own.id}/people`,
      asAdmin,
      valid({ fullName: 'Olive O', email: 'OLIVE@Elsewhere.org', role: 'he_partner' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/networks/${own.id}/people/${outsider.id}`);
    expect(await rolesOf(outsider.id)).toEqual(['he_partner']);
    const olive = await personByEmail('olive@elsewhere.org');
    expect(olive?.fullName).toBe('Olive Outsider');
  });

  it('explains on the email field when the person already holds that role here', async () => {
    const res = await t.post(
      `/networks/${own.id}/people`,
      asAdmin,
      valid({ email: teacher.id ? (await personById(teacher.id)).email : '' }),
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('is already a member of this network as Teacher or participant');
    expect(html).toContain('href="#email"');
  });

  it('lets a school leader add staff of their own school, with the school fixed', async () => {
    const form = await (await get(`/networks/${own.id}/people/new`, asLeader)).text();
    expect(form).not.toContain('name="schoolUrn"');
    expect(form).not.toContain('value="network_admin"');
    const res = await t.post(`/networks/${own.id}/people`, asLeader, valid({ email: 'sid.staff@sacredheart.example' }));
    expect(res.status).toBe(303);
    expect((await personByEmail('sid.staff@sacredheart.example'))?.schoolUrn).toBe(schoolA.urn);
  });

  it('refuses a school leader adding someone to another school (audited), saving nothing', async () => {
    const res = await t.post(
      `/networks/${own.id}/people`,
      asLeader,
      valid({ email: 'elsewhere@castle.example', schoolUrn: String(schoolB.urn) }),
    );
    expect(res.status).toBe(403);
    expect(await personByEmail('elsewhere@castle.example')).toBeUndefined();
    const refused = (await auditOf('access.refused')).filter((e) => e.actorId === leader.id && e.detail.action === 'person.create');
    expect(refused.length).toBeGreaterThan(0);
  });

  it('refuses a school leader giving an existing person of another school a role, or giving an admin role', async () => {
    const viaEmail = await t.post(`/networks/${own.id}/people`, asLeader, valid({ email: shared.email, role: 'participant' }));
    expect(viaEmail.status).toBe(403);
    const adminRole = await t.post(
      `/networks/${own.id}/people`,
      asLeader,
      valid({ email: 'boss@sacredheart.example', role: 'network_admin' }),
    );
    expect(adminRole.status).toBe(403);
    expect(await personByEmail('boss@sacredheart.example')).toBeUndefined();
    expect(await rolesOf(shared.id)).toEqual(['mentor']);
  });

  it('refuses people without the right, and another network', async () => {
    expect((await get(`/networks/${own.id}/people/new`, asTeacher)).status).toBe(403);
    expect((await t.post(`/networks/${own.id}/people`, asTeacher, valid({ email: 'x1@example.org' }))).status).toBe(403);
    expect((await t.post(`/networks/${other.id}/people`, asAdmin, valid({ email: 'x2@example.org' }))).status).toBe(403);
    expect(await personByEmail('x1@example.org')).toBeUndefined();
    expect(await personByEmail('x2@example.org')).toBeUndefined();
  });
});

describe('people CSV export', () => {
  it('gives admins an attachment of every member, audited with the count', async () => {
    await makeMember(t.db, own.id, 'participant', { fullName: '=HYPERLINK("http://evil.example")' });
    const res = await get(`/networks/${own.id}/people.csv`, asAdmin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const csv = await res.text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Name,Email,School URN,School,Job title,Leadership level,Roles');
    expect(csv).toContain(
      `Tom Teacher,${(await personById(teacher.id)).email},${schoolA.urn},Sacred Heart Primary,Year 3 teacher,,Teacher or participant`,
    );
    expect(csv).not.toContain('Stella Stranger');
    // Formula injection is neutralised.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const exported = (await auditOf('people.exported')).filter((e) => e.networkId === own.id);
    expect(exported).toHaveLength(1);
    expect(exported[0]?.detail.count).toBe(lines.length - 1);
    expect(exported[0]?.actorId).toBe(admin.id);
  });

  it('refuses people who are not admins of the network', async () => {
    expect((await get(`/networks/${own.id}/people.csv`, asLeader)).status).toBe(403);
    expect((await get(`/networks/${other.id}/people.csv`, asAdmin)).status).toBe(403);
  });
});

async function personById(id: string) {
  return (await t.db.select().from(people).where(eq(people.id, id)))[0]!;
}
