import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { todayIso } from '../../kernel/dates.ts';
import {
  addSchoolToNetwork,
  makeDeployment,
  makeDesignation,
  makeMember,
  makeNetwork,
  makeSchool,
  makeSupportRequest,
} from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { schoolYearOf } from '../support/requests-domain.ts';
import { trioMembers, trioSignups, trios } from './development-schema.ts';

type Session = { cookie: string; csrf: string };
let t: TestApp;
let networkId: string;
let admin: Session;
let outsider: Session;
const teachers: { id: string; session: Session }[] = [];
let maths: string | undefined;
let sleDesignation: string;
let trioUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  networkId = (await makeNetwork(t.db)).id;
  [maths] = (
    await t.db
      .insert(specialisms)
      .values({ code: `maths-${networkId}`, area: 'subject', name: 'Mathematics', networkId })
      .returning()
  ).map((s) => s.id);
  admin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
  // Four schools: three close together, one 40 km away.
  const places = [0, 2000, 4000, 40000];
  for (const [i, e] of places.entries()) {
    const school = await makeSchool(t.db, { easting: 400000 + e, northing: 200000 });
    await addSchoolToNetwork(t.db, networkId, school.urn);
    const person = await makeMember(t.db, networkId, 'participant', { schoolUrn: school.urn, fullName: `Teacher ${i}` });
    teachers.push({ id: person.id, session: await t.signIn(person.id) });
  }
  const sle = await makeMember(t.db, networkId, 'system_leader', { fullName: 'Sam SLE' });
  sleDesignation = (await makeDesignation(t.db, networkId, sle.id, { releaseDays: '3', specialismIds: [maths!] })).id;
  outsider = await t.signIn((await makeMember(t.db, networkId, 'participant')).id);
});
afterAll(() => t.close());

describe('trios', () => {
  it('lets teachers sign themselves up once, with clear messages for bad input', async () => {
    for (const teacher of teachers) {
      expect(
        (await t.post(`/networks/${networkId}/cpd/trios/signups`, teacher.session, { phase: 'primary', focusId: maths! })).status,
      ).toBe(303);
    }
    const twice = await t.post(`/networks/${networkId}/cpd/trios/signups`, teachers[0]!.session, { phase: 'primary', focusId: maths! });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('You have already signed up for a trio');
    const bad = await t.post(`/networks/${networkId}/cpd/trios/signups`, outsider, { phase: 'middle-earth', focusId: '' });
    expect(bad.status).toBe(400);
    const noSchool = await t.post(`/networks/${networkId}/cpd/trios/signups`, outsider, { phase: 'primary', focusId: maths! });
    expect(noSchool.status).toBe(400);
    expect(await noSchool.text()).toContain('Your account has no school');
  });

  it('proposes the three nearby schools as a trio with the SLE, for the admin only', async () => {
    expect((await t.app.request(`/networks/${networkId}/cpd/trios/proposal`, { headers: { cookie: outsider.cookie } })).status).toBe(403);
    const page = await (await t.app.request(`/networks/${networkId}/cpd/trios/proposal`, { headers: { cookie: admin.cookie } })).text();
    expect(page).toContain('Teacher 0');
    expect(page).toContain('Sam SLE (3 days left)');
    expect(page).toContain('8.0 km');
    const res = await t.post(`/networks/${networkId}/cpd/trios/proposal`, admin, { sleDays: '2' });
    expect(res.status).toBe(303);
    const [trio] = await t.db.select().from(trios).where(eq(trios.networkId, networkId));
    expect(trio!.sleDesignationId).toBe(sleDesignation);
    const members = await t.db.select().from(trioMembers).where(eq(trioMembers.trioId, trio!.id));
    expect(members.map((m) => m.personId).sort()).toEqual(
      teachers
        .slice(0, 3)
        .map((x) => x.id)
        .sort(),
    );
    trioUrl = `/networks/${networkId}/cpd/trios/${trio!.id}`;
    const again = await t.post(`/networks/${networkId}/cpd/trios/proposal`, admin, { sleDays: '2' });
    expect(again.status).toBe(409);
  });

  it('lets members record cycles and an evaluation, and refuses (and audits) anyone else', async () => {
    const cycle = { kind: 'reciprocal_observation', heldOn: '2026-01-20', notes: 'Observed each other’s openers' };
    expect((await t.post(`${trioUrl}/cycles`, teachers[0]!.session, cycle)).status).toBe(303);
    expect((await t.post(`${trioUrl}/cycles`, outsider, cycle)).status).toBe(403);
    const refused = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.subjectType, 'trio.record')));
    expect(refused).toHaveLength(1);
    const bad = await t.post(`${trioUrl}/cycles`, teachers[1]!.session, { kind: 'gossip', heldOn: '20/01/2026', notes: '' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Select what the trio did');
    expect(html).toContain('Enter what you did and what you noticed');
    expect(
      (await t.post(`${trioUrl}/evaluation`, teachers[2]!.session, { evaluation: 'Questioning improved', finished: 'yes' })).status,
    ).toBe(303);
    const page = await (await t.app.request(trioUrl, { headers: { cookie: outsider.cookie } })).text();
    expect(page).toContain('Observed each other’s openers');
    expect(page).toContain('Questioning improved');
  });

  it('lets the admin swap a member for someone waiting, and refuses an SLE more days than they have left', async () => {
    const unknown = await t.post(`${trioUrl}/members`, admin, {
      personId: teachers[0]!.id,
      signupId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    const page = await (await t.app.request(trioUrl, { headers: { cookie: admin.cookie } })).text();
    const waiting = /<option value="([0-9a-f-]{36})">Teacher 3/.exec(page)![1]!;
    expect((await t.post(`${trioUrl}/members`, admin, { personId: teachers[0]!.id, signupId: waiting })).status).toBe(303);
    const members = await t.db.select().from(trioMembers);
    expect(members.map((m) => m.personId)).toContain(teachers[3]!.id);
    expect(members.map((m) => m.personId)).not.toContain(teachers[0]!.id);
    const sle = await t.post(`${trioUrl}/sle`, admin, { designationId: sleDesignation, sleDays: '3.5' });
    expect(sle.status).toBe(409);
    expect(await sle.text()).toContain('Sam SLE has 3 days left');
    expect((await t.post(`${trioUrl}/sle`, admin, { designationId: sleDesignation, sleDays: '3' })).status).toBe(303);
    expect((await t.post(`${trioUrl}/sle`, teachers[0]!.session, { designationId: sleDesignation, sleDays: '1' })).status).toBe(403);
  });

  it('counts an SLE’s support deployments this school year in the days left, as the directory does', async () => {
    const school = await makeSchool(t.db);
    await addSchoolToNetwork(t.db, networkId, school.urn);
    const dee = await makeMember(t.db, networkId, 'system_leader', { fullName: 'Dee Deployed' });
    const designation = await makeDesignation(t.db, networkId, dee.id, { releaseDays: '5', specialismIds: [maths!] });
    const request = await makeSupportRequest(t.db, networkId, school.urn);
    // Three days of school-to-school support agreed in this school year.
    const day = todayIso();
    await makeDeployment(t.db, request, designation, [], { startsOn: day, endsOn: day, days: '3' });
    const page = await (await t.app.request(trioUrl, { headers: { cookie: admin.cookie } })).text();
    expect(page).toContain('Dee Deployed (2 days left)');
    const directory = await (
      await t.app.request(`/networks/${networkId}/directory/${dee.id}`, { headers: { cookie: admin.cookie } })
    ).text();
    expect(directory).toContain('2 days of 5');
    const tooMany = await t.post(`${trioUrl}/sle`, admin, { designationId: designation.id, sleDays: '2.5' });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.text()).toContain('Dee Deployed has 2 days left');
    // The trio takes her last two days: the directory shows none left, and brokerage cannot take them again.
    expect((await t.post(`${trioUrl}/sle`, admin, { designationId: designation.id, sleDays: '2' })).status).toBe(303);
    const after = await (await t.app.request(`/networks/${networkId}/directory/${dee.id}`, { headers: { cookie: admin.cookie } })).text();
    expect(after).toContain('0 days of 5');
    const need = await makeSupportRequest(t.db, networkId, school.urn, {
      specialismId: maths!,
      days: '1',
      preferredStartOn: day,
      preferredEndOn: day,
    });
    const propose = await t.post(`/networks/${networkId}/support/requests/${need.id}/propose`, admin, { designationId: designation.id });
    expect(propose.status).toBe(409);
    const year = schoolYearOf(day);
    expect(await propose.text()).toContain(
      `Dee Deployed has 0 days left of 5 days released in ${year} to ${year + 1} (5 days already allocated); this deployment needs 1 day`,
    );
  });

  it('offers the trios and their cycles through the API, to the same people', async () => {
    const api = (path: string, session: Session, body?: unknown) =>
      t.app.request(`/api/v1/networks/${networkId}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          origin: 'http://localhost',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const list = (await (await api('/trios', outsider)).json()) as { data: { id: string; members: unknown[] }[]; meta: { total: number } };
    expect(list.meta.total).toBe(1);
    expect(list.data[0]!.members).toHaveLength(3);
    const trioId = list.data[0]!.id;
    const cycle = { kind: 'joint_planning', heldOn: '2026-02-02', notes: 'Planned the next unit together' };
    expect((await api(`/trios/${trioId}/cycles`, outsider, cycle)).status).toBe(403);
    // The trio finished earlier: its cycles no longer change.
    const finished = await api(`/trios/${trioId}/cycles`, teachers[1]!.session, cycle);
    expect(finished.status).toBe(409);
    const detail = (await (await api(`/trios/${trioId}`, teachers[1]!.session)).json()) as { cycles: unknown[]; evaluation: string };
    expect(detail.cycles).toHaveLength(1);
    expect(detail.evaluation).toBe('Questioning improved');

    // The admin's part through the API: the SLE and their days (refused past the days left), a swap, the proposal.
    const put = (path: string, session: Session, body: unknown) =>
      t.app.request(`/api/v1/networks/${networkId}${path}`, {
        method: 'PUT',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: 'http://localhost', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(`/trios/${trioId}/sle`, teachers[1]!.session, { designationId: sleDesignation, sleDays: 1 })).status).toBe(403);
    const tooMany = await put(`/trios/${trioId}/sle`, admin, { designationId: sleDesignation, sleDays: 3.5 });
    expect(tooMany.status).toBe(409);
    expect(((await tooMany.json()) as { detail: string }).detail).toContain('Sam SLE has 3 days left');
    const sle = await put(`/trios/${trioId}/sle`, admin, { designationId: sleDesignation, sleDays: 2.5 });
    expect(sle.status).toBe(200);
    expect(await sle.json()).toMatchObject({ sleDays: 2.5 });
    const evaluated = await put(`/trios/${trioId}/evaluation`, teachers[2]!.session, {
      evaluation: 'Questioning improved a lot',
      finished: true,
    });
    expect(evaluated.status).toBe(200);
    expect(await evaluated.json()).toMatchObject({ evaluation: 'Questioning improved a lot' });
    expect((await put(`/trios/${trioId}/evaluation`, outsider, { evaluation: 'Sneaky', finished: true })).status).toBe(403);
    const swap = await api(`/trios/${trioId}/members`, admin, {
      personId: teachers[3]!.id,
      signupId: '00000000-0000-4000-8000-000000000000',
    });
    expect(swap.status).toBe(400);
    const proposal = await api('/trios/proposal', teachers[1]!.session, { sleDays: 2 });
    expect(proposal.status).toBe(403);
    // Only teacher 0 (swapped out earlier) is left waiting: no trio can be formed.
    const formed = await api('/trios/proposal', admin, { sleDays: 2 });
    expect(formed.status).toBe(409);
    expect(((await formed.json()) as { detail: string }).detail).toContain('No trio can be formed');
    // Teacher 0's sign-up is theirs to withdraw; nobody else's.
    const [waiting] = await t.db.select().from(trioSignups).where(eq(trioSignups.personId, teachers[0]!.id));
    expect((await api(`/trio-signups/${waiting!.id}/withdraw`, teachers[1]!.session, {})).status).toBe(403);
    expect(await (await api(`/trio-signups/${waiting!.id}/withdraw`, teachers[0]!.session, {})).json()).toEqual({ withdrawn: true });
    const [inTrio] = await t.db.select().from(trioSignups).where(eq(trioSignups.personId, teachers[1]!.id));
    expect((await api(`/trio-signups/${inTrio!.id}/withdraw`, teachers[1]!.session, {})).status).toBe(409);
  });
});
