import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { multipart, sampleHtml, samplePdf } from '../../../test/support/files.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { apiTokens } from '../../kernel/auth/schema.ts';
import { hashSecret, newSecret } from '../../kernel/auth/secrets.ts';
import { uploads } from '../../kernel/uploads/schema.ts';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../seed/accreditation-outcomes-factories.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { lpCohorts, lpPortfolios } from './schema.ts';

// Through the JSON API alone: a network admin adds and removes standards of the framework (each a new
// version, the cohort keeping its own; the pass rule guarding the last ones), and a candidate attaches,
// lists, downloads and removes an evidence item's files (multipart/form-data) under the same checks as
// the pages. The installation allows 0.5 MB a file, so that the limits are cheap to cross.

let t: TestApp;
let net: string;
let cohortId: string;
let startVersionId: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let itemBase: string;
let portfolioId: string;

const api = (path: string) => `/api/v1/networks/${net}/accreditation${path}`;
async function tokenFor(personId: string) {
  const token = newSecret();
  await t.db.insert(apiTokens).values({ personId, name: 'test', tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
  return token;
}
function call(who: string, method: string, path: string, body?: unknown) {
  return t.app.request(api(path), {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
function attach(who: string, name: string, bytes: Uint8Array, type = 'application/pdf') {
  return t.app.request(api(`${itemBase}/files`), {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}` },
    body: multipart({}, { file: { name, type, bytes } }),
  });
}
/** A PDF padded to about `kb` kilobytes (the padding is a PDF comment). */
function pdfOf(kb: number) {
  const head = samplePdf();
  const bytes = new Uint8Array(kb * 1024);
  bytes.set(head);
  bytes.fill(0x25, head.length);
  return bytes;
}
const refusalsOf = (personId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.actorId, personId)));
const uploadsOf = (personId: string) => t.db.select().from(uploads).where(eq(uploads.ownerId, personId));

beforeAll(async () => {
  t = await createTestApp({ UPLOAD_MAX_FILE_MB: '0.5', UPLOAD_QUOTA_MB: '10' });
  net = (await makeNetwork(t.db)).id;
  ids.admin = (await makeMember(t.db, net, 'network_admin')).id;
  ids.leanne = (await makeMember(t.db, net, 'lp_candidate')).id;
  ids.tom = (await makeMember(t.db, net, 'lp_candidate')).id;
  for (const [k, v] of Object.entries(ids)) tokens[k] = await tokenFor(v);
  const { cohort, framework } = await makeLpCohort(t.db, net);
  cohortId = cohort.id;
  startVersionId = framework.versionId;
  const leanne = await makeLpCandidate(t.db, cohort.id, net, ids.leanne);
  await makeLpCandidate(t.db, cohort.id, net, ids.tom);
  portfolioId = leanne.portfolio.id;
  const item = await makeLpEvidence(t.db, portfolioId, framework, [3, 3]);
  itemBase = `/portfolios/${leanne.candidate.id}/evidence/${item.id}`;
});
afterAll(() => t.close());

describe('the framework’s standards through the API', () => {
  it('adds a standard as a new version, which the cohort does not take', async () => {
    const res = await call('admin', 'POST', '/framework/standards', {
      group: 'Process and impact on others',
      code: 'S11',
      title: 'Mentoring new teachers',
      description: 'Supports early career teachers in the network',
    });
    expect(res.status).toBe(201);
    const saved = await res.json();
    expect(saved.standards.map((s: { code: string }) => s.code)).toContain('S11');
    expect(saved.standards).toHaveLength(11);
    const framework = await (await call('admin', 'GET', '/framework')).json();
    expect(framework.versionId).toBe(saved.versionId);
    expect(framework.versions.map((v: { changeNote: string | null }) => v.changeNote)).toContain('Added S11 Mentoring new teachers');
    const [cohort] = await t.db.select().from(lpCohorts).where(eq(lpCohorts.id, cohortId));
    expect(cohort!.frameworkVersionId).toBe(startVersionId);
  });

  it('refuses a code already taken, naming the field', async () => {
    const res = await call('admin', 'POST', '/framework/standards', { group: 'Personal skills', code: 's11', title: 'Again' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors).toEqual([{ path: 'code', message: 's11 is taken: choose another code' }]);
  });

  it('refuses a candidate with 403, audited', async () => {
    const res = await call('leanne', 'POST', '/framework/standards', { group: 'Personal skills', code: 'S12', title: 'Mine' });
    expect(res.status).toBe(403);
    expect(await refusalsOf(ids.leanne!)).toHaveLength(1);
  });

  it('removes standards as new versions until the pass rule would ask for more than remain', async () => {
    const current = async () =>
      (await (await call('admin', 'GET', '/framework')).json()) as {
        version: number;
        groups: { standards: { id: string; code: string }[] }[];
        passRule: { minStandards: number };
      };
    const idOf = async (code: string) => (await current()).groups.flatMap((g) => g.standards).find((s) => s.code === code)!.id;
    for (const code of ['S11', 'S10', 'S9', 'S8']) {
      const res = await call('admin', 'DELETE', `/framework/standards/${await idOf(code)}`);
      expect(res.status, code).toBe(200);
      expect((await res.json()).standards.map((s: { code: string }) => s.code)).not.toContain(code);
    }
    const before = await current();
    expect(before.passRule.minStandards).toBe(7);
    const refused = await call('admin', 'DELETE', `/framework/standards/${await idOf('S7')}`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await refused.json()).detail).toMatch(/standard/i);
    expect((await current()).version).toBe(before.version);
  });

  it('answers a standard that is not in the current version with 404', async () => {
    const res = await call('admin', 'DELETE', `/framework/standards/${cohortId}`);
    expect(res.status).toBe(404);
  });
});

describe('an evidence item’s files through the API', () => {
  it('attaches a PDF, lists it, serves it as a download and removes it', async () => {
    const res = await attach('leanne', 'impact report.pdf', samplePdf());
    expect(res.status).toBe(201);
    const file = await res.json();
    expect(file).toMatchObject({ fileName: 'impact report.pdf', contentType: 'application/pdf', sizeBytes: samplePdf().byteLength });
    const list = await (await call('leanne', 'GET', `${itemBase}/files`)).json();
    expect(list.data).toEqual([file]);
    const download = await call('leanne', 'GET', `${itemBase}/files/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="impact report.pdf"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(samplePdf());
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'lp_evidence.file_attached'));
    expect(audit).toHaveLength(1);
    const removed = await call('leanne', 'DELETE', `${itemBase}/files/${file.id}`);
    expect(removed.status).toBe(204);
    expect((await (await call('leanne', 'GET', `${itemBase}/files`)).json()).data).toEqual([]);
    expect(await uploadsOf(ids.leanne!)).toHaveLength(0);
  });

  it('refuses a body over the limit with 413 while it streams, and a file over the limit with 413', async () => {
    for (const kb of [2048, 600]) {
      const res = await attach('leanne', 'big.pdf', pdfOf(kb));
      expect(res.status, `${kb} KB`).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toContain('512 KB or smaller');
    }
    // A declared length over the limit is refused unread.
    const declared = await t.app.request(api(`${itemBase}/files`), {
      method: 'POST',
      body: 'x',
      headers: {
        authorization: `Bearer ${tokens.leanne}`,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(50 * 1024 * 1024),
      },
    });
    expect(declared.status).toBe(413);
    expect(await uploadsOf(ids.leanne!)).toHaveLength(0);
  });

  it('refuses a .pdf that is HTML, with the reason', async () => {
    const res = await attach('leanne', 'report.pdf', sampleHtml());
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.detail).toBe('The file is named .pdf but its content is text or HTML, not a PDF');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['file']);
    expect(await uploadsOf(ids.leanne!)).toHaveLength(0);
  });

  it('asks for the file when the form has none', async () => {
    const res = await t.app.request(api(`${itemBase}/files`), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.leanne}` },
      body: multipart({ note: 'no file' }, {}),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual(['file']);
  });

  it('answers a body that is not multipart/form-data with 415 problem+json', async () => {
    for (const type of ['application/json', 'text/plain']) {
      const res = await t.app.request(api(`${itemBase}/files`), {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.leanne}`, 'content-type': type },
        body: '{}',
      });
      expect(res.status, type).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail, type).toContain('multipart/form-data');
    }
  });

  it('refuses another candidate with 403, audited, to attach, list or download', async () => {
    const kept = await (await attach('leanne', 'kept.pdf', samplePdf())).json();
    const before = (await refusalsOf(ids.tom!)).length;
    expect((await attach('tom', 'mine.pdf', samplePdf())).status).toBe(403);
    expect((await call('tom', 'GET', `${itemBase}/files`)).status).toBe(403);
    expect((await call('tom', 'GET', `${itemBase}/files/${kept.id}`)).status).toBe(403);
    expect((await call('tom', 'DELETE', `${itemBase}/files/${kept.id}`)).status).toBe(403);
    expect((await refusalsOf(ids.tom!)).length).toBe(before + 4);
    expect(await uploadsOf(ids.tom!)).toHaveLength(0);
  });

  it('refuses changes to the files of a submitted portfolio with 409', async () => {
    const [kept] = await uploadsOf(ids.leanne!);
    await t.db.update(lpPortfolios).set({ status: 'submitted', submittedAt: new Date() }).where(eq(lpPortfolios.id, portfolioId));
    const res = await attach('leanne', 'late.pdf', samplePdf());
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('leanne', 'DELETE', `${itemBase}/files/${kept!.id}`)).status).toBe(409);
    expect(await uploadsOf(ids.leanne!)).toHaveLength(1);
    expect((await call('leanne', 'GET', `${itemBase}/files/${kept!.id}`)).status).toBe(200);
  });

  it('is described in the OpenAPI document as taking multipart/form-data', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    const post = doc.paths['/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/files'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(doc.paths['/networks/{networkId}/accreditation/framework/standards/{standardId}'].delete).toBeDefined();
  });
});
