import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { multipart, sampleHtml, samplePdf } from '../../../test/support/files.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { uploads } from '../../kernel/uploads/schema.ts';
import { ensurePartnership, makeMember, makeNetwork } from '../../seed/factories.ts';
import { networkPartnerships } from '../networks/schema.ts';
import { lpCandidates, lpCohorts, lpEvidence, lpEvidenceStandards, lpPortfolios, lpStandards } from './schema.ts';

let t: TestApp;
let blue: string;
let castle: string;
const ids: Record<string, string> = {};
const sessions: Record<string, Awaited<ReturnType<TestApp['signIn']>>> = {};
let cohortId: string;
let leanneCandidate: string;
let castleCandidate: string;
const standard: Record<string, string> = {};

const area = (network: string) => `/networks/${network}/accreditation`;

/** A multipart form POST as a signed-in person, as the browser sends one with a file. */
function upload(
  path: string,
  who: string,
  fields: Record<string, string | string[]>,
  file?: { name: string; type: string; bytes: Uint8Array },
) {
  const s = sessions[who]!;
  return t.app.request(path, {
    method: 'POST',
    body: multipart({ ...fields, _csrf: s.csrf }, file ? { file } : {}),
    headers: { cookie: s.cookie, origin: 'http://localhost' },
  });
}

const evidenceFields = (extra: Record<string, string> = {}) => ({
  title: 'Singapore maths pilot',
  type: 'action_research',
  whatWasDone: 'Trialled bar models in Year 3',
  withWhom: 'Year 3 team',
  occurredOn: '2025-10-01',
  impact: 'Expected standard up from 58% to 79%',
  impactMeasure: 'Same test before and after',
  links: 'https://example.org/video',
  [`level.${standard.S5}`]: '3',
  [`level.${standard.S7}`]: '4',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  blue = (await makeNetwork(t.db, { name: 'Blue Sky LP test' })).id;
  castle = (await makeNetwork(t.db, { name: 'Castle Phoenix LP test' })).id;
  await ensurePartnership(t.db, blue, castle);
  ids.admin = (await makeMember(t.db, blue, 'network_admin')).id;
  ids.leanne = (await makeMember(t.db, blue, 'participant', { fullName: 'Leanne Casey' })).id;
  ids.tom = (await makeMember(t.db, blue, 'participant', { fullName: 'Tom Whitfield' })).id;
  ids.other = (await makeMember(t.db, blue, 'participant')).id;
  ids.castleTeacher = (await makeMember(t.db, castle, 'participant', { fullName: 'Cara Castle' })).id;
  for (const [k, v] of Object.entries(ids)) sessions[k] = await t.signIn(v);

  const res = await t.post(`${area(blue)}/cohorts`, sessions.admin!, {
    name: 'Cohort 2025',
    startsOn: '2025-09-01',
    endsOn: '2026-07-17',
    partnerNetworkIds: castle,
    maxMenteesPerMentor: '1',
    halfTermlyMeetings: 'yes',
  });
  expect(res.status).toBe(303);
  cohortId = (await t.db.select().from(lpCohorts).where(eq(lpCohorts.networkId, blue)))[0]!.id;
  for (const personId of [ids.leanne!, ids.castleTeacher!]) {
    const enrol = await t.post(`${area(blue)}/cohorts/${cohortId}/candidates`, sessions.admin!, {
      personId,
      headConsentName: 'Rachel Hughes',
      headConsentOn: '2025-09-01',
    });
    expect(enrol.status).toBe(303);
  }
  const candidates = await t.db.select().from(lpCandidates).where(eq(lpCandidates.cohortId, cohortId));
  leanneCandidate = candidates.find((c) => c.personId === ids.leanne)!.id;
  castleCandidate = candidates.find((c) => c.personId === ids.castleTeacher)!.id;
  expect(candidates.find((c) => c.personId === ids.castleTeacher)!.networkId).toBe(castle);
  const [cohort] = await t.db.select().from(lpCohorts).where(eq(lpCohorts.id, cohortId));
  for (const s of await t.db.select().from(lpStandards).where(eq(lpStandards.versionId, cohort!.frameworkVersionId)))
    standard[s.code] = s.id;
  const assign = await t.post(`${area(blue)}/cohorts/${cohortId}/mentors`, sessions.admin!, {
    candidateId: leanneCandidate,
    mentorId: ids.tom!,
    startsOn: '2025-09-01',
    endsOn: '2026-07-17',
  });
  expect(assign.status).toBe(303);
  // Roles granted by enrolment and assignment take effect in a new session.
  for (const k of ['leanne', 'tom', 'castleTeacher']) sessions[k] = await t.signIn(ids[k]!);
});
afterAll(() => t.close());

describe('cohorts', () => {
  it('schedules half-termly meetings and shows the cohort to both networks, managed only by its own', async () => {
    const page = await t.app.request(`${area(blue)}/cohorts/${cohortId}`, { headers: sessions.admin!.headers });
    const html = await page.text();
    expect(html).toContain('Network meeting 6');
    expect(html).toContain('Castle Phoenix LP test');
    expect(html).toContain('Leanne Casey');
  });

  it('shows a candidate their small group and who is in it', async () => {
    const res = await t.post(`${area(blue)}/cohorts/${cohortId}/groups`, sessions.admin!, {
      groupName: 'Maths subject knowledge',
      focus: 'Singapore maths across the cluster',
      candidateIds: [leanneCandidate, castleCandidate],
    });
    expect(res.status).toBe(303);
    const page = await (await t.app.request(`${area(blue)}/portfolios/${leanneCandidate}`, { headers: sessions.leanne!.headers })).text();
    expect(page).toContain('Maths subject knowledge (Singapore maths across the cluster), with Cara Castle');
  });

  it('refuses a mentor over the cohort’s limit, saying why', async () => {
    const res = await t.post(`${area(blue)}/cohorts/${cohortId}/mentors`, sessions.admin!, {
      candidateId: castleCandidate,
      mentorId: ids.tom!,
      startsOn: '2025-10-01',
      endsOn: '2025-12-01',
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This mentor already has 1 candidates over those dates');
  });
});

describe('evidence', () => {
  let evidencePath: string;

  it('a candidate adds evidence with a PDF, and the coverage grid shows it in its cells', async () => {
    const res = await upload(`${area(blue)}/portfolios/${leanneCandidate}/evidence`, 'leanne', evidenceFields(), {
      name: '../../etc/impact.pdf',
      type: 'application/pdf',
      bytes: samplePdf(),
    });
    expect(res.status).toBe(303);
    const page = await t.app.request(`${area(blue)}/portfolios/${leanneCandidate}`, { headers: sessions.leanne!.headers });
    const html = await page.text();
    expect(html).toContain('Singapore maths pilot');
    expect(html).toContain('Pass rule not yet met');
    expect(html.match(/app-coverage--evidenced/g)).toHaveLength(2);
    const href = /href="([^"]+\/evidence\/[0-9a-f-]{36})"/.exec(html)![1]!;
    evidencePath = href;
  });

  it('serves the attachment as a download under a safe name, with nosniff, to those who may see it', async () => {
    const item = await (await t.app.request(evidencePath, { headers: sessions.leanne!.headers })).text();
    const fileHref = /href="([^"]+\/files\/[0-9a-f-]{36})"/.exec(item)![1]!;
    const res = await t.app.request(fileHref, { headers: sessions.tom!.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="impact.pdf"; filename*=UTF-8''impact.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(samplePdf());
    const stranger = await t.app.request(fileHref, { headers: sessions.other!.headers });
    expect(stranger.status).toBe(403);
  });

  it('refuses an HTML file named .pdf with the reason', async () => {
    const res = await upload(`${area(blue)}/portfolios/${leanneCandidate}/evidence`, 'leanne', evidenceFields({ title: 'Sneaky' }), {
      name: 'report.pdf',
      type: 'application/pdf',
      bytes: sampleHtml(),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The file is named .pdf but its content is text or HTML, not a PDF');
  });

  it('refuses an upload over the limit with 413 before reading it', async () => {
    const s = sessions.leanne!;
    const res = await t.app.request(`${area(blue)}/portfolios/${leanneCandidate}/evidence`, {
      method: 'POST',
      body: 'x',
      headers: {
        cookie: s.cookie,
        origin: 'http://localhost',
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(50 * 1024 * 1024),
      },
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('The file must be 10 MB or smaller');
  });

  it('refuses a level outside the framework', async () => {
    const res = await upload(
      `${area(blue)}/portfolios/${leanneCandidate}/evidence`,
      'leanne',
      evidenceFields({ [`level.${standard.S7}`]: '5' }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Level 5 is not a level of this framework: choose a level from 1 to 4 for S7');
  });

  it('the mentor comments on the item and the coverage grid shows the comment', async () => {
    const res = await t.post(`${evidencePath}/feedback`, sessions.tom!, { body: 'Add the follow-up data' });
    expect(res.status).toBe(303);
    const grid = await (await t.app.request(`${area(blue)}/portfolios/${leanneCandidate}`, { headers: sessions.leanne!.headers })).text();
    expect(grid).toContain('Tom Whitfield: Add the follow-up data');
  });

  it('the candidate marks the item ready; a mentor may not add evidence', async () => {
    expect((await t.post(`${evidencePath}/ready`, sessions.leanne!, { ready: 'yes' })).status).toBe(303);
    expect(await (await t.app.request(evidencePath, { headers: sessions.leanne!.headers })).text()).toContain('Mark as not ready');
    expect((await upload(`${area(blue)}/portfolios/${leanneCandidate}/evidence`, 'tom', evidenceFields())).status).toBe(403);
  });
});

describe('changing and removing evidence', () => {
  let itemPath: string;

  it('the candidate changes an item: details, claims and links, with the form filled in', async () => {
    const res = await upload(`${area(blue)}/portfolios/${leanneCandidate}/evidence`, 'leanne', evidenceFields({ title: 'Draft item' }), {
      name: 'draft.pdf',
      type: 'application/pdf',
      bytes: samplePdf(),
    });
    expect(res.status).toBe(303);
    const [item] = await t.db.select().from(lpEvidence).where(eq(lpEvidence.title, 'Draft item'));
    itemPath = `${area(blue)}/portfolios/${leanneCandidate}/evidence/${item!.id}`;
    const form = await (await t.app.request(`${itemPath}/edit`, { headers: sessions.leanne!.headers })).text();
    expect(form).toContain('value="Draft item"');
    expect(form).toContain('https://example.org/video');
    expect((await t.app.request(`${itemPath}/edit`, { headers: sessions.tom!.headers })).status).toBe(403);
    const bad = await t.post(`${itemPath}/edit`, sessions.leanne!, evidenceFields({ title: '', [`level.${standard.S7}`]: '' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a title');
    const changed = await t.post(
      `${itemPath}/edit`,
      sessions.leanne!,
      evidenceFields({ title: 'Bar models in Year 3', links: '', [`level.${standard.S5}`]: '', [`level.${standard.S7}`]: '2' }),
    );
    expect(changed.status).toBe(303);
    const page = await (await t.app.request(itemPath, { headers: sessions.leanne!.headers })).text();
    expect(page).toContain('Bar models in Year 3');
    expect(page).not.toContain('https://example.org/video');
    expect(page).toContain('draft.pdf');
    const claims = await t.db.select().from(lpEvidenceStandards).where(eq(lpEvidenceStandards.evidenceId, item!.id));
    expect(claims.map((c) => [c.standardId, c.claimedLevel])).toEqual([[standard.S7, 2]]);
  });

  it('removes a file and then the whole item, freeing the stored files', async () => {
    const page = await (await t.app.request(itemPath, { headers: sessions.leanne!.headers })).text();
    const removeFile = /action="([^"]+\/files\/[0-9a-f-]{36}\/remove)"/.exec(page)![1]!;
    const uploadId = /files\/([0-9a-f-]{36})\/remove/.exec(removeFile)![1]!;
    expect((await t.post(removeFile, sessions.tom!, {})).status).toBe(403);
    expect((await t.post(removeFile, sessions.leanne!, {})).status).toBe(303);
    expect(await t.db.select().from(uploads).where(eq(uploads.id, uploadId))).toEqual([]);
    const confirm = await t.app.request(`${itemPath}/remove`, { headers: sessions.leanne!.headers });
    expect(await confirm.text()).toContain('Remove Bar models in Year 3?');
    expect((await t.post(`${itemPath}/remove`, sessions.tom!, {})).status).toBe(403);
    const removed = await t.post(`${itemPath}/remove`, sessions.leanne!, {});
    expect(removed.status).toBe(303);
    expect((await t.app.request(itemPath, { headers: sessions.leanne!.headers })).status).toBe(404);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'lp_evidence.removed'));
    expect(audit?.actorId).toBe(ids.leanne);
  });
});

describe('evidence and the framework through the API', () => {
  const api = (path: string, who: string, method = 'GET', body?: unknown) =>
    t.app.request(`/api/v1${area(blue)}${path}`, {
      method,
      headers: {
        ...sessions[who]!.headers,
        'x-csrf-token': sessions[who]!.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const item = {
    title: 'Oracy network',
    whatWasDone: 'Led a termly oracy network',
    occurredOn: '2025-10-01',
    impact: 'Talk planned into every unit',
    type: 'cpd_delivered',
    claims: [{ standardId: '', level: 3 }],
  };

  it('adds, changes, marks ready and removes an item; a mentor may not change it', async () => {
    const body = { ...item, claims: [{ standardId: standard.S1, level: 3 }] };
    const added = await api(`/portfolios/${leanneCandidate}/evidence`, 'leanne', 'POST', body);
    expect(added.status).toBe(201);
    const { id } = await added.json();
    const path = `/portfolios/${leanneCandidate}/evidence/${id}`;
    expect((await api(path, 'tom', 'PUT', body)).status).toBe(403);
    const outside = await api(path, 'leanne', 'PUT', { ...body, claims: [{ standardId: standard.S1, level: 5 }] });
    expect(outside.status).toBe(400);
    expect((await api(path, 'leanne', 'PUT', { ...body, title: 'Oracy network, year two' })).status).toBe(200);
    expect((await api(`${path}/ready`, 'leanne', 'PUT', { ready: true })).status).toBe(200);
    const portfolio = await (await api(`/portfolios/${leanneCandidate}`, 'tom')).json();
    expect(portfolio.evidence.find((e: { id: string }) => e.id === id)).toMatchObject({ title: 'Oracy network, year two', ready: true });
    expect((await api(path, 'tom', 'DELETE')).status).toBe(403);
    expect((await api(path, 'leanne', 'DELETE')).status).toBe(204);
    expect((await api(path, 'leanne', 'DELETE')).status).toBe(404);
  });

  it('reads the framework: levels, standards in groups, the pass rule and versions', async () => {
    const res = await api('/framework', 'leanne');
    expect(res.status).toBe(200);
    const framework = await res.json();
    expect(framework.levels.map((l: { name: string }) => l.name)).toEqual([
      'Beginning',
      'Developing',
      'Extending',
      'Transforming and leading',
    ]);
    expect(framework.groups.flatMap((g: { standards: unknown[] }) => g.standards)).toHaveLength(10);
    expect(framework.passRule).toEqual({ minLevel: 3, minStandards: 7 });
    expect((await api('/framework', 'other')).status).toBe(403);
  });
});

describe('who sees a portfolio', () => {
  it('a partner network’s candidate sees their own from their network, not another’s (refusal audited)', async () => {
    const own = await t.app.request(`${area(castle)}/portfolios/${castleCandidate}`, { headers: sessions.castleTeacher!.headers });
    expect(own.status).toBe(200);
    const other = await t.app.request(`${area(castle)}/portfolios/${leanneCandidate}`, { headers: sessions.castleTeacher!.headers });
    expect(other.status).toBe(403);
    const refused = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.actorId, ids.castleTeacher!)));
    expect(refused.map((r) => r.subjectType)).toContain('lpPortfolio.view');
  });

  it('the LP manager sees every portfolio of the cohort; a member with no part sees none', async () => {
    expect((await t.app.request(`${area(blue)}/portfolios/${castleCandidate}`, { headers: sessions.admin!.headers })).status).toBe(200);
    expect((await t.app.request(`${area(blue)}/portfolios/${leanneCandidate}`, { headers: sessions.other!.headers })).status).toBe(403);
  });
});

describe('a submitted portfolio', () => {
  it('cannot be changed, by the pages or the API', async () => {
    await t.db
      .update(lpPortfolios)
      .set({ status: 'submitted', submittedAt: new Date() })
      .where(eq(lpPortfolios.candidateId, leanneCandidate));
    const page = await upload(`${area(blue)}/portfolios/${leanneCandidate}/evidence`, 'leanne', evidenceFields({ title: 'Late' }));
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('The portfolio is submitted: its evidence can no longer be changed.');
    const api = await t.app.request(`/api/v1${area(blue)}/portfolios/${leanneCandidate}/evidence`, {
      method: 'POST',
      headers: {
        ...sessions.leanne!.headers,
        'content-type': 'application/json',
        'x-csrf-token': sessions.leanne!.csrf,
        origin: 'http://localhost',
      },
      body: JSON.stringify({
        title: 'Late',
        whatWasDone: 'x',
        occurredOn: '2025-10-01',
        impact: 'y',
        type: 'coaching',
        claims: [{ standardId: standard.S1, level: 3 }],
      }),
    });
    expect(api.status).toBe(409);
    expect((await api.json()).detail).toBe('The portfolio is submitted: its evidence can no longer be changed.');
    const [item] = await t.db.select().from(lpEvidence).where(eq(lpEvidence.title, 'Singapore maths pilot'));
    const itemPath = `${area(blue)}/portfolios/${leanneCandidate}/evidence/${item!.id}`;
    expect((await t.app.request(`${itemPath}/edit`, { headers: sessions.leanne!.headers })).status).toBe(409);
    expect(await (await t.app.request(itemPath, { headers: sessions.leanne!.headers })).text()).not.toContain('Change this evidence');
    const edit = await t.post(`${itemPath}/edit`, sessions.leanne!, evidenceFields({ title: 'Changed late' }));
    expect(edit.status).toBe(409);
    expect(await edit.text()).toContain('The portfolio is submitted: its evidence can no longer be changed.');
    expect((await t.post(`${itemPath}/remove`, sessions.leanne!, {})).status).toBe(409);
    expect(await t.db.select().from(lpEvidence).where(eq(lpEvidence.id, item!.id))).toHaveLength(1);
  });
});

describe('when the partnership ends', () => {
  it('the running network no longer sees the partner’s candidates; they still see their own', async () => {
    await t.db.update(networkPartnerships).set({ status: 'ended', endedOn: '2025-12-31' });
    expect((await t.app.request(`${area(blue)}/portfolios/${castleCandidate}`, { headers: sessions.admin!.headers })).status).toBe(403);
    expect(
      (await t.app.request(`${area(castle)}/portfolios/${castleCandidate}`, { headers: sessions.castleTeacher!.headers })).status,
    ).toBe(200);
  });
});
