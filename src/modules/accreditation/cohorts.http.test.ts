import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { lpCandidates, lpCohorts, lpFrameworkVersions, lpMentorAssignments } from './schema.ts';

let t: TestApp;
let network: string;
let admin: Awaited<ReturnType<TestApp['signIn']>>;
const area = () => `/networks/${network}/accreditation`;

beforeAll(async () => {
  t = await createTestApp();
  network = (await makeNetwork(t.db)).id;
  admin = await t.signIn((await makeMember(t.db, network, 'network_admin')).id);
});
afterAll(() => t.close());

async function startCohort(name: string) {
  const res = await t.post(`${area()}/cohorts`, admin, { name, startsOn: '2025-09-01', endsOn: '2026-07-17', maxMenteesPerMentor: '2' });
  expect(res.status).toBe(303);
  const [row] = await t.db.select().from(lpCohorts).where(eq(lpCohorts.name, name));
  return row!;
}

describe('the framework', () => {
  it('starts as the SSAT default; an edit makes a new version and an existing cohort keeps its own', async () => {
    const page = await (await t.app.request(`${area()}/framework`, { headers: admin.headers })).text();
    expect(page).toContain('Transferring specialist expertise, knowledge and pedagogy');
    expect(page).toContain('at least level 3 on at least 7 of the 10 standards');
    const first = await startCohort('First cohort');
    const fields: Record<string, string> = {
      passMinLevel: '3',
      passMinStandards: '8',
      validityYears: '3',
      changeNote: 'Eight standards to pass',
    };
    for (const [i, name] of ['Beginning', 'Developing', 'Extending', 'Transforming and leading'].entries()) {
      fields[`levelName.${i + 1}`] = name;
      fields[`levelDescription.${i + 1}`] = '';
    }
    for (let i = 1; i <= 10; i++) fields[`title.S${i}`] = `Standard ${i}`;
    const saved = await t.post(`${area()}/framework`, admin, fields);
    expect(saved.status).toBe(303);
    const versions = await t.db.select().from(lpFrameworkVersions).where(eq(lpFrameworkVersions.networkId, network));
    expect(versions.map((v) => [v.version, v.passMinStandards]).sort()).toEqual([
      [1, 7],
      [2, 8],
    ]);
    const second = await startCohort('Second cohort');
    expect(first.frameworkVersionId).toBe(versions.find((v) => v.version === 1)!.id);
    expect(second.frameworkVersionId).toBe(versions.find((v) => v.version === 2)!.id);
  });

  it('refuses a pass rule the framework could never meet, on the form', async () => {
    const res = await t.post(`${area()}/framework`, admin, {
      passMinLevel: '9',
      passMinStandards: '7',
      validityYears: '3',
      changeNote: 'x',
    });
    expect(res.status).toBe(400);
  });
});

describe('standards added and removed on screen', () => {
  const latest = async () => {
    const versions = await t.db.select().from(lpFrameworkVersions).where(eq(lpFrameworkVersions.networkId, network));
    return versions.sort((a, b) => b.version - a.version)[0]!;
  };
  it('adds a standard as a new version (cohorts keep theirs), refusing a taken code', async () => {
    const before = await latest();
    const running = await startCohort('Running while the framework grows');
    const form = await (await t.app.request(`${area()}/framework/standards/new`, { headers: admin.headers })).text();
    expect(form).toContain('value="S11"');
    const taken = await t.post(`${area()}/framework/standards`, admin, { group: 'Personal skills', code: 'S3', title: 'Resilience' });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('S3 is taken: choose another code');
    const noGroup = await t.post(`${area()}/framework/standards`, admin, { group: 'new', code: 'S11', title: 'Leading inclusion' });
    expect(noGroup.status).toBe(400);
    expect(await noGroup.text()).toContain('Enter the name of the new group');
    const added = await t.post(`${area()}/framework/standards`, admin, {
      group: 'new',
      newGroup: 'Inclusion',
      code: 'S11',
      title: 'Leading inclusion',
    });
    expect(added.status).toBe(303);
    const now = await latest();
    expect(now.version).toBe(before.version + 1);
    expect(now.changeNote).toBe('Added S11 Leading inclusion');
    const page = await (await t.app.request(`${area()}/framework`, { headers: admin.headers })).text();
    expect(page).toContain('Inclusion');
    expect(page).toContain('of the 11 standards');
    const [kept] = await t.db.select().from(lpCohorts).where(eq(lpCohorts.id, running.id));
    expect(kept!.frameworkVersionId).toBe(before.id);
  });

  it('removes a standard after confirming; refuses when the pass rule would ask for more than remain', async () => {
    const confirm = await t.app.request(`${area()}/framework/standards/S11/remove`, { headers: admin.headers });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Remove S11 Leading inclusion?');
    expect((await t.post(`${area()}/framework/standards/S11/remove`, admin, {})).status).toBe(303);
    expect((await latest()).changeNote).toBe('Removed S11 Leading inclusion');
    // The pass rule asks for 8: removing down to 7 standards is refused with the reason.
    for (const code of ['S10', 'S9']) expect((await t.post(`${area()}/framework/standards/${code}/remove`, admin, {})).status).toBe(303);
    const refused = await t.post(`${area()}/framework/standards/S8/remove`, admin, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The number of standards to pass must be between 1 and 7');
    expect((await t.post(`${area()}/framework/standards/S99/remove`, admin, {})).status).toBe(404);
  });

  it('is for the LP manager only', async () => {
    const candidate = await t.signIn((await makeMember(t.db, network, 'lp_candidate')).id);
    expect((await t.app.request(`${area()}/framework/standards/new`, { headers: candidate.headers })).status).toBe(403);
    expect((await t.post(`${area()}/framework/standards/S1/remove`, candidate, {})).status).toBe(403);
  });
});

describe('cohorts through the API', () => {
  const api = (path: string, method = 'GET', body?: unknown, who = admin) =>
    t.app.request(`/api/v1${area()}${path}`, {
      method,
      headers: { ...who.headers, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('starts a cohort, enrols, schedules and records a meeting, groups, and assigns the proposed mentor rotation', async () => {
    const started = await api('/cohorts', 'POST', {
      name: 'API cohort',
      startsOn: '2025-09-01',
      endsOn: '2026-07-17',
      maxMenteesPerMentor: 1,
      halfTermlyMeetings: false,
    });
    expect(started.status).toBe(201);
    const cohort = await started.json();
    expect(cohort).toMatchObject({ name: 'API cohort', maxMenteesPerMentor: 1, meetings: [] });
    const path = `/cohorts/${cohort.id}`;
    const [p1, p2, m1, m2] = await Promise.all(
      [1, 2, 3, 4].map((i) => makeMember(t.db, network, 'participant', { fullName: `API person ${i}` })),
    );
    for (const p of [p1!, p2!]) {
      const enrolled = await api(`${path}/candidates`, 'POST', { personId: p.id, headConsentName: 'Head', headConsentOn: '2025-09-01' });
      expect(enrolled.status).toBe(201);
    }
    const meeting = await (await api(`${path}/meetings`, 'POST', { heldOn: '2025-10-01', title: 'Autumn meeting' })).json();
    const [c1, c2] = meeting.candidates;
    const recorded = await api(`${path}/meetings/${meeting.meetings[0].id}/attendance`, 'PUT', {
      attendance: [
        { candidateId: c1.id, status: 'present' },
        { candidateId: c2.id, status: 'apologies' },
      ],
    });
    expect(recorded.status).toBe(200);
    expect((await recorded.json()).meetings[0].present).toBe(1);
    const grouped = await api(`${path}/groups`, 'POST', { name: 'Oracy', candidateIds: [c1.id, c2.id] });
    expect((await grouped.json()).groups[0].candidateIds.sort()).toEqual([c1.id, c2.id].sort());
    const tooMany = await api(`${path}/mentors`, 'POST', {
      pairings: [c1.id, c2.id].map((candidateId) => ({ candidateId, mentorId: m1!.id, startsOn: '2025-09-01', endsOn: '2025-12-01' })),
    });
    expect(tooMany.status).toBe(409);
    expect((await api(`${path}/rotation?mentorIds=${m1!.id}&periods=2`)).status).toBe(409);
    const proposal = await api(`${path}/rotation?mentorIds=${m1!.id},${m2!.id}&periods=2`);
    expect(proposal.status).toBe(200);
    const { pairings } = await proposal.json();
    expect(pairings).toHaveLength(4);
    const assigned = await api(`${path}/mentors`, 'POST', { pairings });
    expect(assigned.status).toBe(200);
    expect((await assigned.json()).mentors).toHaveLength(4);
    const candidate = await t.signIn(p1!.id);
    expect((await api(path, 'GET', undefined, candidate)).status).toBe(403);
  });
});

describe('mentor rotation', () => {
  it('proposes a rotation within the limit, and the manager confirms it', async () => {
    const cohort = await startCohort('Rotation cohort');
    const people = await Promise.all([1, 2, 3, 4].map((i) => makeMember(t.db, network, 'participant', { fullName: `Candidate ${i}` })));
    for (const p of people) {
      expect(
        (
          await t.post(`${area()}/cohorts/${cohort.id}/candidates`, admin, {
            personId: p.id,
            headConsentName: 'Head',
            headConsentOn: '2025-09-01',
          })
        ).status,
      ).toBe(303);
    }
    const mentors = await Promise.all([1, 2].map((i) => makeMember(t.db, network, 'participant', { fullName: `AST ${i}` })));
    const query = new URLSearchParams([['periods', '3'], ...mentors.map((m) => ['mentorIds', m.id] as [string, string])]);
    const page = await (await t.app.request(`${area()}/cohorts/${cohort.id}/mentors?${query}`, { headers: admin.headers })).text();
    const pairings = [...page.matchAll(/name="pairing" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(pairings).toHaveLength(12);
    expect((await t.post(`${area()}/cohorts/${cohort.id}/rotation`, admin, { pairing: pairings })).status).toBe(303);
    const rows = await t.db.select().from(lpMentorAssignments).where(eq(lpMentorAssignments.cohortId, cohort.id));
    expect(rows).toHaveLength(12);
    const candidates = await t.db.select().from(lpCandidates).where(eq(lpCandidates.cohortId, cohort.id));
    for (const c of candidates) {
      const seq = rows.filter((r) => r.candidateId === c.id).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      expect(seq[0]!.mentorId).not.toBe(seq[1]!.mentorId);
    }
  });

  it('says how many mentors are missing when too few are chosen', async () => {
    const [cohort] = await t.db.select().from(lpCohorts).where(eq(lpCohorts.name, 'Rotation cohort'));
    const mentor = await makeMember(t.db, network, 'participant');
    const page = await (
      await t.app.request(`${area()}/cohorts/${cohort!.id}/mentors?mentorIds=${mentor.id}`, { headers: admin.headers })
    ).text();
    expect(page).toContain('4 candidates need at least 2 mentors taking up to 2 each; there is 1');
  });
});
