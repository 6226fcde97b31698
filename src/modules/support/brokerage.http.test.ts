import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { todayIso } from '../../kernel/dates.ts';
import { addSchoolToNetwork, ensurePartnership, makeDesignation, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { deployments, supportRequests } from './brokerage-schema.ts';
import { schoolYearLabel, schoolYearOf } from './requests-domain.ts';

let t: TestApp;
let net: string;
let base: string;
const ids: Record<string, string> = {};
let hostUrn: number;
let maths: string;
let science: string;

const code = async (c: string) =>
  (
    await t.db
      .select()
      .from(specialisms)
      .where(and(isNull(specialisms.networkId), eq(specialisms.code, c)))
  )[0]!.id;

beforeAll(async () => {
  t = await createTestApp();
  net = (await makeNetwork(t.db)).id;
  base = `/networks/${net}/support`;
  const host = await makeSchool(t.db, { name: 'Hill Primary', easting: 433000, northing: 279000 });
  const home = await makeSchool(t.db, { name: 'Vale Primary', easting: 436000, northing: 279000 });
  const other = await makeSchool(t.db, { name: 'Other Primary' });
  hostUrn = host.urn;
  for (const s of [host, home, other]) await addSchoolToNetwork(t.db, net, s.urn);
  maths = await code('maths');
  science = await code('science');
  ids.admin = (await makeMember(t.db, net, 'network_admin', { fullName: 'Ann Broker' })).id;
  ids.hostHead = (await makeMember(t.db, net, 'school_leader', { fullName: 'Hannah Host', schoolUrn: host.urn })).id;
  ids.homeHead = (await makeMember(t.db, net, 'school_leader', { fullName: 'Helen Home', schoolUrn: home.urn })).id;
  ids.otherHead = (await makeMember(t.db, net, 'school_leader', { fullName: 'Oscar Other', schoolUrn: other.urn })).id;
  ids.priya = (await makeMember(t.db, net, 'system_leader', { fullName: 'Priya Sharma', schoolUrn: home.urn })).id;
  ids.designation = (await makeDesignation(t.db, net, ids.priya, { releaseDays: '15', specialismIds: [maths] })).id;
  const partnerNet = (await makeNetwork(t.db)).id;
  await ensurePartnership(t.db, net, partnerNet);
  ids.partner = (await makeMember(t.db, partnerNet, 'network_admin')).id;
});
afterAll(() => t.close());

const need = (over: Record<string, string> = {}) => ({
  kind: 'known_need',
  schoolUrn: String(hostUrn),
  offerId: '',
  specialismId: maths,
  phase: 'primary',
  objectives: 'Raise attainment in maths at key stage 2',
  days: '3',
  preferredStartOn: '2025-10-01',
  preferredEndOn: '2025-12-19',
  ...over,
});
const requestCount = async () => (await t.db.select({ n: count() }).from(supportRequests))[0]!.n;

describe('commissioning support', () => {
  it('refuses impossible dates, negative days and fractions other than halves, saving nothing', async () => {
    const s = await t.signIn(ids.hostHead!);
    const cases: [Record<string, string>, string][] = [
      [{ days: '-2' }, 'Days must be more than 0 and no more than 190'],
      [{ days: '2.25' }, 'Days must be whole or half days, like 3 or 3.5'],
      [{ preferredStartOn: '2025-02-30' }, 'Enter the earliest start date as a real date'],
      [{ preferredEndOn: '2025-09-01' }, 'The end date must be the same as or after the start date'],
      [{ preferredEndOn: '2026-10-01' }, 'The dates must fall in one school year (1 September to 31 August)'],
    ];
    for (const [fields, message] of cases) {
      const res = await t.post(`${base}/requests`, s, need(fields));
      expect(res.status, message).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await requestCount()).toBe(0);
  });

  it('lets a school leader request support for their own school only, and see only their school’s requests', async () => {
    const s = await t.signIn(ids.hostHead!);
    const res = await t.post(`${base}/requests`, s, need());
    expect(res.status).toBe(303);
    ids.request = res.headers.get('location')!.split('/').pop()!;
    const other = await t.signIn(ids.otherHead!);
    expect((await t.post(`${base}/requests`, other, need())).status).toBe(403);
    expect(await (await t.app.request(`${base}/requests`, { headers: other.headers })).text()).not.toContain('Hill Primary');
    expect((await t.app.request(`${base}/requests/${ids.request}`, { headers: other.headers })).status).toBe(403);
    expect(await (await t.app.request(`${base}/requests`, { headers: s.headers })).text()).toContain('Hill Primary');
  });

  it('accepts a request for a specialism nobody holds and shows it unmatched, with the reason', async () => {
    const admin = await t.signIn(ids.admin!);
    const res = await t.post(`${base}/requests`, admin, need({ specialismId: science }));
    expect(res.status).toBe(303);
    const page = await (await t.app.request(res.headers.get('location')!, { headers: admin.headers })).text();
    expect(page).toContain('Unmatched: Nobody in the network holds a designation in Science');
  });

  it('shows partner networks the offers, never the requests', async () => {
    const p = await t.signIn(ids.partner!);
    expect((await t.app.request(`${base}/offers`, { headers: p.headers })).status).toBe(200);
    expect((await t.app.request(`${base}/requests`, { headers: p.headers })).status).toBe(403);
    expect((await t.app.request(`${base}/deployments`, { headers: p.headers })).status).toBe(403);
  });
});

describe('a deployment from match to evaluation', () => {
  it('ranks Priya with reasons, and proposes her', async () => {
    const admin = await t.signIn(ids.admin!);
    const page = await (await t.app.request(`${base}/requests/${ids.request}`, { headers: admin.headers })).text();
    expect(page).toContain('Priya Sharma');
    expect(page).toContain('Holds Mathematics');
    expect(page).toContain('3.0 km away');
    const res = await t.post(`${base}/requests/${ids.request}/propose`, admin, { designationId: ids.designation! });
    expect(res.status).toBe(303);
    ids.deployment = res.headers.get('location')!.split('/').pop()!;
    expect(t.mail.some((m) => m.subject.startsWith('Proposed: Priya Sharma'))).toBe(true);
  });

  it('needs the leader’s consent and her own head’s release before the school agrees', async () => {
    const url = `${base}/deployments/${ids.deployment}`;
    const host = await t.signIn(ids.hostHead!);
    const agree = {
      objectives: 'Raise attainment',
      criterion1: 'Pupils at expected standard in maths',
      baseline1: '54%',
      target1: '70%',
      days: '3',
      startsOn: '2025-10-01',
      endsOn: '2025-12-19',
      payingSchoolUrn: String(hostUrn),
    };
    const early = await t.post(`${url}/agree`, host, agree);
    expect(early.status).toBe(409);
    const priya = await t.signIn(ids.priya!);
    // Priya cannot release herself: her own head does.
    expect((await t.post(`${url}/release`, priya, { answer: 'yes' })).status).toBe(403);
    expect((await t.post(`${url}/consent`, priya, { answer: 'yes' })).status).toBe(303);
    expect((await t.post(`${url}/release`, await t.signIn(ids.homeHead!), { answer: 'yes' })).status).toBe(303);
    expect((await t.post(`${url}/agree`, host, agree)).status).toBe(303);
    const [d] = await t.db.select().from(deployments).where(eq(deployments.id, ids.deployment!));
    expect(d!.status).toBe('agreed');
  });

  it('logs days in halves within the agreed days, then completes and is evaluated against the baseline', async () => {
    const url = `${base}/deployments/${ids.deployment}`;
    const priya = await t.signIn(ids.priya!);
    expect((await t.post(`${url}/days`, priya, { workedOn: '2025-10-02', halfDays: '2', activity: 'Lesson observations' })).status).toBe(
      303,
    );
    expect(
      (await t.post(`${url}/days`, priya, { workedOn: '2025-10-09', halfDays: '1', activity: 'Planning with the maths lead' })).status,
    ).toBe(303);
    const outside = await t.post(`${url}/days`, priya, { workedOn: '2026-01-09', halfDays: '1', activity: 'Late visit' });
    expect(outside.status).toBe(409);
    expect((await t.post(`${url}/complete`, priya, {})).status).toBe(303);
    const host = await t.signIn(ids.hostHead!);
    const page = await (await t.app.request(url, { headers: host.headers })).text();
    const criterion = /name="(endMeasure-[0-9a-f-]+)"/.exec(page)![1]!;
    expect((await t.post(`${url}/evaluate`, host, { rating: 'good', comment: 'Clear impact', [criterion]: '68%' })).status).toBe(303);
    expect((await t.post(`${url}/reflection`, priya, { reflection: 'Modelling worked best' })).status).toBe(303);
    const [d] = await t.db.select().from(deployments).where(eq(deployments.id, ids.deployment!));
    expect(d!.status).toBe('evaluated');
    const profile = await (await t.app.request(`/networks/${net}/directory/${ids.priya}`, { headers: host.headers })).text();
    expect(profile).toContain('1 of 1 evaluated deployments rated good or better');
    // Those days were in 2025 to 2026; the profile shows what is left this school year.
    expect(profile).toContain(`${schoolYearOf(todayIso()) === 2025 ? 12 : 15} days left in ${schoolYearLabel(schoolYearOf(todayIso()))}`);
  });

  it('refuses a deployment beyond the leader’s release days, with the numbers', async () => {
    const admin = await t.signIn(ids.admin!);
    const made = await t.post(`${base}/requests`, admin, need({ days: '13' }));
    const requestId = made.headers.get('location')!.split('/').pop()!;
    const res = await t.post(`${base}/requests/${requestId}/propose`, admin, { designationId: ids.designation! });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(
      'Priya Sharma has 12 days left of 15 days released in 2025 to 2026 (3 days already allocated); this deployment needs 13 days',
    );
    expect((await t.db.select({ n: count() }).from(deployments))[0]!.n).toBe(1);
  });
});

describe('allocating all open requests', () => {
  it('proposes a whole allocation under the same rules; the broker keeps, changes or rejects each line', async () => {
    const admin = await t.signIn(ids.admin!);
    const made = await t.post(`${base}/requests`, admin, need({ days: '2', objectives: 'Year 5 fractions' }));
    const requestId = made.headers.get('location')!.split('/').pop()!;
    const page = await (await t.app.request(`${base}/allocate`, { headers: admin.headers })).text();
    expect(page).toContain('It is optimal.');
    expect(page).toMatch(new RegExp(`name="line-${requestId}"[\\s\\S]*?<option value="${ids.designation}" selected>Priya Sharma`));
    expect(page).toContain('Nobody in the network holds a designation in Science');
    const res = await t.post(`${base}/allocate`, admin, { [`line-${requestId}`]: ids.designation! });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Hill Primary: proposed Priya Sharma');
    const [d] = await t.db.select().from(deployments).where(eq(deployments.requestId, requestId));
    expect(d).toMatchObject({ status: 'proposed', designationId: ids.designation });
  });
});

describe('allocating all open requests in the background', () => {
  it('shows the run’s progress until it finishes, then the same proposal; a run is seen only under its own network', async () => {
    const admin = await t.signIn(ids.admin!);
    const made = await t.post(`${base}/requests`, admin, need({ days: '1', objectives: 'Year 6 reasoning' }));
    const requestId = made.headers.get('location')!.split('/').pop()!;
    const started = await t.post(`${base}/allocate/runs`, admin, {});
    expect(started.status).toBe(303);
    const url = started.headers.get('location')!;
    expect(url.startsWith(`${base}/allocate/runs/`)).toBe(true);
    let page = '';
    for (let i = 0; i < 400; i++) {
      page = await (await t.app.request(url, { headers: admin.headers })).text();
      if (!page.includes('data-live-progress')) break;
      expect(page).toMatch(
        /Counting the open requests|Reading the eligible leaders of each open request: \d+ of \d+|finding the best allocation/,
      );
      expect(page).toContain('Check progress');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(page).toContain('It is optimal.');
    expect(page).toMatch(new RegExp(`name="line-${requestId}"[\\s\\S]*?<option value="${ids.designation}" selected>Priya Sharma`));

    const missing = await t.app.request(`${base}/allocate/runs/${crypto.randomUUID()}`, { headers: admin.headers });
    expect(missing.status).toBe(404);
    // The admin of another network, asking for this run under their own network: not found.
    const other = (await makeNetwork(t.db)).id;
    const otherAdmin = await t.signIn((await makeMember(t.db, other, 'network_admin')).id);
    const runId = url.split('/').pop()!;
    const elsewhere = await t.app.request(`/networks/${other}/support/allocate/runs/${runId}`, { headers: otherAdmin.headers });
    expect(elsewhere.status).toBe(404);
  });
});

describe('a diagnostic first', () => {
  it('turns the diagnostic’s findings into the school’s request', async () => {
    const host = await t.signIn(ids.hostHead!);
    const made = await t.post(`${base}/requests`, host, need({ kind: 'diagnostic', specialismId: '', days: '' }));
    expect(made.status).toBe(303);
    const requestId = made.headers.get('location')!.split('/').pop()!;
    const admin = await t.signIn(ids.admin!);
    const proposed = await t.post(`${base}/requests/${requestId}/propose`, admin, { designationId: ids.designation! });
    expect(proposed.status).toBe(303);
    const url = proposed.headers.get('location')!;
    const [d] = await t.db.select().from(deployments).where(eq(deployments.requestId, requestId));
    expect(d).toMatchObject({ kind: 'diagnostic', days: '1.0' });
    const priya = await t.signIn(ids.priya!);
    await t.post(`${url}/consent`, priya, { answer: 'yes' });
    await t.post(`${url}/release`, await t.signIn(ids.homeHead!), { answer: 'yes' });
    await t.post(`${url}/agree`, host, {
      objectives: 'Review maths',
      criterion1: 'Review done',
      baseline1: 'None',
      days: '1',
      startsOn: '2025-10-01',
      endsOn: '2025-10-01',
      payingSchoolUrn: String(hostUrn),
    });
    await t.post(`${url}/days`, priya, { workedOn: '2025-10-01', halfDays: '2', activity: 'Review' });
    expect((await t.post(`${url}/complete`, priya, {})).status).toBe(303);
    const findings = {
      findings: 'Reasoning in upper key stage 2 is the gap',
      specialismId: maths,
      phase: 'primary',
      objectives: 'Teach reasoning in years 5 and 6',
      days: '4',
      preferredStartOn: '2025-11-03',
      preferredEndOn: '2026-02-13',
    };
    expect((await t.post(`${url}/findings`, host, findings)).status).toBe(303);
    const page = await (await t.app.request(url, { headers: host.headers })).text();
    expect(page).toContain('Reasoning in upper key stage 2 is the gap');
    const [followUp] = await t.db.select().from(supportRequests).where(eq(supportRequests.followUpOf, requestId));
    expect(followUp).toMatchObject({ kind: 'known_need', specialismId: maths, days: '4.0', status: 'open' });
    expect((await t.post(`${url}/findings`, host, findings)).status).toBe(409);
  });
});
