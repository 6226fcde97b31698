import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { paymentModels, supportTargets, supportVouchers } from './money-schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let network: { id: string };
let school: number;
let asAdmin: Session;
let asHead: Session;
let asPartner: Session;

const money = () => `/networks/${network.id}/support/money`;
const model = (overrides: Record<string, string> = {}) => ({
  sleMember: '350',
  sleNonMember: '420',
  lleMember: '450',
  lleNonMember: '540',
  nleMember: '550',
  nleNonMember: '660',
  diagnosticMember: '400',
  diagnosticNonMember: '480.50',
  feeKind: 'percent',
  feePercent: '12.5',
  vat: '20',
  hoursPerDay: '6',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.db);
  const partner = await makeNetwork(t.db);
  school = (await makeSchool(t.db)).urn;
  await addSchoolToNetwork(t.db, network.id, school);
  asAdmin = await t.signIn((await makeMember(t.db, network.id, 'network_admin')).id);
  asHead = await t.signIn((await makeMember(t.db, network.id, 'school_leader', { schoolUrn: school })).id);
  asPartner = await t.signIn((await makeMember(t.db, partner.id, 'network_admin')).id);
});
afterAll(() => t?.close());

describe('the payment model page', () => {
  it('shows the default rates until the network saves its own', async () => {
    const html = await (await t.app.request(money(), { headers: asAdmin.headers })).text();
    expect(html).toContain('value="350.00"');
    expect(html).toContain('These are the default rates');
  });

  it('saves rates in pence and the fee in basis points', async () => {
    expect((await t.post(money(), asAdmin, model())).status).toBe(303);
    const [row] = await t.db.select().from(paymentModels).where(eq(paymentModels.networkId, network.id));
    expect(row).toMatchObject({
      sleMemberPence: 35000,
      diagnosticNonMemberPence: 48050,
      feeKind: 'percent',
      feeValue: 1250,
      vatBasisPoints: 2000,
    });
  });

  it('refuses bad money with a message on the field, and saves nothing', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ sleMember: '-5' }, 'Enter the SLE member rate in pounds, like 350 or 350.50'],
      [{ sleMember: '350.555' }, 'Enter the SLE member rate in pounds'],
      [{ lleNonMember: '100' }, 'The non-member LLE rate cannot be less than the member rate'],
      [{ feePercent: '120' }, 'Enter the brokerage fee as a percentage from 0 to 100'],
      [{ feeKind: 'fixed', feeFixed: '' }, 'Enter the brokerage fee in pounds'],
      [{ sleMember: '999999', sleNonMember: '999999' }, 'A day rate must be from £0 to £100,000'],
    ];
    for (const [fields, message] of cases) {
      const res = await t.post(money(), asAdmin, model({ ...fields }));
      expect(res.status, message).toBe(400);
      expect(await res.text()).toContain(message);
    }
    const [row] = await t.db.select().from(paymentModels).where(eq(paymentModels.networkId, network.id));
    expect(row?.feeValue).toBe(1250);
  });

  it('gives a member school free hours, and sets targets', async () => {
    expect(
      (
        await t.post(`${money()}/vouchers`, asAdmin, {
          schoolUrn: String(school),
          hours: '2',
          reason: 'Marketplace event',
          issuedOn: '2026-03-12',
          expiresOn: '',
        })
      ).status,
    ).toBe(303);
    const bad = await t.post(`${money()}/vouchers`, asAdmin, { schoolUrn: '999999', hours: '2.25', reason: '', issuedOn: '2026-03-12' });
    expect(bad.status).toBe(400);
    expect(await t.db.select().from(supportVouchers)).toHaveLength(1);
    expect((await t.post(`${money()}/targets`, asAdmin, { startYear: '2025', days: '80', income: '28000' })).status).toBe(303);
    expect((await t.post(`${money()}/targets`, asAdmin, { startYear: '2025', days: '90', income: '30000' })).status).toBe(303);
    const targets = await t.db.select().from(supportTargets);
    expect(targets.map((r) => [r.startYear, r.days, r.incomePence])).toEqual([[2025, '90.0', 3000000]]);
  });

  it('is for the network’s admins only: money is never shown to a partner network or a school leader', async () => {
    expect((await t.app.request(money(), { headers: asHead.headers })).status).toBe(403);
    expect((await t.app.request(money(), { headers: asPartner.headers })).status).toBe(403);
    expect((await t.post(money(), asHead, model())).status).toBe(403);
  });
});
