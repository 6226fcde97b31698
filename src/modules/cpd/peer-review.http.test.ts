import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { reviewVisits } from './development-schema.ts';

type Session = { cookie: string; csrf: string };
let t: TestApp;
let networkId: string;
let admin: Session;
let otherHead: Session;
const heads: { id: string; session: Session }[] = [];
let groupUrl: string;
let visitUrl: string;

const get = (path: string, s: Session) => t.app.request(path, { headers: { cookie: s.cookie } });

beforeAll(async () => {
  t = await createTestApp();
  networkId = (await makeNetwork(t.db)).id;
  admin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
  for (let i = 0; i < 4; i++) {
    const school = await makeSchool(t.db);
    await addSchoolToNetwork(t.db, networkId, school.urn);
    const head = await makeMember(t.db, networkId, 'school_leader', { schoolUrn: school.urn, fullName: `Head ${i}` });
    heads.push({ id: head.id, session: await t.signIn(head.id) });
  }
  otherHead = heads.pop()!.session;
});
afterAll(() => t.close());

describe('heads’ peer review', () => {
  it('lets the admin form a triad with a rotation, refusing two heads or a missing framework', async () => {
    const two = await t.post(`/networks/${networkId}/cpd/peer-review`, admin, {
      name: 'North triad',
      framework: 'ofsted_2025',
      memberIds: heads.slice(0, 2).map((h) => h.id),
    });
    expect(two.status).toBe(400);
    expect(await two.text()).toContain('Choose 3 or 4 heads');
    const noFramework = await t.post(`/networks/${networkId}/cpd/peer-review`, admin, {
      name: 'North triad',
      memberIds: heads.map((h) => h.id),
    });
    expect(noFramework.status).toBe(400);
    expect(
      (
        await t.post(`/networks/${networkId}/cpd/peer-review`, heads[0]!.session, {
          name: 'Mine',
          framework: 'network',
          memberIds: heads.map((h) => h.id),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.post(`/networks/${networkId}/cpd/peer-review`, admin, {
          name: 'North triad',
          framework: 'ofsted_2025',
          memberIds: heads.map((h) => h.id),
        })
      ).status,
    ).toBe(303);
    const visits = await t.db.select().from(reviewVisits);
    expect(visits).toHaveLength(3);
    expect(new Set(visits.map((v) => v.reviewedId)).size).toBe(3);
    expect(new Set(visits.map((v) => v.leadReviewerId)).size).toBe(3);
    for (const v of visits) expect(v.leadReviewerId).not.toBe(v.reviewedId);
  });

  it('shows the group’s heads its rotation, and the visit form', async () => {
    const list = await (await get(`/networks/${networkId}/cpd/peer-review`, heads[0]!.session)).text();
    groupUrl = /href="(\/networks\/[^"]+\/peer-review\/[0-9a-f-]{36})"/.exec(list)![1]!;
    const group = await (await get(groupUrl, heads[1]!.session)).text();
    expect(group).toContain('Ofsted school inspection toolkit');
    visitUrl = /href="([^"]+\/visits\/[0-9a-f-]{36})"/.exec(group)![1]!;
    const res = await t.post(visitUrl, heads[2]!.session, {
      visitOn: '2026-02-10',
      focus: 'Curriculum and teaching',
      findings: 'Strong reading curriculum; maths fluency uneven in Year 4',
      agreedActions: 'Share fluency routines\nRevisit in the summer term',
    });
    expect(res.status).toBe(303);
    const visit = await (await get(visitUrl, heads[0]!.session)).text();
    expect(visit).toContain('maths fluency uneven');
    expect(visit).toContain('Revisit in the summer term');
    const bad = await t.post(visitUrl, heads[0]!.session, { visitOn: 'next week' });
    expect(bad.status).toBe(400);
  });

  it('refuses everyone outside the group, the network admin included, and audits each refusal', async () => {
    for (const path of [groupUrl, visitUrl]) {
      expect((await get(path, otherHead)).status).toBe(403);
      expect((await get(path, admin)).status).toBe(403);
    }
    expect((await t.post(visitUrl, otherHead, { findings: 'Sneaky' })).status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.subjectType, 'peerReview.take_part')));
    expect(refusals).toHaveLength(5);
    const list = await (await get(`/networks/${networkId}/cpd/peer-review`, otherHead)).text();
    expect(list).toContain('You are not in a review group');
    const adminList = await (await get(`/networks/${networkId}/cpd/peer-review`, admin)).text();
    expect(adminList).toContain('North triad');
    expect(adminList).not.toContain('maths fluency');
  });

  it('forms a group and records a visit through the API, for the same people', async () => {
    const api = (path: string, session: Session, method = 'GET', body?: unknown) =>
      t.app.request(`/api/v1/networks/${networkId}${path}`, {
        method,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          origin: 'http://localhost',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const south: { id: string; session: Session }[] = [];
    for (let i = 0; i < 3; i++) {
      const school = await makeSchool(t.db);
      await addSchoolToNetwork(t.db, networkId, school.urn);
      const head = await makeMember(t.db, networkId, 'school_leader', { schoolUrn: school.urn, fullName: `South head ${i}` });
      south.push({ id: head.id, session: await t.signIn(head.id) });
    }
    const group = { name: 'South triad', framework: 'ofsted_2025', memberIds: south.map((h) => h.id) };
    expect((await api('/review-groups', south[0]!.session, 'POST', group)).status).toBe(403);
    expect((await api('/review-groups', admin, 'POST', { ...group, memberIds: group.memberIds.slice(0, 2) })).status).toBe(400);
    const created = await api('/review-groups', admin, 'POST', group);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api('/review-groups', admin, 'POST', group)).status).toBe(409);

    const visits = (await (await api(`/review-groups/${id}/visits`, south[1]!.session)).json()) as { data: { id: string }[] };
    expect(visits.data).toHaveLength(3);
    const record = { visitOn: '2027-03-10', focus: 'Reading in key stage 1', findings: 'Phonics secure', agreedActions: 'Fluency' };
    const saved = await api(`/review-groups/${id}/visits/${visits.data[0]!.id}`, south[1]!.session, 'PUT', record);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject(record);
    expect((await api(`/review-groups/${id}/visits/${visits.data[0]!.id}`, otherHead, 'PUT', record)).status).toBe(403);
    expect((await api(`/review-groups/${id}/visits`, admin)).status).toBe(403);
    expect(
      (await api(`/review-groups/${id}/visits/${visits.data[0]!.id}`, south[0]!.session, 'PUT', { visitOn: '10/03/2027' })).status,
    ).toBe(400);
  });
});
