import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { ensurePartnership, makeCpdProgramme, makeMember, makeNetwork } from '../../seed/factories.ts';
import { cpdSessionFacilitators, cpdSessions } from './schema.ts';
import { cpdCalendarEvents } from './sessions-calendar.ts';

// Facilitators are people on Alliance (this network's members or a partner network's), chosen from a list;
// people from outside Alliance are still named in words. Facilitators see their sessions and take the register.

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let networkId: string;
let partnerId: string;
let programmeId: string;
let asAdmin: Session;
const people: Record<'own' | 'partner' | 'stranger' | 'sle', { id: string; session: Session }> = {} as never;
let sessionId: string;

const cpd = (id = networkId) => `/networks/${id}/cpd`;
const page = async (path: string, s: Session) => {
  const res = await t.app.request(path, { headers: s.headers });
  return { status: res.status, html: await res.text() };
};
const london = (d: Date) => ({
  date: d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }),
  time: d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }),
});
/** A session starting in five minutes (its register is open) for half an hour, or to the end of the day. */
const sessionFields = (extra: Record<string, string | string[]>) => {
  const start = london(new Date(Date.now() + 5 * 60_000));
  const end = london(new Date(Date.now() + 35 * 60_000));
  return {
    title: 'Questioning in maths',
    slot: 'twilight',
    date: start.date,
    startTime: start.time,
    endTime: end.date === start.date ? end.time : '23:59',
    venue: 'Oak Primary hall',
    capacity: '20',
    publish: 'yes',
    ...extra,
  };
};

const api = (path: string, s: Session, method = 'GET', body?: unknown) =>
  t.app.request(`/api/v1/networks/${networkId}${path}`, asJson(s, method, body));

beforeAll(async () => {
  t = await createTestApp();
  networkId = (await makeNetwork(t.db, { name: 'Oak Alliance' })).id;
  partnerId = (await makeNetwork(t.db, { name: 'Elm Partnership' })).id;
  const strangerNetwork = (await makeNetwork(t.db, { name: 'Stranger Trust' })).id;
  await ensurePartnership(t.db, networkId, partnerId);
  asAdmin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
  const make = async (key: keyof typeof people, id: string, role: Parameters<typeof makeMember>[2], fullName: string) => {
    const person = await makeMember(t.db, id, role, { fullName });
    people[key] = { id: person.id, session: await t.signIn(person.id) };
  };
  await make('own', networkId, 'participant', 'Olive Own');
  await make('partner', partnerId, 'system_leader', 'Paul Partner');
  await make('stranger', strangerNetwork, 'network_admin', 'Sara Stranger');
  await make('sle', networkId, 'system_leader', 'Sam Notfacilitating');
  programmeId = (await makeCpdProgramme(t.db, networkId)).id;
});
afterAll(() => t.close());

const apiSession = {
  title: 'API session',
  slot: 'day',
  startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 9 * 86_400_000 + 6 * 3_600_000).toISOString(),
  venue: 'Hall',
  capacity: 10,
};

describe('facilitators on Alliance', () => {
  it('offers this network’s and its partners’ members, not strangers, and refuses anyone else', async () => {
    const form = await page(`${cpd()}/programmes/${programmeId}/sessions/new`, asAdmin);
    expect(form.html).toContain('Olive Own');
    expect(form.html).toContain('Paul Partner (Elm Partnership)');
    expect(form.html).not.toContain('Sara Stranger');
    expect(form.html).toContain('Facilitators from outside Alliance (optional)');
    const refused = await t.post(
      `${cpd()}/programmes/${programmeId}/sessions`,
      asAdmin,
      sessionFields({ facilitatorIds: [people.own.id, people.stranger.id] }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choose facilitators from the members of this network and its partner networks');
    const garbage = await t.post(`${cpd()}/programmes/${programmeId}/sessions`, asAdmin, sessionFields({ facilitatorIds: 'nobody' }));
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain('Choose facilitators from the list');
    expect(await t.db.select().from(cpdSessions).where(eq(cpdSessions.networkId, networkId))).toHaveLength(0);
  });

  it('saves the chosen people beside an external facilitator named in words', async () => {
    const res = await t.post(
      `${cpd()}/programmes/${programmeId}/sessions`,
      asAdmin,
      sessionFields({ facilitatorIds: [people.own.id, people.partner.id, ''], facilitators: 'Dr Ada Lovelace (university)' }),
    );
    expect(res.status).toBe(303);
    sessionId = /sessions\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!;
    const shown = await page(`${cpd()}/sessions/${sessionId}`, asAdmin);
    expect(shown.html).toContain('Olive Own; Paul Partner; Dr Ada Lovelace (university)');
  });

  it('lets each facilitator find the session and take its register, even from a partner network, and no one else', async () => {
    const own = await page(cpd(), people.own.session);
    expect(own.html).toContain('Sessions you facilitate');
    expect(own.html).toContain(`${cpd()}/sessions/${sessionId}/register`);
    expect((await page(`${cpd()}/sessions/${sessionId}`, people.own.session)).html).toContain('Take the register');
    expect((await page(`${cpd()}/sessions/${sessionId}/register`, people.own.session)).status).toBe(200);
    expect((await t.post(`${cpd()}/sessions/${sessionId}/register`, people.own.session, {})).status).toBe(303);

    // The partner's facilitator sees it from their own network's CPD page, and opens the register in ours.
    const fromPartner = await page(cpd(partnerId), people.partner.session);
    expect(fromPartner.html).toContain('Questioning in maths');
    expect(fromPartner.html).toContain('Oak Alliance');
    expect((await page(`${cpd()}/sessions/${sessionId}/register`, people.partner.session)).status).toBe(200);
    // ...but not the rest of our network's CPD pages.
    expect((await page(`${cpd()}/sessions/${sessionId}`, people.partner.session)).status).toBe(403);

    // A system leader who does not facilitate it, and a stranger, are refused (and audited).
    expect((await page(`${cpd()}/sessions/${sessionId}/register`, people.sle.session)).status).toBe(403);
    expect((await page(`${cpd()}/sessions/${sessionId}/register`, people.stranger.session)).status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.subjectType, 'cpd.register'), eq(auditEvents.networkId, networkId)),
      );
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the register through the API to the same people', async () => {
    const own = await api(`/cpd/sessions/${sessionId}/register`, people.partner.session);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ sessionId, title: 'Questioning in maths', open: true, entries: [] });
    const put = await api(`/cpd/sessions/${sessionId}/register`, people.partner.session, 'PUT', { attendedBookingIds: [] });
    expect(put.status).toBe(200);
    const unknown = await api(`/cpd/sessions/${sessionId}/register`, people.own.session, 'PUT', {
      attendedBookingIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(409);
    expect((await api(`/cpd/sessions/${sessionId}/register`, people.sle.session)).status).toBe(403);
    expect((await api(`/cpd/sessions/${sessionId}/register`, people.stranger.session, 'PUT', { attendedBookingIds: [] })).status).toBe(403);
  });

  it('puts the session in each facilitator’s calendar', async () => {
    const events = await cpdCalendarEvents(t.db, people.partner.id, 'http://localhost');
    expect(events).toContainEqual(
      expect.objectContaining({
        title: 'Facilitating: Questioning in maths',
        url: `http://localhost${cpd()}/sessions/${sessionId}/register`,
      }),
    );
  });

  it('removes a facilitator the admin unticks, who then may no longer take the register', async () => {
    const edit = await page(`${cpd()}/sessions/${sessionId}/edit`, asAdmin);
    expect(edit.html).toMatch(/name="facilitatorIds" type="checkbox" value="[0-9a-f-]{36}" checked/);
    const fields = sessionFields({ facilitatorIds: [people.own.id, ''], facilitators: '' });
    const { publish: _publish, ...update } = fields;
    expect((await t.post(`${cpd()}/sessions/${sessionId}`, asAdmin, update)).status).toBe(303);
    const left = await t.db.select().from(cpdSessionFacilitators).where(eq(cpdSessionFacilitators.sessionId, sessionId));
    expect(left.map((f) => f.personId)).toEqual([people.own.id]);
    expect((await page(`${cpd()}/sessions/${sessionId}/register`, people.partner.session)).status).toBe(403);
  });

  it('takes and returns facilitators through the API', async () => {
    const res = await api(`/cpd/programmes/${programmeId}/sessions`, asAdmin, 'POST', {
      ...apiSession,
      facilitatorIds: [people.partner.id],
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { facilitatorPeople: unknown[] }).facilitatorPeople).toEqual([
      { personId: people.partner.id, fullName: 'Paul Partner' },
    ]);
    const bad = await api(`/cpd/programmes/${programmeId}/sessions`, asAdmin, 'POST', {
      ...apiSession,
      facilitatorIds: [people.stranger.id],
    });
    expect(bad.status).toBe(400);
  });

  it('changes, publishes and cancels a session through the API (admins only), with clear refusals', async () => {
    const created = (await (await api(`/cpd/programmes/${programmeId}/sessions`, asAdmin, 'POST', apiSession)).json()) as { id: string };
    const path = `/cpd/sessions/${created.id}`;
    const changed = await api(path, asAdmin, 'PUT', { ...apiSession, title: 'API session, moved', capacity: 12, nextSteps: 'Try it' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ title: 'API session, moved', capacity: 12, nextSteps: 'Try it', status: 'draft' });
    expect((await api(path, asAdmin, 'PUT', { ...apiSession, venue: null })).status).toBe(400);
    expect((await api(path, people.own.session, 'PUT', apiSession)).status).toBe(403);
    expect((await api(`${path}/publish`, people.own.session, 'POST')).status).toBe(403);
    const published = await api(`${path}/publish`, asAdmin, 'POST');
    expect(published.status).toBe(200);
    expect(((await published.json()) as { status: string }).status).toBe('published');
    expect((await api(`${path}/publish`, asAdmin, 'POST')).status).toBe(409);
    expect(((await (await api(`${path}/cancel`, asAdmin, 'POST')).json()) as { status: string }).status).toBe('cancelled');
    expect((await api(path, asAdmin, 'PUT', apiSession)).status).toBe(409);
  });
});
