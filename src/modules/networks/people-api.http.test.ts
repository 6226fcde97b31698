import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { grantRole, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { memberships } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let schoolA: { urn: number };
let schoolB: { urn: number };
let admin: { id: string };
let teacher: { id: string };
let shared: { id: string };
let stranger: { id: string };
let asAdmin: Session;
let asLeader: Session;
let asTeacher: Session;

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  schoolA = await makeSchool(t.db);
  schoolB = await makeSchool(t.db);
  admin = await makeMember(t.db, own.id, 'network_admin', { fullName: 'Nadia Admin' });
  const leader = await makeMember(t.db, own.id, 'school_leader', { fullName: 'Harriet Head', schoolUrn: schoolA.urn });
  teacher = await makeMember(t.db, own.id, 'participant', { fullName: 'Tom Teacher', schoolUrn: schoolA.urn });
  shared = await makeMember(t.db, own.id, 'mentor', { fullName: 'Sam Shared' });
  await grantRole(t.db, other.id, shared.id, 'assessor');
  stranger = await makeMember(t.db, other.id, 'participant', { fullName: 'Stella Stranger' });
  asAdmin = await t.signIn(admin.id);
  asLeader = await t.signIn(leader.id);
  asTeacher = await t.signIn(teacher.id);
});
afterAll(() => t.close());

const api = (method: string, path: string, s: Session, body?: unknown) => t.app.request(`/api/v1${path}`, asJson(s, method, body));
const problemPaths = async (res: Response) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return ((await res.json()) as { errors?: { path: string }[] }).errors?.map((e) => e.path) ?? [];
};

describe('people API', () => {
  it('lists members, paged and searchable, with roles in this network only', async () => {
    const res = await api('GET', `/networks/${own.id}/people?perPage=2&page=1`, asTeacher);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { fullName: string }[]; meta: { page: number; perPage: number; total: number } };
    expect(body.meta).toEqual({ page: 1, perPage: 2, total: 4 });
    expect(body.data.map((p) => p.fullName)).toEqual(['Harriet Head', 'Nadia Admin']);
    const search = (await (await api('GET', `/networks/${own.id}/people?q=sam`, asTeacher)).json()) as {
      data: { id: string; roles: string[] }[];
    };
    expect(search.data).toHaveLength(1);
    expect(search.data[0]).toMatchObject({ id: shared.id, roles: ['mentor'] });
  });

  it('gets one member; a person of another network or an unknown id is 404', async () => {
    const res = await api('GET', `/networks/${own.id}/people/${shared.id}`, asTeacher);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ fullName: 'Sam Shared', roles: ['mentor'] });
    expect((await api('GET', `/networks/${own.id}/people/${stranger.id}`, asTeacher)).status).toBe(404);
    expect((await api('GET', `/networks/${own.id}/people/00000000-0000-4000-8000-000000000000`, asTeacher)).status).toBe(404);
  });

  it("refuses another network's people with 403, audited", async () => {
    const res = await api('GET', `/networks/${other.id}/people`, asAdmin);
    expect(res.status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, other.id), eq(auditEvents.action, 'access.refused'), eq(auditEvents.actorId, admin.id)));
    expect(refusals.length).toBeGreaterThan(0);
    expect((await api('GET', `/networks/${other.id}/people/${stranger.id}`, asAdmin)).status).toBe(403);
  });

  it('names each invalid field with 400 problem+json', async () => {
    const badParams = await api('GET', `/networks/not-a-uuid/people/also-not?page=zero`, asAdmin);
    expect(badParams.status).toBe(400);
    expect(await problemPaths(badParams)).toEqual(expect.arrayContaining(['networkId', 'personId']));
    const badQuery = await api('GET', `/networks/${own.id}/people?page=zero&role=king`, asAdmin);
    expect(badQuery.status).toBe(400);
    expect(await problemPaths(badQuery)).toEqual(expect.arrayContaining(['page', 'role']));
    const badBody = await api('POST', `/networks/${own.id}/people`, asAdmin, { fullName: 7, email: 'nope', schoolUrn: 'x', role: 'king' });
    expect(badBody.status).toBe(400);
    expect(await problemPaths(badBody)).toEqual(expect.arrayContaining(['fullName', 'email', 'schoolUrn', 'role']));
    const badMembership = await api('POST', `/networks/${own.id}/memberships`, asAdmin, { personId: 12, role: null });
    expect(badMembership.status).toBe(400);
    expect(await problemPaths(badMembership)).toEqual(expect.arrayContaining(['personId', 'role']));
    expect((await api('DELETE', `/networks/${own.id}/memberships/123`, asAdmin)).status).toBe(400);
  });

  it('creates a person with 201, or gives the role to the existing person with that email; 409 when already held', async () => {
    const created = await api('POST', `/networks/${own.id}/people`, asAdmin, {
      fullName: 'Api Person',
      email: 'api.person@example.org',
      schoolUrn: schoolB.urn,
      leadershipLevel: 'senior_leader',
      role: 'system_leader',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      fullName: 'Api Person',
      schoolUrn: schoolB.urn,
      leadershipLevel: 'senior_leader',
      roles: ['system_leader'],
    });
    const again = await api('POST', `/networks/${own.id}/people`, asAdmin, {
      fullName: 'X',
      email: 'API.PERSON@example.org',
      role: 'system_leader',
    });
    expect(again.status).toBe(409);
    expect(await problemPaths(again)).toEqual(['email']);
    const extraRole = await api('POST', `/networks/${own.id}/people`, asAdmin, {
      fullName: 'X',
      email: 'API.PERSON@example.org',
      role: 'mentor',
    });
    expect(extraRole.status).toBe(201);
    expect(((await extraRole.json()) as { roles: string[] }).roles).toEqual(['system_leader', 'mentor']);
  });

  it('holds a school leader to their own school and staff roles', async () => {
    const ok = await api('POST', `/networks/${own.id}/people`, asLeader, {
      fullName: 'Staff One',
      email: 'staff1@example.org',
      role: 'trainee',
    });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { schoolUrn: number }).schoolUrn).toBe(schoolA.urn);
    const otherSchool = await api('POST', `/networks/${own.id}/people`, asLeader, {
      fullName: 'Staff Two',
      email: 'staff2@example.org',
      schoolUrn: schoolB.urn,
      role: 'trainee',
    });
    expect(otherSchool.status).toBe(403);
    const adminRole = await api('POST', `/networks/${own.id}/people`, asLeader, {
      fullName: 'Boss',
      email: 'boss@example.org',
      role: 'network_admin',
    });
    expect(adminRole.status).toBe(403);
    const asParticipant = await api('POST', `/networks/${own.id}/people`, asTeacher, {
      fullName: 'P',
      email: 'p@example.org',
      role: 'participant',
    });
    expect(asParticipant.status).toBe(403);
  });
});

describe('memberships API', () => {
  it('lists memberships, paged', async () => {
    const res = await api('GET', `/networks/${own.id}/memberships?perPage=50`, asTeacher);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { personId: string; role: string }[]; meta: { total: number } };
    expect(body.data.some((m) => m.personId === shared.id && m.role === 'mentor')).toBe(true);
    expect(body.data.some((m) => m.role === 'assessor')).toBe(false);
    expect(body.meta.total).toBe(body.data.length);
  });

  it('grants a role to a member with 201 (audited), 409 when held, 404 for a person not in the network', async () => {
    const res = await api('POST', `/networks/${own.id}/memberships`, asAdmin, { personId: teacher.id, role: 'lp_candidate' });
    expect(res.status).toBe(201);
    const m = (await res.json()) as { id: string; networkId: string; role: string };
    expect(m).toMatchObject({ networkId: own.id, role: 'lp_candidate' });
    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'role.granted'), eq(auditEvents.subjectId, m.id)));
    expect(audited).toHaveLength(1);
    const again = await api('POST', `/networks/${own.id}/memberships`, asAdmin, { personId: teacher.id, role: 'lp_candidate' });
    expect(again.status).toBe(409);
    expect((await api('POST', `/networks/${own.id}/memberships`, asAdmin, { personId: stranger.id, role: 'mentor' })).status).toBe(404);
    expect((await api('POST', `/networks/${own.id}/memberships`, asTeacher, { personId: teacher.id, role: 'network_admin' })).status).toBe(
      403,
    );
  });

  it('deletes a membership with 204; unknown 404; another network 403 (audited); the last admin 409', async () => {
    const [m] = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, teacher.id), eq(memberships.role, 'lp_candidate')));
    expect((await api('DELETE', `/networks/${own.id}/memberships/${m!.id}`, asTeacher)).status).toBe(403);
    expect((await api('DELETE', `/networks/${own.id}/memberships/${m!.id}`, asAdmin)).status).toBe(204);
    expect((await api('DELETE', `/networks/${own.id}/memberships/${m!.id}`, asAdmin)).status).toBe(404);
    const [theirs] = await t.db.select().from(memberships).where(eq(memberships.personId, stranger.id));
    const refused = await api('DELETE', `/networks/${own.id}/memberships/${theirs!.id}`, asAdmin);
    expect(refused.status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, other.id), eq(auditEvents.action, 'access.refused'), eq(auditEvents.actorId, admin.id)));
    expect(refusals.some((r) => r.detail.action === 'membership.manage')).toBe(true);
    expect(await t.db.select().from(memberships).where(eq(memberships.id, theirs!.id))).toHaveLength(1);
    const [adminMembership] = await t.db.select().from(memberships).where(eq(memberships.personId, admin.id));
    const last = await api('DELETE', `/networks/${own.id}/memberships/${adminMembership!.id}`, asAdmin);
    expect(last.status).toBe(409);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/networks/{networkId}/people'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/networks/{networkId}/memberships/{membershipId}'] ?? {})).toEqual(['delete']);
  });
});
