import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { networkSchools, networks, strategicPartners } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let member: { urn: number };
let former: { urn: number };
let outsider: { urn: number };
let asAdmin: Session;
let asTeacher: Session;
let asOtherAdmin: Session;

const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const settings = () => `/networks/${own.id}/settings`;
const ownNetwork = async () => (await t.db.select().from(networks).where(eq(networks.id, own.id)))[0]!;
const auditOf = (networkId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.networkId, networkId), eq(auditEvents.action, action)));

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Castle Phoenix Teaching School Alliance' });
  member = await makeSchool(t.db, { name: 'Sacred Heart Catholic Primary School' });
  former = await makeSchool(t.db, { name: 'Left Years Ago Primary' });
  outsider = await makeSchool(t.db, { name: 'Never Joined Academy' });
  await addSchoolToNetwork(t.db, own.id, member.urn);
  await t.db.insert(networkSchools).values({ networkId: own.id, schoolUrn: former.urn, joinedOn: '2020-09-01', leftOn: '2023-08-31' });
  const admin = await makeMember(t.db, own.id, 'network_admin', { fullName: 'Nadia Admin' });
  const teacher = await makeMember(t.db, own.id, 'participant');
  const otherAdmin = await makeMember(t.db, other.id, 'network_admin');
  asAdmin = await t.signIn(admin.id);
  asTeacher = await t.signIn(teacher.id);
  asOtherAdmin = await t.signIn(otherAdmin.id);
});
afterAll(() => t.close());

describe('network settings page', () => {
  it('shows an admin the details form, strategic partners and partner networks; Settings is in their menu', async () => {
    const res = await get(settings(), asAdmin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Settings – Alliance</title>');
    expect(html).toContain('value="Blue Sky Teaching School Alliance"');
    expect(html).toMatch(/value="teaching_school_alliance" checked/);
    expect(html).toContain('No strategic partners yet');
    expect(html).toContain(`<option value="${other.id}">Castle Phoenix Teaching School Alliance</option>`);
    expect(html).toContain(`href="/networks/${own.id}/settings"`);
  });

  it('refuses a member who is not an admin (no Settings in their menu) and another network’s admin, audited', async () => {
    expect((await get(settings(), asTeacher)).status).toBe(403);
    const home = await (await get(`/networks/${own.id}`, asTeacher)).text();
    expect(home).not.toContain(`/networks/${own.id}/settings`);
    expect(home).toContain(`/networks/${own.id}/specialisms`);
    const before = (await auditOf(own.id, 'access.refused')).length;
    expect((await get(settings(), asOtherAdmin)).status).toBe(403);
    expect((await auditOf(own.id, 'access.refused')).length).toBe(before + 1);
  });

  it('saves name, kind and a current member as lead school, audited with what changed', async () => {
    const res = await t.post(settings(), asAdmin, { name: 'Blue Sky TSA', kind: 'teaching_school_hub', leadSchoolUrn: String(member.urn) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${settings()}?done=details`);
    expect(await ownNetwork()).toMatchObject({ name: 'Blue Sky TSA', kind: 'teaching_school_hub', leadSchoolUrn: member.urn });
    const [event] = await auditOf(own.id, 'network.updated');
    expect(event?.detail).toEqual({
      changes: {
        name: { from: 'Blue Sky Teaching School Alliance', to: 'Blue Sky TSA' },
        kind: { from: 'teaching_school_alliance', to: 'teaching_school_hub' },
        leadSchoolUrn: { from: null, to: member.urn },
      },
    });
    const page = await (await get(`${settings()}?done=details`, asAdmin)).text();
    expect(page).toContain('Network details saved');
    expect(page).toContain('Now Sacred Heart Catholic Primary School');
  });

  it.each([
    [{ name: '  ', kind: 'trust', leadSchoolUrn: '' }, 'Enter the network&#39;s name'],
    [{ name: 'X', kind: 'club', leadSchoolUrn: '' }, 'Select the kind of network'],
    [{ name: 'X', leadSchoolUrn: '' }, 'Select the kind of network'],
    [{ name: 'X', kind: 'trust', leadSchoolUrn: 'abc' }, 'Lead school URN must be a number, like 142205'],
    [{ name: 'X', kind: 'trust', leadSchoolUrn: '99999998' }, 'There is no school with URN 99999998'],
    [{ name: 'X', kind: 'trust', leadSchoolUrn: 'OUTSIDER' }, 'Never Joined Academy (URN OUTSIDER) is not a current member school'],
    [{ name: 'X', kind: 'trust', leadSchoolUrn: 'FORMER' }, 'Left Years Ago Primary (URN FORMER) is not a current member school'],
  ])('re-renders bad details with 400 and saves nothing (%o)', async (fields, message) => {
    const urns: Record<string, string> = { OUTSIDER: String(outsider.urn), FORMER: String(former.urn) };
    const swap = (s: string) => s.replace(/OUTSIDER|FORMER/, (k) => urns[k]!);
    const before = await ownNetwork();
    const res = await t.post(settings(), asAdmin, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, swap(v)])));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain(swap(message));
    expect(await ownNetwork()).toEqual(before);
  });

  it('refuses to take the name of another network (409)', async () => {
    const res = await t.post(settings(), asAdmin, { name: 'castle phoenix teaching school alliance', kind: 'trust', leadSchoolUrn: '' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Another network is already called');
    expect((await ownNetwork()).name).toBe('Blue Sky TSA');
  });

  it('refuses a change by a non-admin or another network’s admin, saving nothing', async () => {
    const fields = { name: 'Hijacked', kind: 'trust', leadSchoolUrn: '' };
    expect((await t.post(settings(), asTeacher, fields)).status).toBe(403);
    expect((await t.post(settings(), asOtherAdmin, fields)).status).toBe(403);
    expect((await ownNetwork()).name).toBe('Blue Sky TSA');
  });
});

describe('strategic partners', () => {
  const add = (s: Session, fields: Record<string, string>) => t.post(`${settings()}/strategic-partners`, s, fields);
  const partnersOf = (networkId: string) => t.db.select().from(strategicPartners).where(eq(strategicPartners.networkId, networkId));

  it('adds a partner, listed on the page and audited', async () => {
    const res = await add(asAdmin, { partnerName: 'Coventry University', partnerKind: 'university' });
    expect(res.status).toBe(303);
    expect(await partnersOf(own.id)).toMatchObject([{ name: 'Coventry University', kind: 'university' }]);
    const html = await (await get(settings(), asAdmin)).text();
    expect(html).toContain('Coventry University');
    expect(html).toContain('University');
    expect(await auditOf(own.id, 'strategic_partner.added')).toHaveLength(1);
  });

  it('re-renders bad input with 400, and refuses a partner already listed with 409', async () => {
    const missing = await add(asAdmin, { partnerName: '', partnerKind: 'charity' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('Enter the partner&#39;s name');
    expect(html).toContain('Select the kind of partner');
    // The other forms on the page keep the network's own values.
    expect(html).toContain('value="Blue Sky TSA"');
    const duplicate = await add(asAdmin, { partnerName: 'COVENTRY UNIVERSITY', partnerKind: 'university' });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toContain('COVENTRY UNIVERSITY is already a strategic partner of this network');
    expect(await partnersOf(own.id)).toHaveLength(1);
  });

  it('refuses a non-admin and another network’s admin', async () => {
    expect((await add(asTeacher, { partnerName: 'Sneaky', partnerKind: 'other' })).status).toBe(403);
    expect((await add(asOtherAdmin, { partnerName: 'Sneaky', partnerKind: 'other' })).status).toBe(403);
    expect(await partnersOf(own.id)).toHaveLength(1);
  });

  it('removes a partner (audited); another network’s partner is refused and audited there; an unknown one is 404', async () => {
    const [theirs] = await t.db
      .insert(strategicPartners)
      .values({ networkId: other.id, name: 'Warwickshire LA', kind: 'local_authority' })
      .returning();
    const refused = await t.post(`${settings()}/strategic-partners/${theirs!.id}/remove`, asAdmin, {});
    expect(refused.status).toBe(403);
    expect((await auditOf(other.id, 'access.refused')).length).toBeGreaterThan(0);
    expect(await partnersOf(other.id)).toHaveLength(1);
    expect((await t.post(`${settings()}/strategic-partners/${crypto.randomUUID()}/remove`, asAdmin, {})).status).toBe(404);

    const [mine] = await partnersOf(own.id);
    expect((await t.post(`${settings()}/strategic-partners/${mine!.id}/remove`, asTeacher, {})).status).toBe(403);
    const removed = await t.post(`${settings()}/strategic-partners/${mine!.id}/remove`, asAdmin, {});
    expect(removed.status).toBe(303);
    expect(await partnersOf(own.id)).toHaveLength(0);
    const [event] = await auditOf(own.id, 'strategic_partner.removed');
    expect(event?.detail).toMatchObject({ name: 'Coventry University' });
  });
});

// Partnerships between networks (proposal, answer, end): partnerships.http.test.ts.
