import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { todayIso } from '../../kernel/dates.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { designationApplications, designationRounds } from './rounds-schema.ts';
import { designationSpecialisms, designations } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let network: { id: string };
let other: { id: string };
let school: number;
let as: Record<'admin' | 'head' | 'otherHead' | 'applicant' | 'assessor' | 'otherAdmin' | 'teacher', Session>;
let applicant: { id: string; email: string };
let head: { id: string; email: string };
let maths: string;
let science: string;
let roundId: string;

const shift = (days: number) => todayIso(new Date(Date.now() + days * 86400000));
const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const rounds = () => `/networks/${network.id}/rounds`;
const shared = async (code: string) =>
  (
    await t.db
      .select()
      .from(specialisms)
      .where(and(isNull(specialisms.networkId), eq(specialisms.code, code)))
  )[0]!.id;
const applicationRow = async () =>
  (await t.db.select().from(designationApplications).where(eq(designationApplications.personId, applicant.id)))[0]!;
const appPath = async () => `${rounds()}/${roundId}/applications/${(await applicationRow()).id}`;

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.db);
  other = await makeNetwork(t.db);
  school = (await makeSchool(t.db)).urn;
  const otherSchool = (await makeSchool(t.db)).urn;
  await addSchoolToNetwork(t.db, network.id, school);
  const admin = await makeMember(t.db, network.id, 'network_admin');
  head = await makeMember(t.db, network.id, 'school_leader', { schoolUrn: school, fullName: 'Hannah Head' });
  const otherHead = await makeMember(t.db, network.id, 'school_leader', { schoolUrn: otherSchool });
  applicant = await makeMember(t.db, network.id, 'participant', {
    schoolUrn: school,
    fullName: 'Amina Applicant',
    leadershipLevel: 'middle_leader',
  });
  const assessor = await makeMember(t.db, network.id, 'assessor');
  const teacher = await makeMember(t.db, network.id, 'participant', { schoolUrn: school, leadershipLevel: 'teacher' });
  const otherAdmin = await makeMember(t.db, other.id, 'network_admin');
  as = {
    admin: await t.signIn(admin.id),
    head: await t.signIn(head.id),
    otherHead: await t.signIn(otherHead.id),
    applicant: await t.signIn(applicant.id),
    assessor: await t.signIn(assessor.id),
    otherAdmin: await t.signIn(otherAdmin.id),
    teacher: await t.signIn(teacher.id),
  };
  maths = await shared('maths');
  science = await shared('science');
});
afterAll(() => t?.close());

describe('a designation round from opening to designation', () => {
  it('opens a round with its targets, window, term and published criteria; bad dates are refused by field', async () => {
    const bad = await t.post(rounds(), as.admin, {
      title: 'SLE round',
      kind: 'sle',
      phases: 'primary',
      opensOn: shift(-5),
      closesOn: shift(-10),
      termStartsOn: shift(30),
      termEndsOn: shift(20),
      criteria: 'One',
      maxScore: '4',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('The closing date must be on or after the opening date');
    expect(html).toContain('The designation term must end after it starts');
    expect(await t.db.select().from(designationRounds)).toHaveLength(0);

    const res = await t.post(rounds(), as.admin, {
      title: 'SLE round: primary cohort',
      kind: 'sle',
      phases: ['primary', 'secondary'],
      specialismIds: [maths],
      opensOn: shift(-5),
      closesOn: shift(10),
      termStartsOn: shift(30),
      termEndsOn: shift(30 + 3 * 365),
      criteria: 'At least two years in a leadership role below headteacher\nA record of impact\nCoaching or facilitation',
      maxScore: '4',
    });
    expect(res.status).toBe(303);
    roundId = res.headers.get('location')!.split('/').pop()!;
    const page = await (await get(`${rounds()}/${roundId}`, as.teacher)).text();
    expect(page).toContain('A record of impact');
    expect(page).toContain('Open for applications');
    expect(page).toContain('Mathematics');
  });

  it('refuses an applicant short of two years in leadership, and a specialism the round does not target', async () => {
    const res = await t.post(`${rounds()}/${roundId}/apply`, as.applicant, {
      phase: 'primary',
      leadershipYears: '1.5',
      specialismIds: [science],
      'statement-1': 'x',
      'statement-2': 'y',
      'statement-3': 'z',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('SLEs need at least two years in a leadership role below headteacher');
    expect(html).toContain('Select specialisms this round targets');
    expect(await t.db.select().from(designationApplications)).toHaveLength(0);
  });

  it('takes an application with a statement per criterion and asks the head to endorse', async () => {
    const missing = await t.post(`${rounds()}/${roundId}/apply`, as.applicant, {
      phase: 'primary',
      leadershipYears: '3',
      specialismIds: [maths],
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Write your statement against this criterion');

    t.mail.length = 0;
    const res = await t.post(`${rounds()}/${roundId}/apply`, as.applicant, {
      phase: 'primary',
      leadershipYears: '3',
      specialismIds: [maths],
      'statement-1': 'Head of maths for four years.',
      'statement-2': 'KS2 maths results up from 61% to 82%.',
      'statement-3': 'I coach two new subject leads.',
    });
    expect(res.status).toBe(303);
    expect((await applicationRow()).status).toBe('submitted');
    expect(t.mail.map((m) => [m.to, m.subject])).toEqual(
      expect.arrayContaining([
        [head.email, 'Please endorse Amina Applicant’s SLE application'],
        [applicant.email, 'Your SLE application has been sent'],
      ]),
    );
    const again = await t.post(`${rounds()}/${roundId}/apply`, as.applicant, {
      phase: 'primary',
      leadershipYears: '3',
      specialismIds: [maths],
      'statement-1': 'a',
      'statement-2': 'b',
      'statement-3': 'c',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You have already applied to this round');
  });

  it('lets only the applicant’s own head endorse, with release days; the panel cannot designate before scoring', async () => {
    const path = await appPath();
    expect((await get(path, as.otherHead)).status).toBe(403);
    expect((await t.post(`${path}/endorse`, as.otherHead, { decision: 'endorse', releaseDays: '15' })).status).toBe(403);
    expect((await t.post(`${path}/endorse`, as.applicant, { decision: 'endorse', releaseDays: '15' })).status).toBe(403);
    const bad = await t.post(`${path}/endorse`, as.head, { decision: 'endorse', releaseDays: '15.25' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('must be whole or half days');
    expect((await t.post(`${path}/endorse`, as.head, { decision: 'refuse' })).status).toBe(400);

    t.mail.length = 0;
    expect(
      (await t.post(`${path}/endorse`, as.head, { decision: 'endorse', releaseDays: '15', note: 'Released on Thursdays' })).status,
    ).toBe(303);
    const row = await applicationRow();
    expect([row.status, row.releaseDays]).toEqual(['endorsed', '15.0']);
    expect(t.mail.some((m) => m.to === applicant.email && m.subject === 'Your headteacher has endorsed your application')).toBe(true);

    const early = await t.post(`${path}/decision`, as.admin, { decision: 'designate' });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('The panel has not scored every criterion yet');
  });

  it('has the panel score each criterion within its range; the applicant sees no scores', async () => {
    const path = await appPath();
    const bad = await t.post(`${path}/score`, as.assessor, { 'score-1': '5', 'score-2': '3', 'score-3': 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a score from 0 to 4');
    expect((await t.post(`${path}/score`, as.applicant, { 'score-1': '4', 'score-2': '4', 'score-3': '4' })).status).toBe(403);
    expect((await t.post(`${path}/score`, as.assessor, { 'score-1': '4', 'score-2': '3', 'score-3': '3' })).status).toBe(303);
    expect((await t.post(`${path}/score`, as.admin, { 'score-1': '3', 'score-2': '3', 'score-3': '2' })).status).toBe(303);
    const panel = await (await get(path, as.admin)).text();
    expect(panel).toContain('3.5 of 4');
    expect(panel).toContain('Total: 9 of 12');
    const own = await (await get(path, as.applicant)).text();
    expect(own).toContain('Endorsed, with the panel');
    expect(own).not.toContain('Panel scores');
  });

  it('designates: a designation with the round’s term, the head’s release days and the specialisms applied for', async () => {
    const path = await appPath();
    t.mail.length = 0;
    expect((await t.post(`${path}/decision`, as.admin, { decision: 'designate', feedback: 'A strong application' })).status).toBe(303);
    const row = await applicationRow();
    expect(row.status).toBe('designated');
    const [d] = await t.db.select().from(designations).where(eq(designations.id, row.designationId!));
    expect(d).toMatchObject({ personId: applicant.id, kind: 'sle', phase: 'primary', releaseDays: '15.0', startsOn: shift(30) });
    const specs = await t.db.select().from(designationSpecialisms).where(eq(designationSpecialisms.designationId, d!.id));
    expect(specs.map((s) => s.specialismId)).toEqual([maths]);
    expect(t.mail.map((m) => m.subject)).toEqual(
      expect.arrayContaining(['You have been designated as an SLE', 'Amina Applicant has been designated as an SLE']),
    );
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.networkId, network.id), eq(auditEvents.action, 'application.designated')));
    expect(audit).toHaveLength(1);
    expect((await t.post(`${path}/decision`, as.admin, { decision: 'decline', feedback: 'Changed my mind' })).status).toBe(409);
  });

  it('records induction attendance and a review meeting', async () => {
    const row = await applicationRow();
    const bad = await t.post(`${rounds()}/${roundId}/trainings`, as.admin, { kind: 'induction', title: '', heldOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect((await t.post(`${rounds()}/${roundId}/trainings`, as.teacher, { kind: 'induction', title: 'x', heldOn: shift(1) })).status).toBe(
      403,
    );
    expect(
      (
        await t.post(`${rounds()}/${roundId}/trainings`, as.admin, {
          kind: 'induction',
          title: 'SLE induction day',
          heldOn: shift(31),
          attendeeIds: row.id,
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await t.post(`${rounds()}/${roundId}/reviews`, as.admin, {
          heldOn: shift(60),
          attendees: 'Director, SLEs, headteachers',
          notes: 'Went through the deployment process from end to end.',
        })
      ).status,
    ).toBe(303);
    const page = await (await get(`${rounds()}/${roundId}`, as.admin)).text();
    expect(page).toContain('SLE induction day');
    expect(page).toContain('Attended: Amina Applicant');
    expect(page).toContain('Went through the deployment process from end to end.');
  });

  it('declines with feedback, which is required', async () => {
    const second = await makeMember(t.db, network.id, 'participant', { schoolUrn: school, leadershipLevel: 'middle_leader' });
    const s = await t.signIn(second.id);
    const res = await t.post(`${rounds()}/${roundId}/apply`, s, {
      phase: 'secondary',
      leadershipYears: '2',
      specialismIds: [maths],
      'statement-1': 'a',
      'statement-2': 'b',
      'statement-3': 'c',
    });
    const path = res.headers.get('location')!.split('?')[0]!;
    expect((await t.post(`${path}/decision`, as.admin, { decision: 'decline' })).status).toBe(400);
    t.mail.length = 0;
    expect((await t.post(`${path}/decision`, as.admin, { decision: 'decline', feedback: 'More evidence of impact, please' })).status).toBe(
      303,
    );
    expect(t.mail.find((m) => m.to === second.email)?.text).toContain('More evidence of impact, please');
  });

  it('keeps rounds inside their network', async () => {
    expect((await get(`${rounds()}/${roundId}`, as.otherAdmin)).status).toBe(403);
    expect((await get(`/networks/${other.id}/rounds/${roundId}`, as.otherAdmin)).status).toBe(403);
    expect((await get(`${rounds()}/new`, as.teacher)).status).toBe(403);
  });
});
