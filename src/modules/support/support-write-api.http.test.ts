import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { todayIso } from '../../kernel/dates.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { designations } from './schema.ts';

// The JSON API for designation rounds and money walks the same commands as the pages: a round from opening
// to designation, and the payment model, a voucher and a target.

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let network: { id: string };
let other: { id: string };
let school: number;
let as: Record<'admin' | 'head' | 'applicant' | 'assessor' | 'otherAdmin' | 'teacher', Session>;
let applicantId: string;
let maths: string;

const shift = (days: number) => todayIso(new Date(Date.now() + days * 86400000));
const api = (method: string, path: string, s: Session, body?: unknown) =>
  t.app.request(`/api/v1/networks/${network.id}${path}`, asJson(s, method, body));
const problem = async (res: Response) => (await res.json()) as { errors?: { path: string; message: string }[]; detail?: string };

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.db);
  other = await makeNetwork(t.db);
  school = (await makeSchool(t.db)).urn;
  await addSchoolToNetwork(t.db, network.id, school);
  const head = await makeMember(t.db, network.id, 'school_leader', { schoolUrn: school });
  const applicant = await makeMember(t.db, network.id, 'participant', { schoolUrn: school, leadershipLevel: 'middle_leader' });
  applicantId = applicant.id;
  as = {
    admin: await t.signIn((await makeMember(t.db, network.id, 'network_admin')).id),
    head: await t.signIn(head.id),
    applicant: await t.signIn(applicant.id),
    assessor: await t.signIn((await makeMember(t.db, network.id, 'assessor')).id),
    otherAdmin: await t.signIn((await makeMember(t.db, other.id, 'network_admin')).id),
    teacher: await t.signIn((await makeMember(t.db, network.id, 'participant', { schoolUrn: school })).id),
  };
  maths = (
    await t.db
      .select()
      .from(specialisms)
      .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')))
  )[0]!.id;
});
afterAll(() => t?.close());

describe('designation rounds through the API', () => {
  let roundId: string;
  let criteria: { id: string; position: number }[];
  let applicationId: string;

  it('opens a round (admins only), refusing bad dates by field', async () => {
    const round = {
      title: 'Primary SLEs, second cohort',
      kind: 'sle',
      phases: ['primary'],
      specialismIds: [maths],
      opensOn: shift(-1),
      closesOn: shift(20),
      termStartsOn: shift(40),
      termEndsOn: shift(40 + 3 * 365),
      criteria: ['Two years in leadership below headteacher', 'A record of impact', 'Coaching or facilitation'],
      maxScore: 4,
    };
    expect((await api('POST', '/rounds', as.teacher, round)).status).toBe(403);
    const bad = await api('POST', '/rounds', as.admin, { ...round, closesOn: shift(-5) });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path)).toContain('closesOn');
    const res = await api('POST', '/rounds', as.admin, round);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; criteria: { id: string; position: number }[] };
    roundId = created.id;
    criteria = created.criteria;
    expect(criteria).toHaveLength(3);
  });

  it('takes an application with a statement per criterion, endorsed by the applicant’s own head only', async () => {
    const application = {
      phase: 'primary',
      leadershipYears: 3,
      specialismIds: [maths],
      statements: criteria.map((c) => ({ criterionId: c.id, statement: `Evidence for criterion ${c.position}` })),
    };
    const missing = await api('POST', `/rounds/${roundId}/applications`, as.applicant, {
      ...application,
      statements: application.statements.slice(1),
    });
    expect(missing.status).toBe(400);
    const res = await api('POST', `/rounds/${roundId}/applications`, as.applicant, application);
    expect(res.status).toBe(201);
    applicationId = ((await res.json()) as { id: string }).id;
    const path = `/rounds/${roundId}/applications/${applicationId}`;
    expect((await api('POST', `${path}/endorsement`, as.admin, { decision: 'endorse', releaseDays: 15 })).status).toBe(403);
    const endorsed = await api('POST', `${path}/endorsement`, as.head, { decision: 'endorse', releaseDays: 15, note: null });
    expect(endorsed.status).toBe(200);
    expect(await endorsed.json()).toMatchObject({ status: 'endorsed', releaseDays: 15 });
    const again = await api('POST', `${path}/endorsement`, as.head, { decision: 'refuse', note: 'Changed my mind' });
    expect(again.status).toBe(409);
  });

  it('is scored by the panel against every criterion and designated by the admin', async () => {
    const path = `/rounds/${roundId}/applications/${applicationId}`;
    const scores = { scores: criteria.map((c) => ({ criterionId: c.id, score: 3 })), comment: 'Strong' };
    expect((await api('POST', `${path}/scores`, as.applicant, scores)).status).toBe(403);
    const tooHigh = await api('POST', `${path}/scores`, as.assessor, { scores: criteria.map((c) => ({ criterionId: c.id, score: 9 })) });
    expect(tooHigh.status).toBe(400);
    expect((await api('POST', `${path}/scores`, as.assessor, scores)).status).toBe(200);
    expect((await api('POST', `${path}/decision`, as.assessor, { decision: 'designate' })).status).toBe(403);
    expect((await api('POST', `${path}/decision`, as.admin, { decision: 'decline', feedback: '' })).status).toBe(400);
    const decided = await api('POST', `${path}/decision`, as.admin, { decision: 'designate', feedback: 'Welcome' });
    expect(decided.status).toBe(200);
    const body = (await decided.json()) as { status: string; designationId: string };
    expect(body.status).toBe('designated');
    const [d] = await t.db.select().from(designations).where(eq(designations.id, body.designationId));
    expect(d).toMatchObject({ personId: applicantId, kind: 'sle', releaseDays: '15.0' });
    // The applicant reads their own; another network's admin is refused.
    const own = await api('GET', path, as.applicant);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { scores: unknown[] }).scores).toEqual([]);
    expect(((await (await api('GET', path, as.assessor)).json()) as { scores: unknown[] }).scores).toHaveLength(3);
    expect((await api('GET', path, as.otherAdmin)).status).toBe(403);
  });

  it('records induction and the review meeting', async () => {
    expect(
      (
        await api('POST', `/rounds/${roundId}/trainings`, as.admin, {
          kind: 'induction',
          title: 'x',
          heldOn: shift(0),
          attendeeIds: [applicantId],
        })
      ).status,
    ).toBe(400);
    const training = { kind: 'induction', title: 'SLE induction', heldOn: shift(0), attendeeIds: [applicationId] };
    expect((await api('POST', `/rounds/${roundId}/trainings`, as.admin, training)).status).toBe(201);
    const review = { heldOn: shift(0), attendees: 'Admins and SLEs', notes: 'The deployment process from end to end', actions: null };
    expect((await api('POST', `/rounds/${roundId}/reviews`, as.admin, review)).status).toBe(201);
    expect((await api('POST', `/rounds/${roundId}/reviews`, as.head, review)).status).toBe(403);
  });
});

const model = {
  sleMemberPence: 35000,
  sleNonMemberPence: 42000,
  lleMemberPence: 45000,
  lleNonMemberPence: 54000,
  nleMemberPence: 55000,
  nleNonMemberPence: 66000,
  diagnosticMemberPence: 40000,
  diagnosticNonMemberPence: 48000,
  feeKind: 'fixed',
  feeValue: 5000,
  vatBasisPoints: 2000,
  hoursPerDay: 6.5,
};

describe('money through the API', () => {
  it('sets the payment model (admins only), refusing a non-member rate below the member rate', async () => {
    expect((await api('PUT', '/support/payment-model', as.head, model)).status).toBe(403);
    const bad = await api('PUT', '/support/payment-model', as.admin, { ...model, lleNonMemberPence: 100 });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.path).toBe('lleNonMember');
    const res = await api('PUT', '/support/payment-model', as.admin, model);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ...model, saved: true });
  });

  it('gives a member school a voucher and lists it unredeemed', async () => {
    const notMember = await api('POST', '/support/vouchers', as.admin, {
      schoolUrn: (await makeSchool(t.db)).urn,
      hours: 2,
      reason: 'Marketplace event',
      issuedOn: shift(0),
    });
    expect(notMember.status).toBe(400);
    const res = await api('POST', '/support/vouchers', as.admin, {
      schoolUrn: school,
      hours: 2,
      reason: 'Marketplace event',
      issuedOn: shift(0),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ schoolUrn: school, hours: 2, deploymentId: null, redeemedPence: null });
    const list = (await (await api('GET', '/support/vouchers', as.admin)).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
    expect((await api('GET', '/support/vouchers', as.otherAdmin)).status).toBe(403);
  });

  it('sets a school year’s targets', async () => {
    const res = await api('PUT', '/support/targets', as.admin, { startYear: 2026, days: 80, incomePence: 2_800_000 });
    expect(res.status).toBe(200);
    expect((await (await api('GET', '/support/targets', as.admin)).json()) as unknown).toEqual({
      data: [{ startYear: 2026, days: 80, incomePence: 2_800_000 }],
    });
    expect((await api('PUT', '/support/targets', as.admin, { startYear: 2026, days: 80.25, incomePence: 1 })).status).toBe(400);
  });
});

describe('a deployment agreed through the API', () => {
  it('freezes the price of the moment and spends the school’s voucher on it', async () => {
    // The leader's own school and head; the leader holds a maths designation.
    const home = (await makeSchool(t.db)).urn;
    await addSchoolToNetwork(t.db, network.id, home);
    const leader = await makeMember(t.db, network.id, 'system_leader', { schoolUrn: home });
    const homeHead = await t.signIn((await makeMember(t.db, network.id, 'school_leader', { schoolUrn: home })).id);
    const asLeader = await t.signIn(leader.id);
    const designation = await makeDesignation(t.db, network.id, leader.id, { specialismIds: [maths] });
    const request = await api('POST', '/support/requests', as.admin, {
      schoolUrn: school,
      kind: 'known_need',
      specialismId: maths,
      phase: 'primary',
      objectives: 'Reasoning in year 6',
      days: 2,
      preferredStartOn: shift(1),
      preferredEndOn: shift(30),
    });
    expect(request.status).toBe(201);
    const requestId = ((await request.json()) as { id: string }).id;
    const proposed = await api('POST', `/support/requests/${requestId}/deployments`, as.admin, { designationId: designation.id });
    expect(proposed.status).toBe(201);
    const deployment = (await proposed.json()) as { id: string; agreedPrice: unknown };
    expect(deployment.agreedPrice).toBeNull();
    const path = `/support/deployments/${deployment.id}`;
    expect((await api('POST', `${path}/events`, asLeader, { event: 'consent' })).status).toBe(200);
    expect((await api('POST', `${path}/events`, homeHead, { event: 'release' })).status).toBe(200);
    const agreed = await api('POST', `${path}/agreement`, as.head, {
      objectives: 'Reasoning in year 6',
      days: 2,
      startsOn: shift(1),
      endsOn: shift(30),
      payingSchoolUrn: school,
      criteria: [{ description: 'Pupils reasoning at the expected standard', baseline: '50%', target: '70%' }],
    });
    expect(agreed.status).toBe(200);
    // The model set above: member SLE £350, a fixed £50 fee, VAT 20%.
    const price = { dayRatePence: 35000, feeKind: 'fixed', feeValue: 5000, vatBasisPoints: 2000 };
    expect(((await agreed.json()) as { agreedPrice: unknown }).agreedPrice).toEqual(price);
    // The voucher given above (2 hours of a 6.5-hour day at £350) is spent on it.
    const vouchers = (await (await api('GET', '/support/vouchers', as.admin)).json()) as {
      data: { deploymentId: string | null; redeemedPence: number | null }[];
    };
    expect(vouchers.data).toEqual([expect.objectContaining({ deploymentId: deployment.id, redeemedPence: 10769 })]);
    // Notes, milestones and the record; the leader reflects only once it is completed.
    expect((await api('POST', `${path}/notes`, asLeader, { body: 'First visit booked' })).status).toBe(201);
    expect((await api('POST', `${path}/milestones`, as.head, { title: 'Mid-point review', dueOn: shift(15) })).status).toBe(403);
    expect((await api('POST', `${path}/milestones`, as.admin, { title: 'Mid-point review', dueOn: shift(15) })).status).toBe(201);
    expect((await api('POST', `${path}/reflection`, asLeader, { reflection: 'Too early' })).status).toBe(409);
    const record = await api('GET', `${path}/record`, as.head);
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({
      criteria: [{ description: 'Pupils reasoning at the expected standard', baseline: '50%' }],
      notes: [{ body: 'First visit booked' }],
      milestones: [{ title: 'Mid-point review' }],
      vouchers: [{ hours: 2, redeemedPence: 10769 }],
    });
    expect((await api('GET', `${path}/record`, as.otherAdmin)).status).toBe(403);
    // A later payment model leaves the agreed price as it was.
    expect(
      (await api('PUT', '/support/payment-model', as.admin, { ...model, sleMemberPence: 50000, sleNonMemberPence: 60000 })).status,
    ).toBe(200);
    expect(((await (await api('GET', path, as.admin)).json()) as { agreedPrice: unknown }).agreedPrice).toEqual(price);
  });
});

describe('allocating all open requests through the API', () => {
  it('runs a whole allocation for the broker, line by line with the leaders eligible', async () => {
    const request = await api('POST', '/support/requests', as.admin, {
      schoolUrn: school,
      kind: 'known_need',
      specialismId: maths,
      phase: 'primary',
      objectives: 'Fluency in year 4',
      days: 1,
      preferredStartOn: shift(2),
      preferredEndOn: shift(40),
    });
    const requestId = ((await request.json()) as { id: string }).id;
    expect((await api('POST', '/support/allocation-runs', as.head)).status).toBe(403);
    const started = await api('POST', '/support/allocation-runs', as.admin);
    expect(started.status).toBe(202);
    const runId = ((await started.json()) as { id: string }).id;
    type Run = {
      status: string;
      proposal: { fromLastRun: boolean; lines: { requestId: string; proposedDesignationId: string | null; eligible: unknown[] }[] } | null;
    };
    let run: Run = { status: 'running', proposal: null };
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      run = (await (await api('GET', `/support/allocation-runs/${runId}`, as.admin)).json()) as Run;
      if (run.status === 'running') await new Promise((r) => setTimeout(r, 50));
    }
    expect(run.status).toBe('finished');
    expect(typeof run.proposal!.fromLastRun).toBe('boolean');
    const line = run.proposal!.lines.find((l) => l.requestId === requestId)!;
    expect(line.proposedDesignationId).not.toBeNull();
    expect(line.eligible.length).toBeGreaterThan(0);
    expect((await api('GET', `/support/allocation-runs/${requestId}`, as.admin)).status).toBe(404);
  });
});
