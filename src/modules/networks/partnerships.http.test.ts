import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createTestApp, memoryMailer, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { loadPersonActor } from '../../kernel/auth/load-actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { grantRole, makeMember, makeNetwork } from '../../seed/factories.ts';
import { createPartnership } from './commands/create-partnership.ts';
import { orderedPair } from './partnerships-domain.ts';
import { networkPartnerships } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
type Net = { id: string; name: string };
let t: TestApp;
let blue: Net;
let castle: Net;
let third: Net;
const people: Record<string, { id: string; email: string }> = {};
const as: Record<string, Session> = {};

const today = () => new Date().toISOString().slice(0, 10);
const get = (path: string, s: Session) => t.app.request(path, { headers: s.headers });
const propose = (s: Session, from: Net, to: string, partnershipMessage = '') =>
  t.post(`/networks/${from.id}/settings/partnerships`, s, { partnerNetworkId: to, partnershipMessage });
const step = (s: Session, from: Net, id: string, what: string) => t.post(`/networks/${from.id}/settings/partnerships/${id}/${what}`, s, {});
const pairRows = (x: Net, y: Net) => {
  const { networkA, networkB } = orderedPair(x.id, y.id);
  return t.db
    .select()
    .from(networkPartnerships)
    .where(and(eq(networkPartnerships.networkA, networkA), eq(networkPartnerships.networkB, networkB)))
    .orderBy(asc(networkPartnerships.proposedAt));
};
const latest = async (x: Net, y: Net) => (await pairRows(x, y)).at(-1)!;
const auditOf = (networkId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.networkId, networkId), eq(auditEvents.action, action)));
const refusals = async (networkId: string, what: string) =>
  (await auditOf(networkId, 'access.refused')).filter((e) => e.subjectType === what).length;
const partnersSeenBy = async (personId: string) => {
  const actor = await loadPersonActor(t.db, personId, 'session');
  return actor?.kind === 'person' ? actor.partnerNetworkIds : [];
};
const api = (method: string, path: string, s: Session, body?: unknown) => t.app.request(`/api/v1${path}`, asJson(s, method, body));

beforeAll(async () => {
  t = await createTestApp();
  blue = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  castle = await makeNetwork(t.db, { name: 'Castle Phoenix Teaching School Alliance' });
  third = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  const members: [string, Net, 'network_admin' | 'participant'][] = [
    ['blueAdmin', blue, 'network_admin'],
    ['blueTeacher', blue, 'participant'],
    ['castleAdmin', castle, 'network_admin'],
    ['castleAdmin2', castle, 'network_admin'],
    ['castleTeacher', castle, 'participant'],
    ['thirdAdmin', third, 'network_admin'],
    ['bothAdmin', blue, 'network_admin'],
  ];
  for (const [key, network, role] of members) {
    people[key] = await makeMember(t.db, network.id, role, { fullName: key });
    as[key] = await t.signIn(people[key]!.id);
  }
  await grantRole(t.db, castle.id, people.bothAdmin!.id, 'network_admin');
});
afterAll(() => t.close());

describe('proposing a partnership', () => {
  it.each([
    ['', 'Choose a network to partner with'],
    ['not-a-network', 'Choose a network from the list'],
    ['00000000-0000-4000-8000-000000000000', 'There is no such network'],
    ['OWN', 'a network cannot be its own partner'],
  ])('re-renders a bad choice (%s) with 400 and proposes nothing', async (choice, message) => {
    const res = await propose(as.blueAdmin!, blue, choice === 'OWN' ? blue.id : choice);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    expect(await pairRows(blue, castle)).toHaveLength(0);
  });

  it('refuses an over-long message (400) and a member who is not an admin (403, audited)', async () => {
    expect((await propose(as.blueAdmin!, blue, castle.id, 'x'.repeat(1001))).status).toBe(400);
    const before = await refusals(blue.id, 'network.manage');
    expect((await propose(as.blueTeacher!, blue, castle.id)).status).toBe(403);
    expect(await refusals(blue.id, 'network.manage')).toBe(before + 1);
    expect(await pairRows(blue, castle)).toHaveLength(0);
  });

  it('records a proposal, emails the other network’s admins and audits it in both; nothing is shared yet', async () => {
    const res = await propose(as.blueAdmin!, blue, castle.id, 'We would like to share our SLEs.');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/networks/${blue.id}/settings?done=partnership-proposed#partnerships`);
    expect(await pairRows(blue, castle)).toMatchObject([
      {
        status: 'proposed',
        proposedByNetwork: blue.id,
        proposedBy: people.blueAdmin!.id,
        startedOn: null,
        message: 'We would like to share our SLEs.',
      },
    ]);
    const mails = t.mail.filter((m) => m.subject === 'Blue Sky Teaching School Alliance proposes a partnership on Alliance');
    expect(mails.map((m) => m.to).sort()).toEqual([people.bothAdmin!.email, people.castleAdmin!.email, people.castleAdmin2!.email].sort());
    expect(mails[0]!.text).toContain(`http://localhost/networks/${castle.id}/settings#partnerships`);
    expect(mails[0]!.text).toContain('We would like to share our SLEs.');
    expect(await auditOf(blue.id, 'partnership.proposed')).toHaveLength(1);
    expect(await auditOf(castle.id, 'partnership.proposed')).toHaveLength(1);
    expect(await partnersSeenBy(people.castleTeacher!.id)).toEqual([]);
    expect(await partnersSeenBy(people.blueTeacher!.id)).toEqual([]);

    const theirs = await (await get(`/networks/${castle.id}/settings`, as.castleAdmin!)).text();
    expect(theirs).toContain('Proposals waiting for your answer');
    expect(theirs).toContain('We would like to share our SLEs.');
    const { id } = await latest(blue, castle);
    expect(theirs).toContain(`/settings/partnerships/${id}/accept`);
    expect(theirs).toContain(`/settings/partnerships/${id}/decline`);
    const ours = await (await get(`/networks/${blue.id}/settings`, as.blueAdmin!)).text();
    expect(ours).toContain('waiting for their answer');
    expect(ours).toContain(`/settings/partnerships/${id}/withdraw`);
    expect(ours).not.toContain(`<option value="${castle.id}"`);
  });

  it('refuses a second open proposal for the pair, from either side (409)', async () => {
    const again = await propose(as.blueAdmin!, blue, castle.id);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('has already been proposed and is waiting for their answer');
    const back = await propose(as.castleAdmin!, castle, blue.id);
    expect(back.status).toBe(409);
    expect(await back.text()).toContain('Blue Sky Teaching School Alliance has already proposed a partnership');
    expect(await pairRows(blue, castle)).toHaveLength(1);
  });
});

describe('answering a proposal', () => {
  it('lets only the other network’s admins answer: the wrong side, an admin of both acting as the proposer, a third network and a non-admin get 403, audited', async () => {
    const { id } = await latest(blue, castle);
    const before = { castle: await refusals(castle.id, 'partnership.accept'), blue: await refusals(blue.id, 'partnership.accept') };
    expect((await step(as.blueAdmin!, blue, id, 'accept')).status).toBe(403);
    // An admin of both networks acts as the network whose page they use: from Blue Sky's, not accepted.
    expect((await step(as.bothAdmin!, blue, id, 'accept')).status).toBe(403);
    expect(await refusals(castle.id, 'partnership.accept')).toBe(before.castle + 2);
    expect(await refusals(blue.id, 'partnership.accept')).toBe(before.blue + 2);
    const thirdBefore = await refusals(third.id, 'partnership.accept');
    expect((await step(as.thirdAdmin!, third, id, 'accept')).status).toBe(403);
    expect(await refusals(third.id, 'partnership.accept')).toBe(thirdBefore + 1);
    expect(await refusals(castle.id, 'partnership.accept')).toBe(before.castle + 3);
    expect((await step(as.castleAdmin!, castle, id, 'withdraw')).status).toBe(403);
    expect(await refusals(castle.id, 'partnership.withdraw')).toBe(1);
    expect((await step(as.castleTeacher!, castle, id, 'accept')).status).toBe(403);
    expect((await step(as.castleAdmin!, castle, crypto.randomUUID(), 'accept')).status).toBe(404);
    expect((await step(as.castleAdmin!, castle, 'nonsense', 'accept')).status).toBe(404);
    expect((await step(as.castleAdmin!, castle, id, 'approve')).status).toBe(404);
    expect((await latest(blue, castle)).status).toBe('proposed');
  });

  it('accepts: active from today, each network’s members see the other, audited in both, proposer’s admins emailed', async () => {
    const { id } = await latest(blue, castle);
    const res = await step(as.castleAdmin!, castle, id, 'accept');
    expect(res.status).toBe(303);
    expect(await latest(blue, castle)).toMatchObject({ id, status: 'active', startedOn: today(), respondedBy: people.castleAdmin!.id });
    expect(await partnersSeenBy(people.castleTeacher!.id)).toEqual([blue.id]);
    expect(await partnersSeenBy(people.blueTeacher!.id)).toEqual([castle.id]);
    expect(await auditOf(blue.id, 'partnership.accepted')).toHaveLength(1);
    expect(await auditOf(castle.id, 'partnership.accepted')).toHaveLength(1);
    expect(
      t.mail
        .filter((m) => m.subject.startsWith('Castle Phoenix Teaching School Alliance has accepted'))
        .map((m) => m.to)
        .sort(),
    ).toEqual([people.blueAdmin!.email, people.bothAdmin!.email].sort());
    const home = await (await get(`/networks/${blue.id}`, as.blueTeacher!)).text();
    expect(home).toContain('Works in partnership with: Castle Phoenix Teaching School Alliance');
    expect(home).toContain(`href="/networks/${castle.id}/directory"`);
    expect((await get(`/networks/${castle.id}/directory`, as.blueTeacher!)).status).toBe(200);
    const settings = await (await get(`/networks/${castle.id}/settings`, as.castleAdmin!)).text();
    expect(settings).toContain(`Active since`);
    expect(settings).toContain(`/settings/partnerships/${id}/end`);
    // Answering twice: the proposal is no longer open.
    const twice = await step(as.castleAdmin!, castle, id, 'decline');
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('This proposal is no longer open: it was accepted');
    expect((await propose(as.castleAdmin!, castle, blue.id)).status).toBe(409);
  });

  it('ends: either side’s admin, not a member or a third network; no longer seen; audited in both; kept as history', async () => {
    const { id } = await latest(blue, castle);
    expect((await step(as.blueTeacher!, blue, id, 'end')).status).toBe(403);
    expect((await step(as.thirdAdmin!, third, id, 'end')).status).toBe(403);
    expect(await refusals(third.id, 'partnership.end')).toBe(1);
    const res = await step(as.blueAdmin!, blue, id, 'end');
    expect(res.status).toBe(303);
    expect(await latest(blue, castle)).toMatchObject({ status: 'ended', startedOn: today(), endedOn: today() });
    expect(await partnersSeenBy(people.castleTeacher!.id)).toEqual([]);
    expect(await auditOf(blue.id, 'partnership.ended')).toHaveLength(1);
    expect(await auditOf(castle.id, 'partnership.ended')).toHaveLength(1);
    expect((await step(as.castleAdmin!, castle, id, 'end')).status).toBe(409);
    const home = await (await get(`/networks/${blue.id}`, as.blueTeacher!)).text();
    expect(home).not.toContain('Works in partnership with');
  });

  it('after an end, a new proposal starts a new row (history kept); it can be declined, or withdrawn by its proposer', async () => {
    expect((await propose(as.castleAdmin!, castle, blue.id)).status).toBe(303);
    const second = await latest(blue, castle);
    expect(second.proposedByNetwork).toBe(castle.id);
    expect((await step(as.castleAdmin!, castle, second.id, 'decline')).status).toBe(403);
    expect((await step(as.blueAdmin!, blue, second.id, 'withdraw')).status).toBe(403);
    expect((await step(as.blueAdmin!, blue, second.id, 'decline')).status).toBe(303);
    expect(await partnersSeenBy(people.blueTeacher!.id)).toEqual([]);

    expect((await propose(as.castleAdmin!, castle, blue.id)).status).toBe(303);
    const third_ = await latest(blue, castle);
    expect((await step(as.castleAdmin!, castle, third_.id, 'withdraw')).status).toBe(303);
    expect((await pairRows(blue, castle)).map((r) => r.status)).toEqual(['ended', 'declined', 'withdrawn']);
    expect(await auditOf(blue.id, 'partnership.declined')).toHaveLength(1);
    expect(await auditOf(castle.id, 'partnership.withdrawn')).toHaveLength(1);
    const settings = await (await get(`/networks/${blue.id}/settings`, as.blueAdmin!)).text();
    expect(settings).toContain('Their proposal, declined');
    expect(settings).toContain('Their proposal, withdrawn');
    expect(settings).toContain(`<option value="${castle.id}"`);
  });
});

describe('partnerships API', () => {
  type PartnershipJson = { id: string; status: string; partnerNetworkId: string; partnerName: string; proposedByNetworkId: string | null };

  it('lists a network’s partnerships to its members, paged; refuses a non-member (403)', async () => {
    const res = await api('GET', `/networks/${blue.id}/partnerships?perPage=2`, as.blueTeacher!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: PartnershipJson[]; meta: { total: number } };
    expect(body.meta).toEqual({ page: 1, perPage: 2, total: 3 });
    expect(body.data[0]).toMatchObject({ partnerNetworkId: castle.id, partnerName: 'Castle Phoenix Teaching School Alliance' });
    expect((await api('GET', `/networks/${blue.id}/partnerships`, as.thirdAdmin!)).status).toBe(403);
  });

  it('proposes, answers and ends with problem+json refusals', async () => {
    const bad = await api('POST', `/networks/${blue.id}/partnerships`, as.blueAdmin!, { networkId: 123 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['networkId']);
    expect((await api('POST', `/networks/${blue.id}/partnerships`, as.blueTeacher!, { networkId: third.id })).status).toBe(403);

    const created = await api('POST', `/networks/${blue.id}/partnerships`, as.blueAdmin!, { networkId: third.id, message: 'Hello' });
    expect(created.status).toBe(201);
    const proposal = (await created.json()) as PartnershipJson;
    expect(proposal).toMatchObject({ status: 'proposed', partnerNetworkId: third.id, proposedByNetworkId: blue.id });
    const duplicate = await api('POST', `/networks/${third.id}/partnerships`, as.thirdAdmin!, { networkId: blue.id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('content-type')).toContain('application/problem+json');

    const path = (network: Net, what: string) => `/networks/${network.id}/partnerships/${proposal.id}/${what}`;
    expect((await api('POST', path(blue, 'accept'), as.blueAdmin!)).status).toBe(403);
    expect((await api('POST', path(third, 'withdraw'), as.thirdAdmin!)).status).toBe(403);
    expect((await api('POST', `/networks/${third.id}/partnerships/${crypto.randomUUID()}/accept`, as.thirdAdmin!)).status).toBe(404);
    const accepted = await api('POST', path(third, 'accept'), as.thirdAdmin!);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 'active', partnerNetworkId: blue.id });
    expect((await api('POST', path(blue, 'withdraw'), as.blueAdmin!)).status).toBe(409);
    const ended = await api('POST', path(third, 'end'), as.thirdAdmin!);
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({ status: 'ended' });
  });
});

describe('operator (alliance network partner)', () => {
  const ctx = (db: typeof t.db) => ({ db, actor: operatorActor('test'), mailer: memoryMailer(), config: loadConfig({ NODE_ENV: 'test' }) });
  const start = (x: Net, y: Net) =>
    inTransaction(t.database, (db) => createPartnership(ctx(db), { networkId: x.id, partnerNetworkId: y.id, startedOn: today() }));

  it('starts an active partnership at once, accepting a pending proposal; refuses one already active', async () => {
    expect((await propose(as.thirdAdmin!, third, castle.id)).status).toBe(303);
    const pending = await latest(third, castle);
    const row = await start(castle, third);
    expect(row).toMatchObject({ id: pending.id, status: 'active', startedOn: today() });
    expect(await partnersSeenBy(people.thirdAdmin!.id)).toEqual([castle.id]);
    await expect(start(third, castle)).rejects.toMatchObject({ status: 409 });
    expect(await auditOf(third.id, 'partnership.started')).toHaveLength(1);
  });
});
