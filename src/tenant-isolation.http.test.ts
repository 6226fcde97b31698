import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { apiOperations, sampleFor } from '../test/support/openapi.ts';
import { loadConfig } from './config.ts';
import { auditEvents } from './kernel/audit/schema.ts';
import { type Role, roles } from './kernel/auth/actor.ts';
import { foreignKeys, tableColumns } from './kernel/db/foreign-keys.ts';
import { type Decision, recordDecisions } from './kernel/policy/decisions.ts';
import { routesWithoutPolicy, sharedTables } from './kernel/policy/route-access.ts';
import { networkPartnerships, networks } from './modules/networks/schema.ts';
import { BLUE_SKY, CASTLE_PHOENIX, seedDemo } from './seed/demo.ts';
import { makeMember, makePerson } from './seed/factories.ts';

// Tenant isolation, read from the app's route table (pages and API alike, so routes added later are
// covered without editing this file): every route x roles x this network's records, another
// network's records and guessed ids. The demo seed supplies the records; its two networks are made
// strangers (partnership ended) so that nothing of the other may be served.
// A route passes when it never succeeds with another network's records, audits every 403, and asks
// the policy (authorize / networkFor / networkScope) before it succeeds, unless it is listed with its
// reason in src/kernel/policy/route-access.ts.

interface Route {
  method: string;
  path: string;
  params: string[];
}
type Ids = { own: string[]; other: string[] };
interface Caller {
  label: string;
  headers: Record<string, string>;
}

let t: TestApp;
let own: string;
let other: string;
let routes: Route[];
const idsByParam = new Map<string, Ids>();
const bodies = new Map<string, unknown>();
let callers: Caller[];
let anonymous: Caller;

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
const isIdParam = (name: string) => name !== 'networkId' && (/Id$/.test(name) || name === 'urn');

/** Which table a path parameter names: `personId` -> people, `partnershipId` -> network_partnerships, `urn` -> schools. */
function tablesFor(param: string, tables: string[]) {
  if (param === 'urn') return ['schools'];
  const base = param
    .replace(/Id$/, '')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/^_/, '');
  const plurals = base === 'person' ? ['people'] : [`${base}s`, `${base}es`, base.replace(/y$/, 'ies')];
  const exact = tables.filter((t) => plurals.includes(t));
  return exact.length ? exact : tables.filter((t) => plurals.some((p) => t.endsWith(`_${p}`)));
}

/** Up to two ids of a table's rows that belong to `networkId` (by its network_id, or a child row's). */
async function idsIn(table: string, networkId: string, excluding: string | null) {
  const columns = tableColumnsCache.get(table) ?? [];
  const key = table === 'schools' ? 'urn' : 'id';
  const q = (s: string) => sql.identifier(s);
  if (columns.includes('network_id')) {
    const query = sql`select ${q(key)}::text as id from ${q(table)} where network_id = ${networkId}
      ${excluding ? sql`and ${q(key)} not in (select ${q(key)} from ${q(table)} where network_id = ${excluding})` : sql``} limit 2`;
    return ((await t.db.execute(query)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  }
  {
    const links = (await foreignKeys(t.db)).filter(
      (fk) => fk.refTable === table && fk.refColumn === key && (tableColumnsCache.get(fk.table) ?? []).includes('network_id'),
    );
    for (const link of links) {
      const child = sql`select ${q(link.column)} from ${q(link.table)} where network_id = ${networkId}`;
      const notIn = excluding
        ? sql`and ${q(key)} not in (select ${q(link.column)} from ${q(link.table)} where network_id = ${excluding} and ${q(link.column)} is not null)`
        : sql``;
      const query = sql`select ${q(key)}::text as id from ${q(table)} where ${q(key)} in (${child}) ${notIn} limit 2`;
      const ids = ((await t.db.execute(query)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
      if (ids.length) return ids;
    }
    return [];
  }
}
let tableColumnsCache = new Map<string, string[]>();

function urlFor(route: Route, networkId: string, pick: (param: string) => string) {
  return route.path
    .replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => encodeURIComponent(name === 'networkId' ? networkId : pick(name)))
    .replace(/\*$/, 'x');
}

async function call(route: Route, url: string, caller: Caller) {
  const api = route.path.startsWith('/api/');
  const write = !['GET', 'HEAD'].includes(route.method);
  const headers: Record<string, string> = { ...caller.headers, origin: 'http://localhost' };
  let body: BodyInit | undefined;
  if (write) {
    if (api) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(bodies.get(routeKey(route)) ?? {});
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = '';
    }
  }
  const { result, decisions } = await recordDecisions(async () => t.app.request(url, { method: route.method, headers, body }));
  await result.arrayBuffer();
  return { res: result, decisions };
}

/** Got through: a 2xx, or a redirect anywhere but the sign-in page. */
const succeeded = (res: Response) => res.status < 300 || (res.status < 400 && !(res.headers.get('location') ?? '').startsWith('/sign-in'));

const fixes = {
  decision: (r: Route) =>
    `call authorize(db, actor, action, subject) (pages: networkFor(c, action)) before answering, or networkScope(actor) for a list; ` +
    `if it serves only public data or the caller's own records, add '${routeKey(r)}': '<why>' to routesWithoutPolicy in src/kernel/policy/route-access.ts`,
  leak: () => `load the record within the network of the path (404 when it is not there) and authorize on the record's own network`,
  audit: () =>
    `refuse through authorize() from src/policy.ts (it writes access.refused to the audit log), never by throwing forbidden() yourself`,
};

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: t.database });
  const byName = async (name: string) => (await t.db.select().from(networks).where(eq(networks.name, name)))[0]!.id;
  own = await byName(BLUE_SKY);
  other = await byName(CASTLE_PHOENIX);
  await t.db.update(networkPartnerships).set({ status: 'ended', endedOn: sql`greatest(started_on, current_date - 1)` });

  const members = await Promise.all(roles.map((role: Role) => makeMember(t.db, own, role)));
  const outsider = await makePerson(t.db);
  callers = [];
  for (const [i, person] of [...members, outsider].entries()) {
    const session = await t.signIn(person.id);
    callers.push({ label: roles[i] ?? 'signed in, no role', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
  }
  anonymous = { label: 'anonymous', headers: {} };

  const seen = new Set<string>();
  routes = t.app.routes
    .filter((r) => r.method !== 'ALL' && !seen.has(routeKey(r)) && seen.add(routeKey(r)))
    .map((r) => ({ method: r.method, path: r.path, params: paramsOf(r.path) }));

  tableColumnsCache = await tableColumns(t.db);
  const tables = [...tableColumnsCache.keys()];
  for (const param of new Set(routes.flatMap((r) => r.params).filter(isIdParam))) {
    const ids: Ids = { own: [], other: [] };
    for (const table of tablesFor(param, tables)) {
      ids.own.push(...(await idsIn(table, own, null)));
      if (!(table in sharedTables)) ids.other.push(...(await idsIn(table, other, own)));
    }
    idsByParam.set(param, ids);
  }

  const { operations, resolve } = await apiOperations(t.app);
  for (const op of operations.filter((o) => o.body)) {
    bodies.set(`${op.method} /api/v1${op.path.replace(/\{(\w+)\}/g, ':$1')}`, sampleFor(op.body, resolve));
  }
}, 120_000);
afterAll(() => t.close());

// `npm run check:security` sets ISOLATION_ALL_ROLES=1: every route x every role, about ten times the requests.
const allRoles = process.env.ISOLATION_ALL_ROLES === '1';

const guess = (param: string) => (param === 'urn' ? '999999' : isIdParam(param) ? randomUUID() : 'x');
const ownValue = (param: string) => idsByParam.get(param)?.own[0] ?? guess(param);
const otherValue = (param: string) => idsByParam.get(param)?.other[0] ?? guess(param);

describe('tenant isolation over the route table', () => {
  it('finds the pages and API routes, and records of both networks to ask for', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.some((r) => r.path.startsWith('/api/v1/networks/:networkId'))).toBe(true);
    expect(idsByParam.get('personId')?.other.length).toBeGreaterThan(0);
    expect(idsByParam.get('urn')?.own.length).toBeGreaterThan(0);
  });

  it(
    'every route: no unexpected success for any role, every 403 audited, a policy decision before every success',
    async () => {
      const problems: string[] = [];
      const refusalsBefore = await refusals();
      let audited = 0;
      let requests = 0;
      let served = 0;
      const check = (route: Route, who: string, what: string, res: Response, decisions: Decision[], mayPass: boolean) => {
        requests++;
        const label = `${routeKey(route)} as ${who} with ${what} answered ${res.status}`;
        const refused = decisions.filter((d) => d.kind === 'refused');
        if (res.status === 403) {
          if (refused.length === 0) problems.push(`${label} without an audited refusal: ${fixes.audit()}`);
          else audited++;
        }
        if (res.status >= 500) problems.push(`${label}`);
        if (!succeeded(res)) return;
        served++;
        const listed = routeKey(route) in routesWithoutPolicy;
        if (!mayPass && !listed) problems.push(`${label}: another network's data must never be served; ${fixes.leak()}`);
        else if (!listed && !decisions.some((d) => d.kind !== 'refused'))
          problems.push(`${label} without a policy decision: ${fixes.decision(route)}`);
      };

      // Routes listed as needing no policy decision serve public data or the caller's own (and sign out): skipped below.
      const checked = routes.filter((r) => !(routeKey(r) in routesWithoutPolicy));
      // In `npm test` each route is asked by a network admin (the widest rights) and by one other role,
      // rotating through the roles (and the signed-in person with none) along the route table: every role is
      // exercised while the run stays quick as routes are added. `npm run check:security` sets
      // ISOLATION_ALL_ROLES=1: every route x every role.
      const callersFor = (i: number) => (allRoles ? callers : [callers[0]!, callers[1 + (i % (callers.length - 1))]!]);
      for (const [i, route] of checked.entries()) {
        const ids = route.params.filter(isIdParam);
        const res = await call(route, urlFor(route, own, ownValue), anonymous);
        if (succeeded(res.res))
          problems.push(`${routeKey(route)} answered ${res.res.status} to an anonymous visitor: ${fixes.decision(route)}`);
        for (const caller of callersFor(i)) {
          // Another network, its records.
          const theirs = await call(route, urlFor(route, other, otherValue), caller);
          check(
            route,
            caller.label,
            "another network's ids",
            theirs.res,
            theirs.decisions,
            !route.params.includes('networkId') && ids.length === 0,
          );
          // This network in the path, another network's records in it.
          if (ids.some((p) => idsByParam.get(p)?.other.length) && route.params.includes('networkId')) {
            const mixed = await call(route, urlFor(route, own, otherValue), caller);
            check(route, caller.label, "this network and another network's record ids", mixed.res, mixed.decisions, false);
          }
        }
        // Guessed ids (made-up uuids and URNs).
        if (ids.length > 0) {
          const guessed = await call(route, urlFor(route, own, guess), callers[0]!);
          check(route, 'network_admin', 'guessed ids', guessed.res, guessed.decisions, false);
        }
      }
      // Own records last: writes here may change the demo data.
      const ordered = [...checked].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
      for (const [i, route] of ordered.entries()) {
        for (const caller of callersFor(i)) {
          const mine = await call(route, urlFor(route, own, ownValue), caller);
          check(route, caller.label, "this network's ids", mine.res, mine.decisions, true);
        }
      }

      console.log(
        `tenant isolation (${allRoles ? 'every role' : 'admin and a rotating role'}): ${checked.length} routes, ${requests} requests, ` +
          `${served} served, ${audited} refusals audited, ${problems.length} problems`,
      );
      expect(problems, `Tenant isolation (${problems.length} problems in ${requests} requests):\n${problems.join('\n')}`).toEqual([]);
      expect(audited).toBeGreaterThan(50);
      expect(served).toBeGreaterThan(100);
      // Still signed in at the end, so no answer above was a sign-in redirect in disguise.
      for (const caller of callers) expect((await t.app.request('/account', { headers: caller.headers })).status).toBe(200);
      expect(await refusals()).toBeGreaterThanOrEqual(refusalsBefore + audited);
    },
    allRoles ? 7_200_000 : 600_000,
  );
});

async function refusals() {
  return (
    await t.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused')))
  ).length;
}
