import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { multipart, samplePdf } from '../../../test/support/files.ts';
import { loadConfig } from '../../config.ts';
import { uploadLimitsOf } from '../../kernel/uploads/store.ts';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../seed/accreditation-outcomes-factories.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';

// The upload limits are settings: an installation with 0.5 MB files and 1 MB a person enforces those.

let t: TestApp;
let itemPath: string;
let candidatePersonId: string;

/** A PDF padded to about `kb` kilobytes (the padding is a PDF comment). */
const pdfOf = (kb: number) => {
  const head = samplePdf();
  const bytes = new Uint8Array(kb * 1024);
  bytes.set(head);
  bytes.fill(0x25, head.length);
  return bytes;
};

beforeAll(async () => {
  t = await createTestApp({ UPLOAD_MAX_FILE_MB: '0.5', UPLOAD_QUOTA_MB: '1' });
  const net = (await makeNetwork(t.db)).id;
  const person = await makeMember(t.db, net, 'lp_candidate');
  candidatePersonId = person.id;
  const { cohort, framework } = await makeLpCohort(t.db, net);
  const { candidate, portfolio } = await makeLpCandidate(t.db, cohort.id, net, person.id);
  const item = await makeLpEvidence(t.db, portfolio.id, framework, [3]);
  itemPath = `/networks/${net}/accreditation/portfolios/${candidate.id}/evidence/${item.id}`;
});
afterAll(() => t.close());

async function attach(kb: number) {
  const s = await t.signIn(candidatePersonId);
  return t.app.request(`${itemPath}/files`, {
    method: 'POST',
    body: multipart({ _csrf: s.csrf }, { file: { name: 'impact.pdf', type: 'application/pdf', bytes: pdfOf(kb) } }),
    headers: { cookie: s.cookie, origin: 'http://localhost' },
  });
}

describe('upload limits from the settings', () => {
  it('reads UPLOAD_MAX_FILE_MB and UPLOAD_QUOTA_MB, 10 MB and 200 MB by default', () => {
    expect(uploadLimitsOf(loadConfig({}))).toEqual({ maxFileBytes: 10 * 1024 * 1024, quotaBytes: 200 * 1024 * 1024 });
    expect(() => loadConfig({ UPLOAD_MAX_FILE_MB: 'lots' })).toThrow(/UPLOAD_MAX_FILE_MB/);
  });

  it('tells the candidate the limit, refuses a larger file and one past the quota, with the reason', async () => {
    const s = await t.signIn(candidatePersonId);
    expect(await (await t.app.request(itemPath, { headers: s.headers })).text()).toContain('up to 512 KB');
    const big = await attach(600);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('The file must be 512 KB or smaller');
    expect((await attach(400)).status).toBe(303);
    expect((await attach(400)).status).toBe(303);
    const over = await attach(400);
    expect(over.status).toBe(409);
    expect(await over.text()).toContain('You have used 800 KB of your 1 MB for files');
  });
});
