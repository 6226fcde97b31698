import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { londonStartOfDay, parseDateText } from './audit-filters.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let asAdmin: Session;
let asTeacher: Session;

const event = (networkId: string, at: string, action: string, actorLabel: string, detail: Record<string, unknown> = {}) => ({
  networkId,
  at: new Date(at),
  action,
  actorLabel,
  subjectType: 'person',
  subjectId: 'p-1',
  detail,
});

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  const admin = await makeMember(t.db, own.id, 'network_admin', { fullName: 'Nadia Admin' });
  const teacher = await makeMember(t.db, own.id, 'participant', { fullName: 'Tom Teacher' });
  asAdmin = await t.signIn(admin.id);
  asTeacher = await t.signIn(teacher.id);
  await t.db.insert(auditEvents).values([
    // 23:30 UTC on 31 March 2025 is 00:30 on 1 April in London (BST).
    event(own.id, '2025-03-31T23:30:00Z', 'role.granted', 'nadia@blue.example', { role: 'mentor' }),
    event(own.id, '2025-03-31T22:30:00Z', 'person.created', 'harriet@sacred.example', { fullName: 'Early Bird' }),
    event(own.id, '2025-04-15T10:00:00Z', 'invitation.created', 'nadia@blue.example', { email: 'ivy@example.org' }),
    event(other.id, '2025-04-01T09:00:00Z', 'person.created', 'olive@elsewhere.example', { fullName: 'Secret Person' }),
  ]);
  // Enough events for a second page.
  await t.db
    .insert(auditEvents)
    .values(
      Array.from({ length: 55 }, (_, i) =>
        event(own.id, new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(), 'bulk.test', 'bulk@blue.example', { n: i }),
      ),
    );
});
afterAll(() => t.close());

const page = async (query: string, s = asAdmin) => {
  const res = await t.app.request(`/networks/${own.id}/audit${query}`, { headers: s.headers });
  return { status: res.status, html: await res.text() };
};

describe('audit log page', () => {
  it("shows this network's events newest first, with when, who, action, record and detail", async () => {
    const { status, html } = await page('');
    expect(status).toBe(200);
    expect(html).not.toContain('Secret Person');
    const newest = html.indexOf('invitation.created');
    const older = html.indexOf('role.granted');
    expect(newest).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(newest);
    expect(html).toContain('15 Apr 2025, 11:00'); // shown in London time
    expect(html).toContain('email: ivy@example.org');
    expect(html).toContain('Showing 1 to 50 of 58 events');
    const second = await page('?page=2');
    expect(second.html).toContain('Showing 51 to 58 of 58 events');
    expect(second.html).toContain('n: 0');
  });

  it('filters by action and by who (email contains)', async () => {
    const byAction = await page('?action=person.created');
    expect(byAction.html).toContain('Early Bird');
    expect(byAction.html).not.toContain('ivy@example.org');
    const byActor = await page('?actor=NADIA');
    expect(byActor.html).toContain('Showing 1 to 2 of 2 events');
    expect(byActor.html).not.toContain('Early Bird');
  });

  it('filters by London calendar dates', async () => {
    const april1 = await page('?from=1/4/2025&to=2025-04-01');
    expect(april1.html).toContain('Showing 1 to 1 of 1 events');
    expect(april1.html).toContain('role: mentor');
    const march31 = await page('?to=31/03/2025&from=31-3-2025');
    expect(march31.html).toContain('Early Bird');
    expect(march31.html).not.toContain('role: mentor');
  });

  it('answers bad dates with messages and status 400', async () => {
    const bad = await page('?from=31/2/2025&to=soon');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('From date must be a real date');
    expect(bad.html).toContain('To date must be a real date');
    expect(bad.html).toContain('href="#from"');
    const backwards = await page('?from=2/4/2025&to=1/4/2025');
    expect(backwards.status).toBe(400);
    expect(backwards.html).toContain('To date must be the same as or after the from date');
  });

  it('is for network admins only', async () => {
    expect((await page('', asTeacher)).status).toBe(403);
    const res = await t.app.request(`/networks/${other.id}/audit`, { headers: asAdmin.headers });
    expect(res.status).toBe(403);
  });
});

describe('date filters', () => {
  it('reads UK and ISO dates and rejects impossible ones', () => {
    expect(parseDateText('27/3/2025')).toBe('2025-03-27');
    expect(parseDateText('2025-3-7')).toBe('2025-03-07');
    expect(parseDateText('29/2/2024')).toBe('2024-02-29');
    expect(parseDateText('29/2/2025')).toBeNull();
    expect(parseDateText('13/13/2025')).toBeNull();
    expect(parseDateText('yesterday')).toBeNull();
  });

  it('starts London days at the right instant either side of the clock changes', () => {
    expect(londonStartOfDay('2025-01-15').toISOString()).toBe('2025-01-15T00:00:00.000Z');
    expect(londonStartOfDay('2025-07-01').toISOString()).toBe('2025-06-30T23:00:00.000Z');
    expect(londonStartOfDay('2025-03-30').toISOString()).toBe('2025-03-30T00:00:00.000Z'); // clocks go forward at 01:00
    expect(londonStartOfDay('2025-03-31').toISOString()).toBe('2025-03-30T23:00:00.000Z');
    expect(londonStartOfDay('2025-10-26').toISOString()).toBe('2025-10-25T23:00:00.000Z'); // clocks go back at 02:00 BST
    expect(londonStartOfDay('2025-10-27').toISOString()).toBe('2025-10-27T00:00:00.000Z');
    expect(londonStartOfDay('2025-12-31', 1).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
