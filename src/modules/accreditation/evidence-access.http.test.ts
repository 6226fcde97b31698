import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { samplePdf } from '../../../test/support/files.ts';
import { storeUpload } from '../../kernel/uploads/store.ts';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../seed/accreditation-outcomes-factories.ts';
import { makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { lpPeerReviews, lpSubmissions } from './outcomes-schema.ts';
import { lpEvidenceAttachments } from './schema.ts';

// Who downloads a portfolio's attachments besides the candidate and their mentor: the peer reviewer of
// that portfolio, and whoever has a part in its submission (assessor, moderator, manager). Nobody else.

let t: TestApp;
let net: string;
let admin: string;
let assessor: string;
let moderator: string;
let otherAdmin: string;
let bystander: string;
const cands: { personId: string; candidateId: string; portfolioId: string }[] = [];
let fileId: string;
let otherFileId: string;

const base = () => `/networks/${net}/accreditation`;
const get = async (path: string, id: string) => t.app.request(path, { headers: (await t.signIn(id)).headers });
const answers = {
  coverage: 'met',
  context: 'met',
  impact: 'met',
  levels: 'met',
  reflection: 'met',
  presentation: 'met',
  strengths: 'Clear',
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  net = (await makeNetwork(db)).id;
  admin = (await makeMember(db, net, 'network_admin')).id;
  assessor = (await makeMember(db, net, 'assessor')).id;
  moderator = (await makeMember(db, net, 'assessor')).id;
  bystander = (await makeMember(db, net, 'assessor')).id;
  otherAdmin = (await makeMember(db, (await makeNetwork(db)).id, 'network_admin')).id;
  const { cohort, framework } = await makeLpCohort(db, net);
  for (let i = 0; i < 3; i++) {
    const school = await makeSchool(db);
    const person = await makeMember(db, net, 'lp_candidate', { schoolUrn: school.urn });
    const { candidate, portfolio } = await makeLpCandidate(db, cohort.id, net, person.id, school.urn);
    const item = await makeLpEvidence(db, portfolio.id, framework, [3, 3, 3, 3, 3, 3, 3, 2, 2, 1]);
    const upload = await storeUpload(db, { ownerId: person.id, networkId: net, fileName: `impact-${i}.pdf`, bytes: samplePdf() });
    await db.insert(lpEvidenceAttachments).values({ evidenceId: item.id, uploadId: upload.id });
    if (i === 0) fileId = upload.id;
    if (i === 1) otherFileId = upload.id;
    cands.push({ personId: person.id, candidateId: candidate.id, portfolioId: portfolio.id });
  }
  const [a, b, c] = cands;
  // a reviews b, b reviews c, c reviews a.
  const pairs = await t.post(`${base()}/cohorts/${cohort.id}/peer-reviews`, await t.signIn(admin), {
    [`reviewee-${a!.candidateId}`]: b!.candidateId,
    [`reviewee-${b!.candidateId}`]: c!.candidateId,
    [`reviewee-${c!.candidateId}`]: a!.candidateId,
  });
  expect(pairs.status).toBe(303);
});
afterAll(() => t.close());

describe('attachments of a portfolio under peer review', () => {
  it('the reviewer downloads them from the review; another candidate and another network are refused', async () => {
    const [a, b, c] = cands;
    const [review] = await t.db.select().from(lpPeerReviews).where(eq(lpPeerReviews.revieweeId, a!.candidateId));
    const path = `${base()}/peer-reviews/${review!.id}`;
    expect(await (await get(path, c!.personId)).text()).toContain(`${path}/files/${fileId}`);
    const file = await get(`${path}/files/${fileId}`, c!.personId);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment; filename="impact-0.pdf"');
    expect((await get(`${path}/files/${fileId}`, b!.personId)).status).toBe(403);
    expect((await get(`${path}/files/${fileId}`, otherAdmin)).status).toBe(403);
    // Only files of the portfolio reviewed.
    expect((await get(`${path}/files/${otherFileId}`, c!.personId)).status).toBe(404);
  });

  it('once the review is sent, the reviewer no longer downloads them; the candidate reviewed and the manager still do', async () => {
    const [a, , c] = cands;
    const [review] = await t.db.select().from(lpPeerReviews).where(eq(lpPeerReviews.revieweeId, a!.candidateId));
    const path = `${base()}/peer-reviews/${review!.id}`;
    expect((await t.post(path, await t.signIn(c!.personId), answers)).status).toBe(303);
    expect(await (await get(path, c!.personId)).text()).not.toContain(`${path}/files/${fileId}`);
    expect((await get(`${path}/files/${fileId}`, c!.personId)).status).toBe(403);
    expect((await get(`${path}/files/${fileId}`, a!.personId)).status).toBe(200);
    expect((await get(`${path}/files/${fileId}`, admin)).status).toBe(200);
  });
});

describe('attachments of a submitted portfolio', () => {
  it('the assigned assessor and a moderator download them; other assessors once it is sampled, candidates and other networks cannot', async () => {
    const [a, b, c] = cands;
    const [review] = await t.db.select().from(lpPeerReviews).where(eq(lpPeerReviews.reviewerId, a!.candidateId));
    expect((await t.post(`${base()}/peer-reviews/${review!.id}`, await t.signIn(a!.personId), answers)).status).toBe(303);
    expect((await t.post(`${base()}/candidates/${a!.candidateId}/submission`, await t.signIn(a!.personId), {})).status).toBe(303);
    const [submission] = await t.db.select().from(lpSubmissions).where(eq(lpSubmissions.candidateId, a!.candidateId));
    const path = `${base()}/submissions/${submission!.id}`;
    const file = `${path}/files/${fileId}`;
    expect((await t.post(`${path}/assessor`, await t.signIn(admin), { assessorId: assessor })).status).toBe(303);
    expect(await (await get(path, assessor)).text()).toContain(file);
    const download = await get(file, assessor);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect((await get(file, admin)).status).toBe(200);
    // A moderator sees it while it may be sampled, and once they sampled it.
    expect((await get(file, moderator)).status).toBe(200);
    expect((await t.post(`${path}/sample`, await t.signIn(moderator), {})).status).toBe(303);
    expect((await get(file, moderator)).status).toBe(200);
    // Once sampled, an assessor with no part in it no longer opens it.
    for (const who of [bystander, b!.personId, c!.personId, otherAdmin]) expect((await get(file, who)).status).toBe(403);
    // A file outside the submitted version is not served from it.
    expect((await get(`${path}/files/${otherFileId}`, assessor)).status).toBe(404);
  });
});
