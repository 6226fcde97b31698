import { parse } from 'csv-parse/sync';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { todayIso } from '../../kernel/dates.ts';
import {
  addSchoolToNetwork,
  makeDeployment,
  makeDesignation,
  makeMember,
  makeNetwork,
  makeSchool,
  makeSupportRequest,
} from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { deploymentEvaluations } from './brokerage-schema.ts';
import { supportVouchers } from './money-schema.ts';
import { recentTerms, termId, termOf } from './statements-domain.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let network: { id: string };
let member: number;
let nonMember: number;
let releasing: number;
let as: Record<'admin' | 'memberHead' | 'otherHead' | 'partner' | 'leader', Session>;

const statements = () => `/networks/${network.id}/support/statements`;
const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.db);
  const other = await makeNetwork(t.db);
  member = (await makeSchool(t.db, { name: 'Alder Primary' })).urn;
  nonMember = (await makeSchool(t.db, { name: 'Birch Academy' })).urn;
  releasing = (await makeSchool(t.db, { name: 'Cedar Secondary' })).urn;
  for (const urn of [member, releasing]) await addSchoolToNetwork(t.db, network.id, urn);
  const leader = await makeMember(t.db, network.id, 'system_leader', { schoolUrn: releasing, fullName: 'Priya Leader' });
  const designation = await makeDesignation(t.db, network.id, leader.id, { releaseDays: '20' });
  const [maths] = await t.db
    .select()
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  const requestA = await makeSupportRequest(t.db, network.id, member, { specialismId: maths!.id });
  const requestB = await makeSupportRequest(t.db, network.id, nonMember, { kind: 'diagnostic', specialismId: null });
  const deploymentA = await makeDeployment(t.db, requestA, designation, [
    ['2025-10-01', 2],
    ['2025-10-02', 1],
    ['2026-01-10', 2],
  ]);
  await makeDeployment(t.db, requestB, designation, [['2025-11-05', 2]], { kind: 'diagnostic', days: '1' });
  await t.db.insert(deploymentEvaluations).values({ deploymentId: deploymentA.id, schoolRating: 'good' });
  // Two free hours, redeemed when Alder agreed the deployment: two hours of a six-hour day at £350.
  await t.db.insert(supportVouchers).values({
    networkId: network.id,
    schoolUrn: member,
    hours: '2',
    reason: 'Marketplace event',
    issuedOn: '2025-09-15',
    deploymentId: deploymentA.id,
    redeemedOn: '2025-09-20',
    redeemedPence: 11667,
  });
  // Given later and not yet spent: it takes nothing off any statement.
  await t.db
    .insert(supportVouchers)
    .values({ networkId: network.id, schoolUrn: member, hours: '3', reason: 'Marketplace event', issuedOn: '2025-09-16' });
  as = {
    admin: await t.signIn((await makeMember(t.db, network.id, 'network_admin')).id),
    memberHead: await t.signIn((await makeMember(t.db, network.id, 'school_leader', { schoolUrn: member })).id),
    otherHead: await t.signIn((await makeMember(t.db, network.id, 'school_leader', { schoolUrn: releasing })).id),
    partner: await t.signIn((await makeMember(t.db, other.id, 'network_admin')).id),
    leader: await t.signIn(leader.id),
  };
});
afterAll(() => t?.close());

describe('statements', () => {
  it('lists what each paying school owes for the term and the income due to the releasing school', async () => {
    const html = await (await get(`${statements()}?term=2025-autumn`, as.admin)).text();
    // Alder (member): 1.5 days at £350 less 2 free hours, 10% fee, 20% VAT. Birch (non-member): a diagnostic at £480.
    expect(html).toContain('Alder Primary');
    expect(html).toContain('£538.99');
    expect(html).toContain('Birch Academy');
    expect(html).toContain('£633.60');
    // Cedar releases the leader: the support at the day rate, vouchers and fee aside.
    expect(html).toContain('£1,005.00');
  });

  it('shows a statement whose lines add up to its total, as a page, CSV and PDF', async () => {
    const html = await (await get(`${statements()}/${member}?term=2025-autumn`, as.admin)).text();
    expect(html).toContain('Support (SLE): 1.5 days at £350.00 a day');
    expect(html).toContain('Free support: 2 hours');
    expect(html).toContain('-£116.67');
    expect(html).toContain('Total due: £538.99');

    const csv = await get(`${statements()}/${member}/statement.csv?term=2025-autumn`, as.admin);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await csv.text(), { columns: true }) as { line: string; pence: string }[];
    const lines = rows.filter((r) => r.line !== 'total');
    expect(lines.map((r) => Number(r.pence))).toEqual([52500, -11667, 4083, 8983]);
    expect(lines.reduce((a, r) => a + Number(r.pence), 0)).toBe(Number(rows.find((r) => r.line === 'total')!.pence));

    const pdf = await get(`${statements()}/${member}/statement.pdf?term=2025-autumn`, as.admin);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('keeps the price agreed when the payment model changes afterwards', async () => {
    const before = await (await get(`${statements()}/${member}/statement.csv?term=2025-autumn`, as.admin)).text();
    const dearer = {
      sleMember: '500',
      sleNonMember: '600',
      lleMember: '600',
      lleNonMember: '700',
      nleMember: '700',
      nleNonMember: '800',
      diagnosticMember: '600',
      diagnosticNonMember: '700',
      feeKind: 'fixed',
      feePercent: '',
      feeFixed: '100',
      vat: '0',
      hoursPerDay: '7',
    };
    expect((await t.post(`/networks/${network.id}/support/money`, as.admin, dearer)).status).toBe(303);
    const after = await (await get(`${statements()}/${member}/statement.csv?term=2025-autumn`, as.admin)).text();
    expect(after).toBe(before);
    const html = await (await get(`${statements()}?term=2025-autumn`, as.admin)).text();
    expect(html).toContain('£538.99');
    expect(html).toContain('£633.60');
  });

  it('charges later terms without the voucher again', async () => {
    const html = await (await get(`${statements()}/${member}?term=2025-spring`, as.admin)).text();
    expect(html).toContain('Support (SLE): 1 day at £350.00 a day');
    expect(html).not.toContain('Free support');
    expect(html).toContain('Total due: £462.00');
  });

  it('opens on the latest term with charges when nothing is charged yet this term', async () => {
    const html = await (await get(statements(), as.admin)).text();
    // The fixture's last logged day is in the spring term 2026; the picker offers the nine latest terms.
    if (recentTerms(todayIso(), 9).map(termId).includes('2026-spring'))
      expect(html).toContain('Statements <span class="govuk-caption-l">Spring term 2026</span>');
    if (termId(termOf(todayIso())) !== '2026-spring') expect(html).toContain('Nothing has been charged yet in');
  });

  it('shows a school leader their own school’s statement only', async () => {
    const list = await (await get(`${statements()}?term=2025-autumn`, as.memberHead)).text();
    expect(list).toContain('Alder Primary');
    expect(list).not.toContain('Birch Academy');
    expect((await get(`${statements()}/${member}?term=2025-autumn`, as.memberHead)).status).toBe(200);
    expect((await get(`${statements()}/${nonMember}?term=2025-autumn`, as.memberHead)).status).toBe(403);
    expect((await get(`${statements()}/income.csv?term=2025-autumn`, as.memberHead)).status).toBe(403);
  });

  it('never shows money to a partner network or a system leader', async () => {
    expect((await get(statements(), as.partner)).status).toBe(403);
    expect((await get(`${statements()}/${member}`, as.partner)).status).toBe(403);
    expect((await get(statements(), as.leader)).status).toBe(403);
  });

  it('exports the income due as CSV and PDF', async () => {
    const csv = await (await get(`${statements()}/income.csv?term=2025-autumn`, as.admin)).text();
    expect(parse(csv, { columns: true })).toEqual([
      { school_urn: String(releasing), school: 'Cedar Secondary', days: '2.5', pence: '100500', pounds: '1005.00' },
    ]);
    const pdf = await get(`${statements()}/income.pdf?term=2025-autumn`, as.admin);
    expect(pdf.status).toBe(200);
  });
});

describe('reports', () => {
  const reports = () => `/networks/${network.id}/support/reports`;

  it('gives days and income against the targets, the KPIs and days by each dimension, with SVG charts and no inline styles', async () => {
    await t.post(`/networks/${network.id}/support/money/targets`, as.admin, { startYear: '2025', days: '80', income: '28000' });
    const html = await (await get(`${reports()}?year=2025`, as.admin)).text();
    expect(html).toContain('3.5 days');
    expect(html).toContain('80 days');
    // Income before VAT: autumn £449.16 + £528.00, spring £385.00.
    expect(html).toContain('£1,362.16');
    expect(html).toContain('£28,000.00');
    expect(html).toContain('100% (1 of 1)');
    expect(html).toContain('Mathematics');
    expect(html).toContain('Diagnostic review');
    expect(html).toMatch(/<svg [^>]*class="app-chart"/);
    expect(html).not.toMatch(/<style|style="/);
  });

  it('exports CSV by dimension and the whole report as XLSX', async () => {
    const csv = await (await get(`${reports()}/days.csv?year=2025&by=term`, as.admin)).text();
    expect(parse(csv)).toEqual([
      ['term', 'days'],
      ['Autumn term 2025', '2.5'],
      ['Spring term 2026', '1'],
      ['Summer term 2026', '0'],
    ]);
    const xlsx = await get(`${reports()}/report.xlsx?year=2025`, as.admin);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    expect(book.getWorksheet('Summary')!.getRow(2).values).toEqual([undefined, 'Deployment days', 3.5, 'Target', 80]);
  });

  it('is for the network’s admins only', async () => {
    expect((await get(reports(), as.memberHead)).status).toBe(403);
    expect((await get(reports(), as.partner)).status).toBe(403);
  });
});
