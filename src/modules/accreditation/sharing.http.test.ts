import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { samplePdf } from '../../../test/support/files.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { storeUpload } from '../../kernel/uploads/store.ts';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../seed/accreditation-outcomes-factories.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { lpSubmissions } from './outcomes-schema.ts';
import { lpEvidence, lpEvidenceAttachments, lpEvidenceStandards, lpGroupMembers, lpGroups } from './schema.ts';

// Evidence shared with a small group (seed 000): members read it, download its files and make it their own
// evidence with their own claims; a candidate outside the group is refused (403, audited); the sharing ends
// when the item is removed or its author leaves the group.

let t: TestApp;
let net: string;
let groupId: string;
let itemId: string;
let fileId: string;
let framework: Awaited<ReturnType<typeof makeLpCohort>>['framework'];
const cands: { personId: string; candidateId: string; portfolioId: string }[] = [];

const base = () => `/networks/${net}/accreditation`;
const portfolio = (i: number) => `${base()}/portfolios/${cands[i]!.candidateId}`;
const get = async (path: string, i: number) => t.app.request(path, { headers: (await t.signIn(cands[i]!.personId)).headers });
const post = async (path: string, i: number, fields: Record<string, string>) => t.post(path, await t.signIn(cands[i]!.personId), fields);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  net = (await makeNetwork(db)).id;
  const made = await makeLpCohort(db, net);
  framework = made.framework;
  for (let i = 0; i < 3; i++) {
    const person = await makeMember(db, net, 'lp_candidate');
    const { candidate, portfolio: p } = await makeLpCandidate(db, made.cohort.id, net, person.id);
    cands.push({ personId: person.id, candidateId: candidate.id, portfolioId: p.id });
  }
  // Candidates 0 and 1 are a small group; candidate 2 is not in it.
  const [group] = await db
    .insert(lpGroups)
    .values({ cohortId: made.cohort.id, name: 'Questioning trio', focus: 'Questioning' })
    .returning();
  groupId = group!.id;
  await db.insert(lpGroupMembers).values([0, 1].map((i) => ({ groupId, candidateId: cands[i]!.candidateId })));
  const item = await makeLpEvidence(db, cands[0]!.portfolioId, framework, [3, 3], { title: 'Joint lesson study on hinge questions' });
  itemId = item.id;
  const upload = await storeUpload(db, { ownerId: cands[0]!.personId, networkId: net, fileName: 'study.pdf', bytes: samplePdf() });
  await db.insert(lpEvidenceAttachments).values({ evidenceId: itemId, uploadId: upload.id });
  fileId = upload.id;
});
afterAll(() => t.close());

describe('sharing evidence with a small group', () => {
  it('the author shares an item from its page; a candidate outside the group cannot share with it', async () => {
    const page = await (await get(`${portfolio(0)}/evidence/${itemId}`, 0)).text();
    expect(page).toContain('Share with Questioning trio');
    const shared = await post(`${portfolio(0)}/evidence/${itemId}/sharing`, 0, { groupId });
    expect(shared.status).toBe(303);
    expect(shared.headers.get('location')).toContain('done=shared');
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'lp_evidence.shared'), eq(auditEvents.subjectId, itemId)));
    expect(audit).toBeDefined();

    const outsider = await makeLpEvidence(t.db, cands[2]!.portfolioId, framework, [2]);
    const refused = await post(`${portfolio(2)}/evidence/${outsider.id}/sharing`, 2, { groupId });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choose one of your own small groups');
    // The database refuses it too.
    await expect(t.db.update(lpEvidence).set({ groupId }).where(eq(lpEvidence.id, outsider.id))).rejects.toThrow();
  });

  it('a member sees it under "Shared by your group" and downloads its file; the outsider gets 403, audited', async () => {
    const page = await (await get(portfolio(1), 1)).text();
    expect(page).toContain('Shared by your group');
    expect(page).toContain('Joint lesson study on hinge questions');
    expect(page).toContain(`${portfolio(1)}/shared-files/${fileId}`);
    const file = await get(`${portfolio(1)}/shared-files/${fileId}`, 1);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment; filename="study.pdf"');

    expect(await (await get(portfolio(2), 2)).text()).not.toContain('Joint lesson study');
    expect((await get(`${portfolio(2)}/shared-files/${fileId}`, 2)).status).toBe(403);
    // Nor through a member's portfolio.
    expect((await get(`${portfolio(1)}/shared-files/${fileId}`, 2)).status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.actorId, cands[2]!.personId)));
    expect(refusals.map((r) => r.subjectType)).toContain('lpSharedEvidence.view');
  });

  it('a member makes it their own evidence with their own claims; the outsider cannot', async () => {
    const form = await (await get(`${portfolio(1)}/evidence/new?from=${itemId}`, 1)).text();
    expect(form).toContain('value="Joint lesson study on hinge questions"');
    expect(form).toContain(`name="sharedFromId" value="${itemId}"`);
    const fields = {
      title: 'My part in the joint lesson study',
      type: 'team_teaching',
      whatWasDone: 'Co-planned and taught two of the study lessons',
      occurredOn: '2025-11-12',
      impact: 'Hinge questions in my department',
      sharedFromId: itemId,
      [`level.${framework.standards[4]!.id}`]: '2',
    };
    expect((await post(`${portfolio(1)}/evidence`, 1, fields)).status).toBe(303);
    const [mine] = await t.db.select().from(lpEvidence).where(eq(lpEvidence.portfolioId, cands[1]!.portfolioId));
    expect(mine!.sharedFromId).toBe(itemId);
    const claims = await t.db.select().from(lpEvidenceStandards).where(eq(lpEvidenceStandards.evidenceId, mine!.id));
    expect(claims.map((c) => [c.standardId, c.claimedLevel])).toEqual([[framework.standards[4]!.id, 2]]);
    expect(await (await get(portfolio(1), 1)).text()).toContain('In your portfolio');

    expect((await get(`${portfolio(2)}/evidence/new?from=${itemId}`, 2)).status).toBe(404);
    const refused = await post(`${portfolio(2)}/evidence`, 2, fields);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('no longer shared with your group');
  });

  it('stops when the author leaves the group, and when the item is removed; the member keeps their own item', async () => {
    await t.db
      .delete(lpGroupMembers)
      .where(and(eq(lpGroupMembers.groupId, groupId), eq(lpGroupMembers.candidateId, cands[0]!.candidateId)));
    const [left] = await t.db.select().from(lpEvidence).where(eq(lpEvidence.id, itemId));
    expect(left!.groupId).toBeNull();
    expect(await (await get(portfolio(1), 1)).text()).not.toContain('Joint lesson study on hinge questions');
    expect((await get(`${portfolio(1)}/shared-files/${fileId}`, 1)).status).toBe(403);

    await t.db.insert(lpGroupMembers).values({ groupId, candidateId: cands[0]!.candidateId });
    expect((await post(`${portfolio(0)}/evidence/${itemId}/sharing`, 0, { groupId })).status).toBe(303);
    expect(await (await get(portfolio(1), 1)).text()).toContain('Joint lesson study on hinge questions');
    expect((await post(`${portfolio(0)}/evidence/${itemId}/remove`, 0, {})).status).toBe(303);
    const page = await (await get(portfolio(1), 1)).text();
    expect(page).not.toContain('Joint lesson study on hinge questions');
    expect(page).toContain('My part in the joint lesson study');
    const [mine] = await t.db.select().from(lpEvidence).where(eq(lpEvidence.portfolioId, cands[1]!.portfolioId));
    expect(mine!.sharedFromId).toBeNull();
  });
});

describe('the same through the API', () => {
  const api = (path: string) => `/api/v1/networks/${net}/accreditation${path}`;
  async function call(i: number, method: string, path: string, body?: unknown) {
    const s = await t.signIn(cands[i]!.personId);
    return t.app.request(api(path), asJson(s, method, body));
  }
  const own = (i: number) => `/portfolios/${cands[i]!.candidateId}`;

  it('shares, lists for members only, makes it a member’s own, and stops sharing', async () => {
    const item = await makeLpEvidence(t.db, cands[0]!.portfolioId, framework, [0, 0, 3], { title: 'Department CPD on retrieval practice' });
    const shared = await call(0, 'PUT', `${own(0)}/evidence/${item.id}/sharing`, { groupId });
    expect(shared.status).toBe(200);
    expect(await shared.json()).toEqual({ id: item.id, groupId });
    expect((await call(2, 'PUT', `${own(2)}/evidence/${item.id}/sharing`, { groupId })).status).toBe(404);
    expect((await call(2, 'PUT', `${own(0)}/evidence/${item.id}/sharing`, { groupId })).status).toBe(403);

    const list = await call(1, 'GET', `${own(1)}/shared`);
    expect(list.status).toBe(200);
    const { data } = await list.json();
    expect(data.map((d: { title: string }) => d.title)).toEqual(['Department CPD on retrieval practice']);
    expect(data[0].author.candidateId).toBe(cands[0]!.candidateId);
    expect((await (await call(2, 'GET', `${own(2)}/shared`)).json()).data).toEqual([]);
    expect((await call(2, 'GET', `${own(1)}/shared`)).status).toBe(403);

    const body = {
      title: 'Co-delivered the retrieval practice CPD',
      whatWasDone: 'Ran the workshop half',
      occurredOn: '2025-11-20',
      impact: 'Quizzing in every science lesson',
      type: 'cpd_delivered',
      claims: [{ standardId: framework.standards[6]!.id, level: 3 }],
      sharedFromId: item.id,
    };
    const made = await call(1, 'POST', `${own(1)}/evidence`, body);
    expect(made.status).toBe(201);
    const { id } = await made.json();
    const portfolio = await (await call(1, 'GET', own(1))).json();
    expect(portfolio.evidence.find((e: { id: string }) => e.id === id)).toMatchObject({ sharedFromId: item.id, groupId: null });
    expect((await call(2, 'POST', `${own(2)}/evidence`, body)).status).toBe(400);

    expect((await call(0, 'DELETE', `${own(0)}/evidence/${item.id}/sharing`)).status).toBe(204);
    expect((await (await call(1, 'GET', `${own(1)}/shared`)).json()).data).toEqual([]);
  });
});

describe('submitted portfolios', () => {
  it('keep their snapshot when the sharing stops; a submitted item can no longer be shared or unshared', async () => {
    const db = t.db;
    const [cohortOf] = await db.select({ cohortId: lpGroups.cohortId }).from(lpGroups).where(eq(lpGroups.id, groupId));
    const pair: { personId: string; candidateId: string; portfolioId: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const person = await makeMember(db, net, 'lp_candidate');
      const { candidate, portfolio: p } = await makeLpCandidate(db, cohortOf!.cohortId, net, person.id);
      pair.push({ personId: person.id, candidateId: candidate.id, portfolioId: p.id });
      cands.push(pair[i]!);
    }
    const [group] = await db.insert(lpGroups).values({ cohortId: cohortOf!.cohortId, name: 'Oracy pair', focus: null }).returning();
    await db.insert(lpGroupMembers).values(pair.map((p) => ({ groupId: group!.id, candidateId: p.candidateId })));
    const author = cands.length - 2;
    const member = cands.length - 1;
    const item = await makeLpEvidence(db, pair[0]!.portfolioId, framework, [3], { title: 'Oracy network visits' });
    expect((await post(`${portfolio(author)}/evidence/${item.id}/sharing`, author, { groupId: group!.id })).status).toBe(303);
    const fields = {
      title: 'Hosted an oracy network visit',
      type: 'modelling_practice',
      whatWasDone: 'Hosted the second visit',
      occurredOn: '2025-11-12',
      impact: 'Structured talk in Year 5',
      sharedFromId: item.id,
      [`level.${framework.standards[0]!.id}`]: '3',
    };
    expect((await post(`${portfolio(member)}/evidence`, member, fields)).status).toBe(303);
    for (const i of [author, member])
      expect((await post(`${base()}/candidates/${cands[i]!.candidateId}/submission`, i, {})).status).toBe(303);
    const snapshots = async () =>
      (
        await db
          .select()
          .from(lpSubmissions)
          .where(
            inArray(
              lpSubmissions.candidateId,
              pair.map((p) => p.candidateId),
            ),
          )
      ).map((s) => s.snapshot);
    const before = await snapshots();
    expect(JSON.stringify(before)).toContain('Oracy network visits');
    expect(JSON.stringify(before)).toContain('Hosted an oracy network visit');

    const locked = await post(`${portfolio(author)}/evidence/${item.id}/sharing`, author, { groupId: '' });
    expect(locked.status).toBe(409);
    await db.delete(lpGroupMembers).where(and(eq(lpGroupMembers.groupId, group!.id), eq(lpGroupMembers.candidateId, pair[0]!.candidateId)));
    expect((await db.select().from(lpEvidence).where(eq(lpEvidence.id, item.id)))[0]!.groupId).toBeNull();
    expect(await (await get(portfolio(member), member)).text()).not.toContain('Oracy network visits');
    expect(await snapshots()).toEqual(before);
  });
});
