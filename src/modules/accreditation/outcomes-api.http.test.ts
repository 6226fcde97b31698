import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../seed/accreditation-outcomes-factories.ts';
import { makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';

// The outcomes end to end through the JSON API alone: pairings, a peer review, submission, an assessor,
// a moderator's sample and decision, and the reports.

let t: TestApp;
let net: string;
let cohortId: string;
let admin: string;
let assessor: string;
let moderator: string;
let otherAdmin: string;
const cands: { personId: string; candidateId: string }[] = [];
let standards: { id: string; code: string }[];

const api = (path: string) => `/api/v1/networks/${net}/accreditation${path}`;
async function call(who: string, method: string, path: string, body?: unknown) {
  const s = await t.signIn(who);
  return t.app.request(api(path), asJson(s, method, body));
}
const checklist = { coverage: 'met', context: 'met', impact: 'partly', levels: 'met', reflection: 'met', presentation: 'met' };

beforeAll(async () => {
  t = await createTestApp();
  net = (await makeNetwork(t.db)).id;
  admin = (await makeMember(t.db, net, 'network_admin')).id;
  assessor = (await makeMember(t.db, net, 'assessor')).id;
  moderator = (await makeMember(t.db, net, 'assessor')).id;
  otherAdmin = (await makeMember(t.db, (await makeNetwork(t.db)).id, 'network_admin')).id;
  const { cohort, framework } = await makeLpCohort(t.db, net);
  cohortId = cohort.id;
  standards = framework.standards;
  for (let i = 0; i < 2; i++) {
    const school = await makeSchool(t.db);
    const person = await makeMember(t.db, net, 'lp_candidate', { schoolUrn: school.urn });
    const { candidate, portfolio } = await makeLpCandidate(t.db, cohort.id, net, person.id, school.urn);
    await makeLpEvidence(t.db, portfolio.id, framework, [3, 3, 3, 3, 3, 3, 3, 2, 2, 1]);
    cands.push({ personId: person.id, candidateId: candidate.id });
  }
});
afterAll(() => t.close());

describe('the accreditation outcomes API', () => {
  it('proposes pairings, refuses reviewing yourself, and confirms', async () => {
    const proposal = await call(admin, 'GET', `/cohorts/${cohortId}/peer-reviews`);
    expect(proposal.status).toBe(200);
    const { proposed, reviews } = await proposal.json();
    expect(proposed).toHaveLength(2);
    expect(reviews).toEqual([]);
    const [a, b] = cands;
    const self = await call(admin, 'POST', `/cohorts/${cohortId}/peer-reviews`, {
      pairings: [{ reviewerId: a!.candidateId, revieweeId: a!.candidateId }],
    });
    expect(self.status).toBe(400);
    expect(self.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(a!.personId, 'GET', `/cohorts/${cohortId}/peer-reviews`)).status).toBe(403);
    expect((await call(otherAdmin, 'GET', `/cohorts/${cohortId}/peer-reviews`)).status).toBe(403);
    const confirmed = await call(admin, 'POST', `/cohorts/${cohortId}/peer-reviews`, { pairings: proposed });
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json()).reviews.map((r: { status: string }) => r.status)).toEqual(['assigned', 'assigned']);
    expect(b).toBeDefined();
  });

  it('lets a candidate read and complete their review, then submit', async () => {
    const [a, b] = cands;
    const mine = await (await call(a!.personId, 'GET', '/peer-reviews')).json();
    expect(mine.giving).toHaveLength(1);
    expect(mine.receiving).toEqual([]);
    const reviewId = mine.giving[0].id;
    const review = await (await call(a!.personId, 'GET', `/peer-reviews/${reviewId}`)).json();
    expect(review.evidence[0].title).toBe('Coaching two colleagues through a lesson study');
    expect((await call(otherAdmin, 'GET', `/peer-reviews/${reviewId}`)).status).toBe(403);
    const notMine = await call(b!.personId, 'POST', `/peer-reviews/${reviewId}`, { ...checklist, strengths: 'Clear' });
    expect(notMine.status).toBe(403);
    const done = await call(a!.personId, 'POST', `/peer-reviews/${reviewId}`, { ...checklist, strengths: 'Clear', suggestions: null });
    expect(done.status).toBe(200);
    expect((await done.json()).status).toBe('completed');
    expect((await call(a!.personId, 'POST', `/peer-reviews/${reviewId}`, { ...checklist, strengths: 'Again' })).status).toBe(409);
    expect((await call(b!.personId, 'POST', `/candidates/${a!.candidateId}/submission`)).status).toBe(403);
    const submitted = await call(a!.personId, 'POST', `/candidates/${a!.candidateId}/submission`);
    expect(submitted.status).toBe(201);
    expect(await submitted.json()).toMatchObject({ status: 'awaiting_assessor', portfolioVersion: 1 });
    const again = await call(a!.personId, 'POST', `/candidates/${a!.candidateId}/submission`);
    expect(again.status).toBe(409);
  });

  it('assigns an assessor; a moderator samples and overturns; reports show the outcome', async () => {
    const [a] = cands;
    const list = await (await call(admin, 'GET', '/submissions')).json();
    const id = list.data[0].id;
    expect((await call(admin, 'POST', `/submissions/${id}/assessor`, { assessorId: a!.personId })).status).toBe(400);
    expect((await call(admin, 'POST', `/submissions/${id}/assessor`, { assessorId: assessor })).status).toBe(200);
    expect((await call(a!.personId, 'POST', `/submissions/${id}/sample`)).status).toBe(403);
    expect((await call(assessor, 'POST', `/submissions/${id}/sample`)).status).toBe(409);
    const sampled = await call(moderator, 'POST', `/submissions/${id}/sample`);
    expect(sampled.status).toBe(200);
    expect((await sampled.json()).moderatorId).toBe(moderator);
    const judgements = standards.map((s, i) => ({ standardId: s.id, level: [3, 3, 3, 3, 3, 3, 3, 2, 2, 1][i]!, feedback: `On ${s.code}` }));
    const assessed = await call(assessor, 'POST', `/submissions/${id}/assessment`, { judgements, finish: true });
    expect(assessed.status).toBe(200);
    expect((await assessed.json()).status).toBe('in_moderation');
    const levels = standards.map((s, i) => ({ standardId: s.id, level: [2, 3, 3, 3, 3, 3, 3, 2, 2, 1][i]! }));
    expect((await call(assessor, 'POST', `/submissions/${id}/moderation`, { levels, note: null })).status).toBe(403);
    const outside = await call(moderator, 'POST', `/submissions/${id}/moderation`, {
      levels: levels.map((l, i) => (i === 0 ? { ...l, level: 7 } : l)),
    });
    expect(outside.status).toBe(400);
    const decided = await call(moderator, 'POST', `/submissions/${id}/moderation`, { levels, note: 'S1 stays within the team' });
    expect(decided.status).toBe(200);
    const body = await decided.json();
    expect(body).toMatchObject({ status: 'decided', outcome: 'resubmit', moderationNote: 'S1 stays within the team' });
    expect(body.judgements.find((j: { standardId: string }) => j.standardId === standards[0]!.id)).toMatchObject({
      level: 3,
      moderatedLevel: 2,
      overturned: true,
    });
    const reports = await call(admin, 'GET', `/reports?cohort=${cohortId}`);
    expect(reports.status).toBe(200);
    const { tables } = await reports.json();
    expect(tables.find((x: { title: string }) => x.title === 'Pass rate').rows).toEqual([['1', '0', '1', '0%']]);
    expect((await call(a!.personId, 'GET', '/reports')).status).toBe(403);
    expect((await call(otherAdmin, 'GET', `/submissions/${id}`)).status).toBe(403);
  });
});
