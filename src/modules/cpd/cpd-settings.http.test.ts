import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { makeCpdProgramme, makeCpdSession, makeMember, makeNetwork } from '../../seed/factories.ts';
import { bookSession } from './commands/book-session.ts';
import { cancelBooking } from './commands/cancel-booking.ts';
import { cpdBookings, cpdSettings } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let networkId: string;
let asAdmin: Session;
let asTeacher: Session;
let people: string[];

const settingsUrl = () => `/networks/${networkId}/cpd/settings`;
const ctx = () => ({
  actor: operatorActor('test'),
  mailer: { local: false, send: async () => {} },
  config: loadConfig({ NODE_ENV: 'test', APP_URL: 'http://localhost' }),
});
const api = (session: Session, method: 'GET' | 'PUT', body?: unknown) =>
  t.app.request(`/api/v1/networks/${networkId}/cpd/settings`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      origin: 'http://localhost',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });

beforeAll(async () => {
  t = await createTestApp();
  networkId = (await makeNetwork(t.db)).id;
  asAdmin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
  const teacher = await makeMember(t.db, networkId, 'participant');
  asTeacher = await t.signIn(teacher.id);
  people = [teacher.id, (await makeMember(t.db, networkId, 'participant')).id];
});
afterAll(() => t.close());

describe('CPD settings', () => {
  it('shows a network admin the defaults until the network sets its own, and no one else', async () => {
    const page = await (await t.app.request(settingsUrl(), { headers: asAdmin.headers })).text();
    for (const [name, value] of [
      ['targetDays', '50'],
      ['targetPositivePercent', '90'],
      ['offerHours', '48'],
      ['followUpWeeks', '6'],
    ])
      expect(page).toMatch(new RegExp(`name="${name}"[^>]*value="${value}"`));
    expect((await t.app.request(settingsUrl(), { headers: asTeacher.headers })).status).toBe(403);
    expect((await t.post(settingsUrl(), asTeacher, { targetDays: '10' })).status).toBe(403);
    expect(await (await api(asAdmin, 'GET')).json()).toEqual({
      targetDays: 50,
      targetPositivePercent: 90,
      offerHours: 48,
      followUpWeeks: 6,
    });
  });

  it('refuses bad values with a message for each and saves nothing', async () => {
    const bad = await t.post(settingsUrl(), asAdmin, {
      targetDays: '50.3',
      targetPositivePercent: '101',
      offerHours: '0',
      followUpWeeks: 'six',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter the target in whole or half days, like 50 or 52.5');
    expect(html).toContain('Enter the share of positive feedback from 0 to 100 percent');
    expect(html).toContain('Enter how long a freed place is held from 1 to 336 hours');
    expect(html).toContain('Enter when the follow-up survey goes as a whole number');
    expect(html).toContain('govuk-error-summary');
    const viaApi = await api(asAdmin, 'PUT', { targetDays: -1, targetPositivePercent: 90, offerHours: 48, followUpWeeks: 60 });
    expect(viaApi.status).toBe(400);
    expect(await t.db.select().from(cpdSettings).where(eq(cpdSettings.networkId, networkId))).toHaveLength(0);
  });

  it('saves new targets and time limits, audited, and the report and waiting list use them', async () => {
    const saved = await t.post(settingsUrl(), asAdmin, {
      targetDays: '60.5',
      targetPositivePercent: '85',
      offerHours: '24',
      followUpWeeks: '8',
    });
    expect(saved.status).toBe(303);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'cpd.settings_saved'), eq(auditEvents.networkId, networkId)));
    expect(audit!.detail).toMatchObject({
      before: { targetDays: 50, offerHours: 48 },
      after: { targetDays: 60.5, targetPositivePercent: 85, offerHours: 24, followUpWeeks: 8 },
    });
    const report = await (await t.app.request(`/networks/${networkId}/cpd/reports`, { headers: asAdmin.headers })).text();
    expect(report).toContain('of a target of 60.5');
    expect(report).toContain('against a target of 85%');

    // A freed place is now held for 24 hours.
    const session = await makeCpdSession(t.db, await makeCpdProgramme(t.db, networkId), { capacity: 1 });
    const [first, second] = [
      await inTransaction(t.database, (db) => bookSession({ db, ...ctx() }, { sessionId: session.id, personId: people[0]! })),
      await inTransaction(t.database, (db) => bookSession({ db, ...ctx() }, { sessionId: session.id, personId: people[1]! })),
    ];
    await inTransaction(t.database, (db) => cancelBooking({ db, ...ctx() }, { bookingId: first.id }));
    const [offered] = await t.db.select().from(cpdBookings).where(eq(cpdBookings.id, second.id));
    expect(offered!.status).toBe('offered');
    const hours = (offered!.offerExpiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    const put = await api(asAdmin, 'PUT', { targetDays: 55, targetPositivePercent: 90, offerHours: 72, followUpWeeks: 4 });
    expect(put.status).toBe(200);
    expect(await (await api(asAdmin, 'GET')).json()).toEqual({
      targetDays: 55,
      targetPositivePercent: 90,
      offerHours: 72,
      followUpWeeks: 4,
    });
    expect((await api(asTeacher, 'GET')).status).toBe(403);
  });
});
