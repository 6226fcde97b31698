import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../seed/accreditation-outcomes-factories.ts';
import { makeDeployment, makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { verifyCredential } from './badge-signing.ts';
import { sendExpiryReminders } from './commands/send-expiry-reminders.ts';
import { lpCertificates, lpPeerReviews, lpSubmissions } from './outcomes-schema.ts';
import { lpPortfolios } from './schema.ts';

let t: TestApp;
let net: string;
let other: string;
let admin: { id: string };
let assessor: { id: string };
let moderator: { id: string };
let otherAdmin: { id: string };
const cands: { personId: string; candidateId: string; portfolioId: string; name: string }[] = [];
let standards: { id: string; code: string }[];

const base = () => `/networks/${net}/accreditation`;
const session = (id: string) => t.signIn(id);
const get = async (path: string, id?: string) => t.app.request(path, id ? { headers: (await session(id)).headers } : {});
const location = (r: Response) => r.headers.get('location') ?? '';
/** Every standard at `levels[i]` (null: not evidenced), with feedback. */
const judgements = (levels: (number | null)[]) =>
  Object.fromEntries(
    standards.flatMap((s, i) => [
      [`level-${s.id}`, levels[i] == null ? 'none' : String(levels[i])],
      [`feedback-${s.id}`, `Feedback on ${s.code}`],
    ]),
  );

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  net = (await makeNetwork(db)).id;
  other = (await makeNetwork(db)).id;
  const [a, b, c] = [await makeSchool(db), await makeSchool(db), await makeSchool(db)];
  admin = await makeMember(db, net, 'network_admin');
  assessor = await makeMember(db, net, 'assessor', { fullName: 'Asha Assessor' });
  moderator = await makeMember(db, net, 'assessor', { fullName: 'Mo Moderator' });
  otherAdmin = await makeMember(db, other, 'network_admin');
  const { cohort, framework } = await makeLpCohort(db, net, { name: 'Cohort 2025' });
  standards = framework.standards;
  for (const [name, school] of [
    ['Leanne Casey', a],
    ['Ben Okafor', b],
    ['Cara Doyle', c],
  ] as const) {
    const person = await makeMember(db, net, 'lp_candidate', { fullName: name, schoolUrn: school.urn });
    const { candidate, portfolio } = await makeLpCandidate(db, cohort.id, net, person.id, school.urn);
    await makeLpEvidence(db, portfolio.id, framework, [3, 3, 3, 3, 3, 3, 3, 2, 2, 1]);
    cands.push({ personId: person.id, candidateId: candidate.id, portfolioId: portfolio.id, name });
  }
  (globalThis as { cohortId?: string }).cohortId = cohort.id;
});
afterAll(() => t.close());

const cohortPath = () => `${base()}/cohorts/${(globalThis as { cohortId?: string }).cohortId}/peer-reviews`;

describe('peer review', () => {
  it('proposes a pairing across schools and refuses reviewing yourself', async () => {
    const page = await get(cohortPath(), admin.id);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Leanne Casey reviews');
    const [l, b, c] = cands;
    const self = await t.post(cohortPath(), await session(admin.id), {
      [`reviewee-${l!.candidateId}`]: l!.candidateId,
      [`reviewee-${b!.candidateId}`]: c!.candidateId,
      [`reviewee-${c!.candidateId}`]: b!.candidateId,
    });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('Leanne Casey cannot review their own portfolio');
    const ok = await t.post(cohortPath(), await session(admin.id), {
      [`reviewee-${l!.candidateId}`]: b!.candidateId,
      [`reviewee-${b!.candidateId}`]: c!.candidateId,
      [`reviewee-${c!.candidateId}`]: l!.candidateId,
    });
    expect(ok.status).toBe(303);
    expect(t.mail.some((m) => m.subject === "Peer review: Ben Okafor's portfolio")).toBe(true);
  });

  it('shows the reviewer the portfolio they review, and nobody else but the candidate reviewed and admins', async () => {
    const [l, b, c] = cands;
    const [review] = await t.db.select().from(lpPeerReviews).where(eq(lpPeerReviews.reviewerId, l!.candidateId));
    const path = `${base()}/peer-reviews/${review!.id}`;
    const page = await get(path, l!.personId);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Coaching two colleagues through a lesson study');
    expect((await get(path, c!.personId)).status).toBe(403);
    expect((await get(path, otherAdmin.id)).status).toBe(403);
    expect((await get(path, b!.personId)).status).toBe(200);

    const incomplete = await t.post(path, await session(l!.personId), { coverage: 'met', strengths: '' });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('Say what the portfolio does well');
    const done = await t.post(path, await session(l!.personId), {
      coverage: 'met',
      context: 'met',
      impact: 'partly',
      levels: 'met',
      reflection: 'met',
      presentation: 'met',
      strengths: 'Clear impact measures',
      suggestions: 'Say how impact was measured for the coaching item',
    });
    expect(done.status).toBe(303);
    const mail = t.mail.find((m) => m.subject === 'Your portfolio has been peer reviewed');
    expect(mail?.text).toContain('Each item describes its impact and how it was measured');
    expect((await t.post(path, await session(l!.personId), { strengths: 'again' })).status).toBe(400);
  });
});

describe('submission, assessment and certificate', () => {
  it('asks a candidate to complete their own peer review first, then locks the portfolio on submission', async () => {
    const [l, b] = cands;
    const blocked = await t.post(`${base()}/candidates/${b!.candidateId}/submission`, await session(b!.personId), {});
    expect(blocked.status).toBe(409);
    expect(await blocked.text()).toContain('Complete your peer review');
    const path = `${base()}/candidates/${l!.candidateId}/submission`;
    expect((await t.post(path, await session(b!.personId), {})).status).toBe(403);
    expect((await t.post(path, await session(l!.personId), {})).status).toBe(303);
    const [portfolio] = await t.db.select().from(lpPortfolios).where(eq(lpPortfolios.id, l!.portfolioId));
    expect(portfolio!.status).toBe('submitted');
    const again = await t.post(path, await session(l!.personId), {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already submitted');
  });

  it('lets only the assigned assessor judge, refuses a level outside the framework, and accredits on the pass rule', async () => {
    const [l, , c] = cands;
    const [submission] = await t.db.select().from(lpSubmissions).where(eq(lpSubmissions.candidateId, l!.candidateId));
    const path = `${base()}/submissions/${submission!.id}`;
    expect((await get(path, c!.personId)).status).toBe(403);
    expect((await get(path, otherAdmin.id)).status).toBe(403);
    const selfAssess = await t.post(`${path}/assessor`, await session(admin.id), { assessorId: l!.personId });
    expect(selfAssess.status).toBe(400);
    expect((await t.post(`${path}/assessor`, await session(admin.id), { assessorId: assessor.id })).status).toBe(303);
    expect(t.mail.some((m) => m.subject === 'Portfolio to assess: Leanne Casey')).toBe(true);
    expect((await get(path, assessor.id)).status).toBe(200);
    expect((await t.post(`${path}/assessment`, await session(moderator.id), { action: 'finish' })).status).toBe(403);

    const outside = await t.post(`${path}/assessment`, await session(assessor.id), {
      ...judgements([5, 3, 3, 3, 3, 3, 3, 2, 2, 1]),
      action: 'finish',
    });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('S1: level 5 is not one of this framework’s levels (1 to 4)');
    const partial = await t.post(`${path}/assessment`, await session(assessor.id), {
      [`level-${standards[0]!.id}`]: '3',
      action: 'finish',
    });
    expect(partial.status).toBe(400);
    expect(await partial.text()).toContain('S2: choose the level reached');

    const done = await t.post(`${path}/assessment`, await session(assessor.id), {
      ...judgements([3, 3, 3, 3, 3, 4, 3, 2, 2, null]),
      action: 'finish',
    });
    expect(done.status).toBe(303);
    expect(location(done)).toContain('done=decided');
    const [cert] = await t.db.select().from(lpCertificates).where(eq(lpCertificates.candidateId, l!.candidateId));
    expect(cert!.publicId).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(Number(cert!.expiresOn.slice(0, 4)) - Number(cert!.issuedOn.slice(0, 4))).toBe(3);
    expect(
      t.mail.some((m) => m.subject === 'You are an accredited Lead Practitioner' && m.text.includes(`/verify/${cert!.publicId}`)),
    ).toBe(true);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'lp.certificate.issued'));
    expect(audit?.subjectId).toBe(cert!.id);
  });

  it('verifies a certificate publicly with name, framework and dates only; unknown ids are 404', async () => {
    const [l] = cands;
    const [cert] = await t.db.select().from(lpCertificates).where(eq(lpCertificates.candidateId, l!.candidateId));
    const page = await t.app.request(`/verify/${cert!.publicId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Leanne Casey');
    expect(html).toContain('Lead Practitioner standards');
    expect(html).toContain('Valid until');
    expect(html).not.toContain('@example.org');
    expect(html).not.toContain('Cohort 2025');
    expect((await t.app.request('/verify/AAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await t.app.request('/verify/not-an-id')).status).toBe(404);
  });

  it('gives the holder the PDF and the Open Badge; not another candidate', async () => {
    const [l, b] = cands;
    const [cert] = await t.db.select().from(lpCertificates).where(eq(lpCertificates.candidateId, l!.candidateId));
    const path = `${base()}/certificates/${cert!.id}`;
    const pdf = await get(`${path}/certificate.pdf`, l!.personId);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const badge = await (await get(`${path}/badge.json`, admin.id)).json();
    expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(badge.credentialSubject.name).toBe('Leanne Casey');
    expect((await get(path, b!.personId)).status).toBe(403);
    expect((await get(`${path}/badge.json`, otherAdmin.id)).status).toBe(403);
    expect((await get(`${path}/badge.jwt`, b!.personId)).status).toBe(403);
  });

  it('signs the Open Badge as a VC-JWT that verifies with the public key served to anyone; a changed badge does not', async () => {
    const [l] = cands;
    const [cert] = await t.db.select().from(lpCertificates).where(eq(lpCertificates.candidateId, l!.candidateId));
    const res = await get(`${base()}/certificates/${cert!.id}/badge.jwt`, l!.personId);
    expect(res.headers.get('content-type')).toBe('application/vc+jwt');
    const jwt = await res.text();
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const { keys } = await (await t.app.request('/.well-known/jwks.json')).json();
    const key = keys.find((k: { kid: string }) => k.kid === header.kid);
    expect(key).toEqual(header.jwk);
    const payload = verifyCredential(jwt, key);
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      jti: `http://localhost/verify/${cert!.publicId}`,
      iss: `http://localhost/networks/${net}`,
      credentialSubject: { name: 'Leanne Casey' },
    });
    expect(payload!.exp).toBe(Date.parse(`${cert!.expiresOn}T23:59:59Z`) / 1000);
    const [h, p, sig] = jwt.split('.');
    const forged = Buffer.from(Buffer.from(p!, 'base64url').toString().replace('Leanne Casey', 'Someone Else')).toString('base64url');
    expect(verifyCredential(`${h}.${forged}.${sig}`, key)).toBeNull();
    const api = await (await get(`/api/v1/networks/${net}/accreditation/certificates/${cert!.id}/badge`, l!.personId)).json();
    expect(verifyCredential(api.jwt, key)).toMatchObject(api.credential);
    expect((await get(`/api/v1/networks/${net}/accreditation/certificates/${cert!.id}/badge`, cands[1]!.personId)).status).toBe(403);
  });
});

describe('support days after accreditation', () => {
  it('refuses forbidden kinds and an eleventh day, with the numbers', async () => {
    const [l] = cands;
    const [cert] = await t.db.select().from(lpCertificates).where(eq(lpCertificates.candidateId, l!.candidateId));
    const path = `${base()}/certificates/${cert!.id}/support-days`;
    const s = await session(l!.personId);
    const on = cert!.issuedOn;
    const forbidden = await t.post(path, s, { givenOn: on, days: '1', kind: 'formal_lesson_observation' });
    expect(forbidden.status).toBe(400);
    expect(await forbidden.text()).toContain('Formal lesson observations cannot be logged');
    expect((await t.post(path, s, { givenOn: on, days: '9.5', kind: 'cpd_delivery' })).status).toBe(303);
    expect((await t.post(path, s, { givenOn: on, days: '0.5', kind: 'team_teaching', schoolUrn: '' })).status).toBe(303);
    const eleventh = await t.post(path, s, { givenOn: on, days: '1', kind: 'work_scrutiny' });
    expect(eleventh.status).toBe(400);
    expect(await eleventh.text()).toContain('This would make 11 days in');
    const api = await t.app.request(`/api/v1/networks/${net}/accreditation/certificates/${cert!.id}/support-days`, {
      method: 'POST',
      headers: { ...s.headers, 'content-type': 'application/json', 'x-csrf-token': s.csrf },
      body: JSON.stringify({ givenOn: on, days: 0.5, kind: 'interview' }),
    });
    expect(api.status).toBe(400);
  });
});

describe('support days under a deployment', () => {
  it('offers the holder’s deployments by school to choose from, not a reference to type', async () => {
    const [l] = cands;
    const [cert] = await t.db.select().from(lpCertificates).where(eq(lpCertificates.candidateId, l!.candidateId));
    const school = await makeSchool(t.db, { name: 'Willow Primary' });
    const designation = await makeDesignation(t.db, net, l!.personId);
    const request = await makeSupportRequest(t.db, net, school.urn);
    const deployment = await makeDeployment(t.db, request, { ...designation, kind: designation.kind }, [['2025-10-01', 2]]);
    const path = `${base()}/certificates/${cert!.id}`;
    const page = await (await get(path, l!.personId)).text();
    expect(page).toContain('Willow Primary, from');
    expect(page).toContain(`value="${deployment.id}"`);
  });
});

describe('moderation', () => {
  it('holds a sampled submission for the moderator, who can overturn and so ask for resubmission', async () => {
    const [, b, c] = cands;
    const [review] = await t.db.select().from(lpPeerReviews).where(eq(lpPeerReviews.reviewerId, b!.candidateId));
    const answers = {
      coverage: 'met',
      context: 'met',
      impact: 'met',
      levels: 'met',
      reflection: 'met',
      presentation: 'met',
      strengths: 'Good',
    };
    expect((await t.post(`${base()}/peer-reviews/${review!.id}`, await session(b!.personId), answers)).status).toBe(303);
    expect((await t.post(`${base()}/candidates/${b!.candidateId}/submission`, await session(b!.personId), {})).status).toBe(303);
    const [submission] = await t.db.select().from(lpSubmissions).where(eq(lpSubmissions.candidateId, b!.candidateId));
    const path = `${base()}/submissions/${submission!.id}`;
    expect((await t.post(`${path}/assessor`, await session(admin.id), { assessorId: assessor.id })).status).toBe(303);
    expect((await t.post(`${path}/sample`, await session(assessor.id), {})).status).toBe(409);
    expect((await t.post(`${path}/sample`, await session(c!.personId), {})).status).toBe(403);
    expect((await t.post(`${path}/sample`, await session(moderator.id), {})).status).toBe(303);
    const finished = await t.post(`${path}/assessment`, await session(assessor.id), {
      ...judgements([3, 3, 3, 3, 3, 3, 3, 2, 2, 1]),
      action: 'finish',
    });
    expect(location(finished)).toContain('done=moderating');
    expect(t.mail.some((m) => m.subject === 'Sampled portfolio ready to moderate: Ben Okafor')).toBe(true);
    const moderated = await t.post(`${path}/moderation`, await session(moderator.id), {
      ...judgements([2, 3, 3, 3, 3, 3, 3, 2, 2, 1]),
      note: 'S1 evidence stays within the team',
    });
    expect(moderated.status).toBe(303);
    const [decided] = await t.db.select().from(lpSubmissions).where(eq(lpSubmissions.id, submission!.id));
    expect(decided).toMatchObject({ status: 'decided', outcome: 'resubmit', toWorkOn: ['S1', 'S8', 'S9', 'S10'] });
    const [portfolio] = await t.db.select().from(lpPortfolios).where(eq(lpPortfolios.id, b!.portfolioId));
    expect(portfolio).toMatchObject({ status: 'resubmit', version: 2 });
    const page = await (await get(`${base()}/candidates/${b!.candidateId}/submission`, b!.personId)).text();
    expect(page).toContain('Standards to work on before you resubmit: S1, S8, S9, S10');
  });
});

describe('expiry reminders and reports', () => {
  it('mails a holder once when their accreditation ends within 90 days', async () => {
    const [cert] = await t.db.select().from(lpCertificates);
    const config = loadConfig({ NODE_ENV: 'test', APP_URL: 'http://localhost' });
    const before = t.mail.length;
    const mailer = { local: false, send: async (m: (typeof t.mail)[number]) => void t.mail.push(m) };
    const run = (today: string) =>
      inTransaction(t.database, (db) => sendExpiryReminders({ db, actor: operatorActor('test'), mailer, config }, { today }));
    const early = new Date(Date.parse(`${cert!.expiresOn}T00:00:00Z`) - 91 * 86_400_000).toISOString().slice(0, 10);
    expect(await run(early)).toEqual({ due: 0, sent: 0 });
    const inWindow = new Date(Date.parse(`${cert!.expiresOn}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    expect(await run(inWindow)).toEqual({ due: 1, sent: 1 });
    expect(await run(inWindow)).toEqual({ due: 0, sent: 0 });
    expect(t.mail.slice(before).map((m) => m.subject)).toEqual([expect.stringMatching(/^Your Lead Practitioner accreditation ends on/)]);
  });

  it('reports stages, coverage, pass rate and support days, as a page and CSV, to admins only', async () => {
    const page = await get(`${base()}/reports`, admin.id);
    expect(page.status).toBe(200);
    const csv = await (await get(`${base()}/reports.csv`, admin.id)).text();
    expect(csv).toContain('Pass rate');
    expect(csv).toContain('2,1,1,50%');
    expect(csv).toContain('Leanne Casey');
    expect((await get(`${base()}/reports`, cands[0]!.personId)).status).toBe(403);
  });
});

describe('API', () => {
  it('lists an assessor their submissions, refuses a candidate, and refuses an assessment by anyone but the assigned assessor', async () => {
    const list = await get(`/api/v1/networks/${net}/accreditation/submissions`, assessor.id);
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.data.map((s: { candidateName: string }) => s.candidateName).sort()).toEqual(['Ben Okafor', 'Leanne Casey']);
    expect((await get(`/api/v1/networks/${net}/accreditation/submissions`, cands[2]!.personId)).status).toBe(403);
    const s = await session(moderator.id);
    const refused = await t.app.request(`/api/v1/networks/${net}/accreditation/submissions/${body.data[0].id}/assessment`, {
      method: 'POST',
      headers: { ...s.headers, 'content-type': 'application/json', 'x-csrf-token': s.csrf },
      body: JSON.stringify({ judgements: [], finish: false }),
    });
    expect(refused.status).toBe(403);
  });
});
