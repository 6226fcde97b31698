import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { deployments } from './brokerage-schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('puts a leader’s deployment dates in her calendar feed, and a cancelled one as cancelled', async () => {
  const net = (await makeNetwork(t.db)).id;
  const home = await makeSchool(t.db);
  const host = await makeSchool(t.db, { name: 'Hill Primary' });
  const priya = await makeMember(t.db, net, 'system_leader', { fullName: 'Priya Sharma', schoolUrn: home.urn });
  const designation = await makeDesignation(t.db, net, priya.id);
  for (const [status, startsOn] of [
    ['proposed', '2025-10-01'],
    ['cancelled', '2025-11-03'],
  ] as const) {
    const request = await makeSupportRequest(t.db, net, host.urn);
    await t.db.insert(deployments).values({
      networkId: net,
      requestId: request.id,
      designationId: designation.id,
      leaderId: priya.id,
      schoolUrn: host.urn,
      payingSchoolUrn: host.urn,
      tier: 'sle',
      status,
      objectives: 'Maths',
      days: '3',
      startsOn,
      endsOn: '2025-12-19',
      schoolYear: 2025,
    });
  }
  const session = await t.signIn(priya.id);
  const res = await t.post('/calendar', session, {});
  const url = (await res.text()).match(/http:\/\/localhost(\/calendar\/[A-Za-z0-9_-]+\.ics)/)![1]!;
  const feed = (await (await t.app.request(url)).text()).replace(/\r\n /g, '');
  expect(feed).toContain('SUMMARY:Support: Priya Sharma at Hill Primary (3 days)');
  expect(feed).toContain('DTSTART:20251001T000000Z');
  expect(feed).toContain('DTEND:20251220T000000Z');
  expect(feed).toContain('STATUS:CANCELLED');
});
