import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { feedback360Responses } from './development-schema.ts';
import { listQualities } from './leadership-queries.ts';

let t: TestApp;
let networkId: string;
let admin: { cookie: string; csrf: string };
let leader: { cookie: string; csrf: string };
let colleague: { cookie: string; csrf: string };
let qualityIds: string[];
let feedbackUrl: string;
const links: string[] = [];

const scores = (n: number) => Object.fromEntries(qualityIds.map((id, i) => [`score-${id}`, String(((n + i) % 5) + 1)]));
const tokenOf = (text: string) => /token=([\w-]+)/.exec(text)?.[1] ?? '';

beforeAll(async () => {
  t = await createTestApp();
  networkId = (await makeNetwork(t.db)).id;
  admin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
  leader = await t.signIn((await makeMember(t.db, networkId, 'school_leader', { fullName: 'Lena Leader' })).id);
  colleague = await t.signIn((await makeMember(t.db, networkId, 'school_leader')).id);
});
afterAll(() => t.close());

describe('leadership framework', () => {
  it('lets only an admin adopt the default framework, once', async () => {
    expect((await t.post(`/networks/${networkId}/cpd/leadership/framework/default`, leader, {})).status).toBe(403);
    expect((await t.post(`/networks/${networkId}/cpd/leadership/framework/default`, admin, {})).status).toBe(303);
    const again = await t.post(`/networks/${networkId}/cpd/leadership/framework/default`, admin, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already has a framework');
    qualityIds = (await listQualities(t.db, networkId)).map((q) => q.id);
    expect(qualityIds.length).toBe(6);
  });

  it('lets the admin add and edit a quality, refusing a duplicate name', async () => {
    const add = await t.post(`/networks/${networkId}/cpd/leadership/qualities`, admin, {
      name: 'Courage',
      behaviours: 'Says the hard thing kindly',
    });
    expect(add.status).toBe(303);
    const dup = await t.post(`/networks/${networkId}/cpd/leadership/qualities`, admin, { name: 'courage', behaviours: 'x' });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain('already has a quality with this name');
    const empty = await t.post(`/networks/${networkId}/cpd/leadership/qualities`, admin, { name: '', behaviours: '' });
    expect(empty.status).toBe(400);
    const courage = (await listQualities(t.db, networkId)).find((q) => q.name === 'Courage')!;
    expect((await t.post(`/networks/${networkId}/cpd/leadership/qualities/${courage.id}/retire`, leader, {})).status).toBe(403);
    expect((await t.post(`/networks/${networkId}/cpd/leadership/qualities/${courage.id}/retire`, admin, {})).status).toBe(303);
    expect((await listQualities(t.db, networkId)).map((q) => q.id)).toEqual(qualityIds);
  });
});

describe('a 360 from self-rating to the report', () => {
  it('starts with a self-rating that must cover every quality', async () => {
    const start = await t.post(`/networks/${networkId}/cpd/leadership/360`, leader, { title: 'Spring 2026' });
    expect(start.status).toBe(303);
    feedbackUrl = start.headers.get('location')!;
    const partial = await t.post(`${feedbackUrl}/self`, leader, { [`score-${qualityIds[0]}`]: '4' });
    expect(partial.status).toBe(400);
    expect(await partial.text()).toContain('Choose a rating for Leading teaching and learning');
    expect((await t.post(`${feedbackUrl}/self`, leader, scores(3))).status).toBe(303);
  });

  it('is the leader’s alone: a colleague and the network admin are refused, and that is audited', async () => {
    expect((await t.app.request(feedbackUrl, { headers: { cookie: colleague.cookie } })).status).toBe(403);
    expect((await t.app.request(`${feedbackUrl}/report`, { headers: { cookie: admin.cookie } })).status).toBe(403);
    const refusals = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'access.refused'));
    expect(refusals.filter((e) => e.subjectType === 'feedback360.own').length).toBeGreaterThanOrEqual(2);
  });

  it('invites raters by email with single-use links', async () => {
    for (const [relationship, email] of [
      ['line_manager', 'manager@example.org'],
      ['peer', 'peer@example.org'],
      ['team', 'team@example.org'],
    ]) {
      expect((await t.post(`${feedbackUrl}/raters`, leader, { relationship: relationship!, email: email! })).status).toBe(303);
      const mail = t.mail.at(-1)!;
      expect(mail.to).toBe(email);
      expect(mail.subject).toBe('Lena Leader asks for your feedback');
      links.push(tokenOf(mail.text));
    }
    const again = await t.post(`${feedbackUrl}/raters`, leader, { relationship: 'peer', email: 'PEER@example.org' });
    expect(again.status).toBe(409);
    const bad = await t.post(`${feedbackUrl}/raters`, leader, { relationship: 'boss', email: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('shows no report until three raters have answered, saying how many have', async () => {
    const answer = await t.post('/feedback360/respond', leader, { token: links[0]!, ...scores(1), comment: 'Listens well' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Thank you for your feedback');
    const report = await (await t.app.request(`${feedbackUrl}/report`, { headers: { cookie: leader.cookie } })).text();
    expect(report).toContain('1 of at least 3 raters have answered');
    expect(report).not.toContain('<svg');
    const api = await t.app.request(`/api/v1${feedbackUrl.replace('/cpd/leadership/360/', '/feedback360s/')}/report`, {
      headers: { cookie: leader.cookie },
    });
    expect(api.status).toBe(409);
    expect(((await api.json()) as { detail: string }).detail).toContain('1 of at least 3 raters have answered');
  });

  it('refuses a link used a second time with a clear message, recording nothing more', async () => {
    const reused = await t.post('/feedback360/respond', leader, { token: links[0]!, ...scores(5) });
    expect(reused.status).toBe(409);
    expect(await reused.text()).toContain('This link has already been used');
    const opened = await t.app.request(`/feedback360/respond?token=${links[0]}`);
    expect(opened.status).toBe(409);
    expect((await t.app.request('/feedback360/respond?token=made-up-token-made-up-token')).status).toBe(404);
    expect(await t.db.select().from(feedback360Responses)).toHaveLength(1);
  });

  it('keeps a rater’s half-filled form, with the message, and spends no link', async () => {
    const partial = await t.post('/feedback360/respond', leader, { token: links[1]!, [`score-${qualityIds[0]}`]: '2' });
    expect(partial.status).toBe(400);
    expect(await partial.text()).toContain('Choose a rating for');
    expect((await t.app.request(`/feedback360/respond?token=${links[1]}`)).status).toBe(200);
  });

  it('reports self against others per quality with a chart once three have answered, and never who said what', async () => {
    for (const token of links.slice(1)) expect((await t.post('/feedback360/respond', leader, { token, ...scores(2) })).status).toBe(200);
    const res = await t.app.request(`${feedbackUrl}/report`, { headers: { cookie: leader.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Based on 3 anonymous answers');
    expect(html).toMatch(/<svg[^>]*class="app-chart"/);
    expect(html).not.toMatch(/<style|style="/);
    expect(html).toContain('Listens well');
    expect(html).not.toContain('manager@example.org');
    const answers = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'feedback360.answered'));
    expect(answers.map((a) => a.actorId)).toEqual([null, null, null]);
    const api = await t.app.request(`/api/v1${feedbackUrl.replace('/cpd/leadership/360/', '/feedback360s/')}/report`, {
      headers: { cookie: leader.cookie },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { answered: number; qualities: { self: number; others: number }[]; suggestions: unknown[] };
    expect(body.answered).toBe(3);
    expect(body.qualities).toHaveLength(6);
    expect(body.suggestions.length).toBeGreaterThan(0);
    // The leader's list of 360s counts the answers too.
    const list = await (await t.app.request(`/networks/${networkId}/cpd/leadership`, { headers: { cookie: leader.cookie } })).text();
    expect(list).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
  });

  it('refuses a rater’s answer once the leader has closed the 360', async () => {
    expect((await t.post(`${feedbackUrl}/raters`, leader, { relationship: 'peer', email: 'late@example.org' })).status).toBe(303);
    const late = tokenOf(t.mail.at(-1)!.text);
    expect((await t.post(`${feedbackUrl}/close`, colleague, {})).status).toBe(403);
    expect((await t.post(`${feedbackUrl}/close`, leader, {})).status).toBe(303);
    const res = await t.post('/feedback360/respond', leader, { token: late, ...scores(4) });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This 360 is closed');
    expect(await t.db.select().from(feedback360Responses)).toHaveLength(3);
  });

  it('turns a suggested option into the leader’s pathway, once', async () => {
    const html = await (await t.app.request(`${feedbackUrl}/report`, { headers: { cookie: leader.cookie } })).text();
    const optionId = /name="optionId" value="([^"]+)"/.exec(html)![1]!;
    const feedbackId = feedbackUrl.split('/').at(-1)!;
    expect((await t.post(`/networks/${networkId}/cpd/leadership/pathway`, leader, { optionId, feedbackId })).status).toBe(303);
    const twice = await t.post(`/networks/${networkId}/cpd/leadership/pathway`, leader, { optionId, feedbackId });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('already in your pathway');
    const hub = await (await t.app.request(`/networks/${networkId}/cpd/leadership`, { headers: { cookie: leader.cookie } })).text();
    expect(hub).toContain('Your development pathway');
    expect(hub).toMatch(/Planned/);
  });

  it('does the same through the API: start, rate yourself, invite, close, and build the pathway', async () => {
    const api = (path: string, session: { cookie: string; csrf: string }, method = 'GET', body?: unknown) =>
      t.app.request(`/api/v1/networks/${networkId}${path}`, {
        method,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          origin: 'http://localhost',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const started = (await (await api('/feedback360s', leader, 'POST', { title: 'Summer term' })).json()) as { id: string };
    const path = `/feedback360s/${started.id}`;
    expect((await api(`${path}/raters`, leader, 'POST', { relationship: 'peer', email: 'p@example.org' })).status).toBe(409);
    const all = qualityIds.map((qualityId) => ({ qualityId, score: 4 }));
    const missing = await api(`${path}/self-rating`, leader, 'PUT', { scores: all.slice(1) });
    expect(missing.status).toBe(400);
    expect((await api(`${path}/self-rating`, colleague, 'PUT', { scores: all })).status).toBe(403);
    const rated = await api(`${path}/self-rating`, leader, 'PUT', { scores: all });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ status: 'open', answered: 0 });
    const sentBefore = t.mail.length;
    const invited = await api(`${path}/raters`, leader, 'POST', { relationship: 'team', email: 'Team.Member@example.org' });
    expect(invited.status).toBe(201);
    expect(t.mail.length).toBe(sentBefore + 1);
    expect(t.mail.at(-1)!.to).toBe('team.member@example.org');
    expect((await api(`${path}/close`, colleague, 'POST')).status).toBe(403);
    expect(await (await api(`${path}/close`, leader, 'POST')).json()).toMatchObject({ status: 'closed' });
    expect((await api(`${path}/raters`, leader, 'POST', { relationship: 'peer', email: 'p@example.org' })).status).toBe(409);

    const menu = (await (await api('/leadership/options', colleague)).json()) as { data: { id: string }[] };
    expect(menu.data.length).toBeGreaterThan(1);
    const added = await api('/leadership/pathway', colleague, 'POST', { optionId: menu.data[1]!.id });
    expect(added.status).toBe(201);
    const item = (await added.json()) as { id: string; status: string };
    expect(item.status).toBe('planned');
    expect((await api('/leadership/pathway', colleague, 'POST', { optionId: menu.data[1]!.id })).status).toBe(409);
    expect((await api(`/leadership/pathway/${item.id}`, leader, 'PUT', { status: 'done' })).status).toBe(403);
    expect(await (await api(`/leadership/pathway/${item.id}`, colleague, 'PUT', { status: 'done' })).json()).toMatchObject({
      status: 'done',
    });
    const mine = (await (await api('/leadership/pathway', colleague)).json()) as { data: { id: string }[] };
    expect(mine.data.map((i) => i.id)).toEqual([item.id]);

    // The admin keeps the framework and the menu through the API too.
    expect((await api('/leadership/framework/default', admin, 'POST')).status).toBe(409);
    const quality = { name: 'Coaching others', behaviours: ['Asks before telling', 'Follows up'] };
    expect((await api('/leadership/qualities', leader, 'POST', quality)).status).toBe(403);
    const created = await api('/leadership/qualities', admin, 'POST', quality);
    expect(created.status).toBe(201);
    const q = (await created.json()) as { id: string; behaviours: string[] };
    expect(q.behaviours).toEqual(quality.behaviours);
    expect((await api('/leadership/qualities', admin, 'POST', quality)).status).toBe(409);
    expect((await api('/leadership/qualities', admin, 'POST', { name: '', behaviours: [] })).status).toBe(400);
    const changed = await api(`/leadership/qualities/${q.id}`, admin, 'PUT', { ...quality, behaviours: ['Asks before telling'] });
    expect(await changed.json()).toMatchObject({ behaviours: ['Asks before telling'] });
    const option = await api('/leadership/options', admin, 'POST', { kind: 'coaching', title: 'Coaching course', qualityId: q.id });
    expect(option.status).toBe(201);
    expect(await option.json()).toMatchObject({ kind: 'coaching', qualityId: q.id });
    expect(await (await api(`/leadership/qualities/${q.id}/retire`, admin, 'POST')).json()).toEqual({ retired: true });
    expect((await api(`/leadership/qualities/${q.id}`, admin, 'PUT', quality)).status).toBe(404);
  });
});
