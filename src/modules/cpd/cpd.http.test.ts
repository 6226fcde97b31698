import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { addSchoolToNetwork, makeCpdProgramme, makeCpdSession, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { bookSession } from './commands/book-session.ts';
import { sendFollowUps } from './commands/send-follow-ups.ts';
import { cpdBookings, cpdProgrammes, cpdSessions } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let networkId: string;
let schoolUrn: number;
let asAdmin: Session;
let asLeader: Session;
let teachers: { id: string; email: string }[];
let asTeacher: Session[];
let outsider: { id: string };
let asOutsider: Session;

const cpd = () => `/networks/${networkId}/cpd`;
const get = (path: string, s?: Session) => t.app.request(path, { headers: s?.headers ?? {} });
const location = (res: Response) => res.headers.get('location') ?? '';
const ctx = () => ({
  actor: operatorActor('test'),
  mailer: { local: false, send: async () => {} },
  config: loadConfig({ NODE_ENV: 'test', APP_URL: 'http://localhost' }),
});

beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
  networkId = (await makeNetwork(t.db)).id;
  schoolUrn = (await makeSchool(t.db, { name: 'Oak Primary' })).urn;
  await addSchoolToNetwork(t.db, networkId, schoolUrn);
  const admin = await makeMember(t.db, networkId, 'network_admin');
  const leader = await makeMember(t.db, networkId, 'school_leader', { schoolUrn });
  teachers = await Promise.all([1, 2, 3, 4].map(() => makeMember(t.db, networkId, 'participant', { schoolUrn })));
  outsider = await makeMember(t.db, networkId, 'participant', { schoolUrn: (await makeSchool(t.db)).urn });
  asAdmin = await t.signIn(admin.id);
  asLeader = await t.signIn(leader.id);
  asTeacher = await Promise.all(teachers.map((p) => t.signIn(p.id)));
  asOutsider = await t.signIn(outsider.id);
});
afterAll(() => t.close());

describe('publishing a session and booking it', () => {
  let sessionId: string;

  it('lets an admin create a programme and a session, refusing bad input with messages', async () => {
    const bad = await t.post(`${cpd()}/programmes`, asAdmin, { title: '', otherPrice: 'sixty' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter a title for the programme');
    expect(html).toContain('Enter the price for others in pounds');

    const created = await t.post(`${cpd()}/programmes`, asAdmin, {
      title: 'Monday twilights: literacy',
      themes: 'literacy, reading',
      memberPrice: '',
      otherPrice: '45.50',
    });
    expect(created.status).toBe(303);
    const [programme] = await t.db.select().from(cpdProgrammes).where(eq(cpdProgrammes.networkId, networkId));
    expect(programme).toMatchObject({ themes: ['literacy', 'reading'], memberPricePence: 0, otherPricePence: 4550 });

    const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const fields = {
      title: 'Reading for pleasure',
      slot: 'twilight',
      date,
      startTime: '16:00',
      endTime: '17:30',
      venue: 'Oak Primary hall',
      capacity: '2',
      publish: 'yes',
    };
    const noWhere = await t.post(`${cpd()}/programmes/${programme!.id}/sessions`, asAdmin, { ...fields, venue: '', endTime: '15:00' });
    expect(noWhere.status).toBe(400);
    expect(await noWhere.text()).toMatch(
      /end time must be after the start time[\s\S]*Enter a venue, choose a host school or give an online link/,
    );

    const res = await t.post(`${cpd()}/programmes/${programme!.id}/sessions`, asAdmin, fields);
    expect(res.status).toBe(303);
    sessionId = location(res).split('/sessions/')[1]!.split('?')[0]!;
    const page = await get(`${cpd()}/sessions/${sessionId}`, asTeacher[0]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Book a place');
    // The programmes list counts the programme's sessions.
    const list = await (await get(`${cpd()}/programmes`, asTeacher[0])).text();
    expect(list).toMatch(/Monday twilights: literacy<\/a><\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>/);
  });

  it('books, fills, waits in order, refuses a double booking, offers a freed place and lets it be accepted', async () => {
    const first = await t.post(`${cpd()}/sessions/${sessionId}/bookings`, asTeacher[0]!, {});
    expect(location(first)).toMatch(/done=confirmed/);
    const again = await t.post(`${cpd()}/sessions/${sessionId}/bookings`, asTeacher[0]!, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You are already booked on this session');

    // A school leader books a member of their staff; the session is then full.
    const byLeader = await t.post(`${cpd()}/sessions/${sessionId}/bookings`, asLeader, { personId: teachers[1]!.id });
    expect(location(byLeader)).toMatch(/done=confirmed/);
    const full = await get(`${cpd()}/sessions/${sessionId}`, asTeacher[2]);
    expect(await full.text()).toContain('Join the waiting list');
    const waits = await t.post(`${cpd()}/sessions/${sessionId}/bookings`, asTeacher[2]!, {});
    expect(location(waits)).toMatch(/done=waiting/);

    // A leader may not book someone from another school.
    expect((await t.post(`${cpd()}/sessions/${sessionId}/bookings`, asLeader, { personId: outsider.id })).status).toBe(403);

    // Capacity cannot fall below the two places taken.
    const [s] = await t.db.select().from(cpdSessions).where(eq(cpdSessions.id, sessionId));
    const edit = await t.post(`${cpd()}/sessions/${sessionId}`, asAdmin, {
      title: s!.title,
      slot: 'twilight',
      date: s!.startsAt.toISOString().slice(0, 10),
      startTime: '16:00',
      endTime: '17:30',
      venue: 'Hall',
      capacity: '1',
    });
    expect(edit.status).toBe(409);
    expect(await edit.text()).toContain('2 places are already taken: capacity cannot be less than 2');

    const mine = await t.db
      .select()
      .from(cpdBookings)
      .where(and(eq(cpdBookings.sessionId, sessionId), eq(cpdBookings.personId, teachers[0]!.id)));
    t.mail.length = 0;
    const cancelled = await t.post(`${cpd()}/bookings/${mine[0]!.id}/cancel`, asTeacher[0]!, {});
    expect(location(cancelled)).toMatch(/done=cancelled/);
    const offerMail = t.mail.find((m) => m.to === teachers[2]!.email);
    expect(offerMail?.subject).toContain('A place is free');
    const [offered] = await t.db
      .select()
      .from(cpdBookings)
      .where(and(eq(cpdBookings.sessionId, sessionId), eq(cpdBookings.personId, teachers[2]!.id)));
    expect(offered!.status).toBe('offered');
    const accepted = await t.post(`${cpd()}/bookings/${offered!.id}/accept`, asTeacher[2]!, {});
    expect(location(accepted)).toMatch(/done=accepted/);
    const [now] = await t.db.select().from(cpdBookings).where(eq(cpdBookings.id, offered!.id));
    expect(now!.status).toBe('confirmed');
    // Someone else's booking is not theirs to see.
    expect((await get(`${cpd()}/bookings/${offered!.id}`, asTeacher[3])).status).toBe(403);
  });

  it('refuses to book a cancelled session with a clear message', async () => {
    expect((await t.post(`${cpd()}/sessions/${sessionId}/cancel`, asAdmin, {})).status).toBe(303);
    const res = await t.post(`${cpd()}/sessions/${sessionId}/bookings`, asTeacher[3]!, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This session has been cancelled');
    const left = await t.db.select().from(cpdBookings).where(eq(cpdBookings.sessionId, sessionId));
    expect(left.every((b) => b.status === 'cancelled' || b.status === 'declined')).toBe(true);
  });
});

describe('after the session', () => {
  let bookings: { id: string; personId: string }[];
  let sessionId: string;

  beforeAll(async () => {
    const programme = await makeCpdProgramme(t.db, networkId, { title: 'Assessment for learning', otherPricePence: 6000 });
    // Starts in 30 minutes: the register is open, bookings still allowed.
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const session = await makeCpdSession(t.db, programme, { startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), capacity: 5 });
    sessionId = session.id;
    bookings = [];
    for (const p of [teachers[0]!, teachers[1]!, outsider]) {
      bookings.push(await inTransaction(t.database, (db) => bookSession({ ...ctx(), db }, { sessionId, personId: p.id })));
    }
  });

  it('takes the register on the day and gives attendees a certificate, and the charged one an invoice', async () => {
    const page = await get(`${cpd()}/sessions/${sessionId}/register`, asAdmin);
    expect(page.status).toBe(200);
    const res = await t.post(`${cpd()}/sessions/${sessionId}/register`, asAdmin, { attended: [bookings[0]!.id, bookings[2]!.id] });
    expect(res.status).toBe(303);
    const rows = await t.db.select().from(cpdBookings).where(eq(cpdBookings.sessionId, sessionId));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.attended]))).toEqual({
      [bookings[0]!.id]: true,
      [bookings[1]!.id]: false,
      [bookings[2]!.id]: true,
    });
    expect((await get(`${cpd()}/sessions/${sessionId}/register`, asTeacher[0])).status).toBe(403);

    const cert = await get(`${cpd()}/bookings/${bookings[0]!.id}/certificate.pdf`, asTeacher[0]);
    expect(cert.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await cert.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get(`${cpd()}/bookings/${bookings[1]!.id}/certificate.pdf`, asTeacher[1])).status).toBe(404);
    const invoice = await get(`${cpd()}/bookings/${bookings[2]!.id}/invoice.pdf`, asOutsider);
    expect(invoice.status).toBe(200);
    expect((await get(`${cpd()}/bookings/${bookings[0]!.id}/invoice.pdf`, asTeacher[0])).status).toBe(404);
  });

  it('collects feedback once ended, sends a single-use follow-up, and reports by programme and school with a CSV', async () => {
    await t.db
      .update(cpdSessions)
      .set({ startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000), nextSteps: 'Try exit tickets' })
      .where(eq(cpdSessions.id, sessionId));
    const fb = await t.post(`${cpd()}/bookings/${bookings[0]!.id}/feedback`, asTeacher[0]!, { rating: '5', comment: 'Practical' });
    expect(location(fb)).toMatch(/done=feedback/);
    expect((await t.post(`${cpd()}/bookings/${bookings[1]!.id}/feedback`, asTeacher[1]!, { rating: '5' })).status).toBe(409);

    const sentMail: { to: string; text: string }[] = [];
    const later = new Date(Date.now() + 7 * 7 * 86_400_000);
    const mailer = { local: false, send: async (m: { to: string; text: string }) => void sentMail.push(m) };
    const { sent } = await inTransaction(t.database, (db) => sendFollowUps({ ...ctx(), mailer, db }, { now: later }));
    expect(sent).toBe(2);
    const link = new URL(sentMail[0]!.text.match(/http\S+\/cpd-follow-up\/\S+/)![0]).pathname;
    expect(sentMail[0]!.text).toContain('Try exit tickets');
    const survey = await get(link);
    expect(survey.status).toBe(200);
    const anon = { cookie: '', csrf: '' };
    const form = await survey.text();
    const csrf = form.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const cookie = survey.headers.get('set-cookie')?.split(';')[0] ?? '';
    const answer = (fields: Record<string, string>) => t.post(link, { ...anon, cookie, csrf }, fields);
    expect((await answer({ changed: '', pupilEffect: '', impact: '' })).status).toBe(400);
    expect((await answer({ changed: 'Exit tickets daily', pupilEffect: 'Fewer misconceptions', impact: 'strong' })).status).toBe(200);
    const reused = await answer({ changed: 'Something else', pupilEffect: 'x', impact: 'none' });
    expect(reused.status).toBe(409);
    expect(await reused.text()).toContain('already been answered');

    const programmeId = (await t.db.select().from(cpdSessions).where(eq(cpdSessions.id, sessionId)))[0]!.programmeId;
    const progHtml = await (await get(`${cpd()}/programmes/${programmeId}`, asTeacher[0])).text();
    expect(progHtml).toContain('Exit tickets daily');
    const report = await get(`${cpd()}/reports`, asAdmin);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('Assessment for learning');
    const csv = await (await get(`${cpd()}/reports.csv`, asAdmin)).text();
    const line = csv.split('\n').find((l) => l.startsWith('programme,Assessment for learning'));
    // 1 session delivered, half a day; 3 bookings, 2 attended, 1 no-show, 1 feedback 100% positive, 2 follow-ups, 1 answered, 1 with effect.
    expect(line).toBe('programme,Assessment for learning,1,1,0.5,3,2,1,1,100,2,1,1');
    expect((await get(`${cpd()}/reports`, asTeacher[0])).status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, networkId), eq(auditEvents.action, 'access.refused')));
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('puts booked sessions in the person’s calendar feed', async () => {
    const res = await t.post('/calendar', asTeacher[1]!, {});
    const url = (await res.text()).match(/http:\/\/localhost(\/calendar\/[A-Za-z0-9_-]+\.ics)/)![1]!;
    const feed = await get(url);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain('SUMMARY:Session');
    expect((await get('/calendar/not-a-real-token-at-all-xxxxxxxx.ics')).status).toBe(404);
  });
});

describe('the API', () => {
  it('books over JSON, answers a double booking with 409 problem+json, and lists the bookings in order for admins', async () => {
    const programme = await makeCpdProgramme(t.db, networkId, { title: 'API programme' });
    const session = await makeCpdSession(t.db, programme, { capacity: 1 });
    const api = (path: string, s: Session, body?: unknown) =>
      t.app.request(`/api/v1/networks/${networkId}/cpd${path}`, asJson(s, body === undefined ? 'GET' : 'POST', body));
    const first = await api(`/sessions/${session.id}/bookings`, asTeacher[0]!, {});
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: 'confirmed', position: 1, pricePence: 0 });
    const second = await api(`/sessions/${session.id}/bookings`, asLeader, { personId: teachers[1]!.id });
    expect(await second.json()).toMatchObject({ status: 'waiting', position: 2 });
    const again = await api(`/sessions/${session.id}/bookings`, asTeacher[0]!, {});
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const list = await api(`/sessions/${session.id}/bookings`, asAdmin);
    expect(((await list.json()) as { data: { status: string }[] }).data.map((b) => b.status)).toEqual(['confirmed', 'waiting']);
    expect((await api(`/sessions/${session.id}/bookings`, asTeacher[0]!)).status).toBe(403);

    // Everyone lists the bookings they may see: their own, a leader their school's staff's.
    type Listed = { data: { personId: string; sessionId: string }[] };
    const own = (await (await api('/bookings', asTeacher[0]!)).json()) as Listed;
    expect(new Set(own.data.map((b) => b.personId))).toEqual(new Set([teachers[0]!.id]));
    const school = (await (await api('/bookings', asLeader)).json()) as Listed;
    expect(school.data.map((b) => b.personId)).toEqual(expect.arrayContaining([teachers[0]!.id, teachers[1]!.id]));
    const outsiders = (await (await api('/bookings', asOutsider)).json()) as Listed;
    expect(outsiders.data.every((b) => b.personId === outsider.id)).toBe(true);

    // Feedback over JSON: refused before the session ends, taken after, and only from the attendee.
    const mine = own.data.find((b) => b.sessionId === session.id) as unknown as { id: string };
    expect((await api(`/bookings/${mine.id}/feedback`, asTeacher[0]!, { rating: 4 })).status).toBe(409);
    await t.db
      .update(cpdSessions)
      .set({ startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) })
      .where(eq(cpdSessions.id, session.id));
    await t.db.update(cpdBookings).set({ attended: true }).where(eq(cpdBookings.id, mine.id));
    expect((await api(`/bookings/${mine.id}/feedback`, asTeacher[0]!, { rating: 9 })).status).toBe(400);
    expect((await api(`/bookings/${mine.id}/feedback`, asLeader, { rating: 4 })).status).toBe(403);
    const rated = await api(`/bookings/${mine.id}/feedback`, asTeacher[0]!, { rating: 4, comment: 'Useful' });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ feedbackRating: 4 });
  });

  it('lets an admin change a programme on its page and through the API, with clear refusals', async () => {
    const programme = await makeCpdProgramme(t.db, networkId, { title: 'Middle leadership', otherPricePence: 6000 });
    const page = await (await get(`${cpd()}/programmes/${programme.id}/edit`, asAdmin)).text();
    expect(page).toMatch(/name="otherPrice"[^>]*value="60.00"/);
    expect((await get(`${cpd()}/programmes/${programme.id}/edit`, asTeacher[0])).status).toBe(403);
    const bad = await t.post(`${cpd()}/programmes/${programme.id}`, asAdmin, { title: '', otherPrice: 'lots' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a title for the programme');
    const taken = await t.post(`${cpd()}/programmes/${programme.id}`, asAdmin, { title: 'API programme', otherPrice: '60' });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('already has a programme with this title');
    const saved = await t.post(`${cpd()}/programmes/${programme.id}`, asAdmin, {
      title: 'Middle leadership',
      themes: 'leadership, coaching',
      memberPrice: '',
      otherPrice: '75',
    });
    expect(location(saved)).toMatch(/done=saved/);
    const [row] = await t.db.select().from(cpdProgrammes).where(eq(cpdProgrammes.id, programme.id));
    expect(row).toMatchObject({ themes: ['leadership', 'coaching'], otherPricePence: 7500 });
    const viaApi = await t.app.request(`/api/v1/networks/${networkId}/cpd/programmes/${programme.id}`, {
      method: 'PUT',
      headers: { ...asAdmin.headers, 'x-csrf-token': asAdmin.csrf, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Middle leadership', themes: ['leadership'], memberPricePence: 0, otherPricePence: 8000 }),
    });
    expect(viaApi.status).toBe(200);
    expect(await viaApi.json()).toMatchObject({ otherPricePence: 8000, themes: ['leadership'] });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'cpd.programme_updated'));
    expect(audit).toHaveLength(2);
  });
});
