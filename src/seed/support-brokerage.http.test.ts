import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { loadConfig } from '../config.ts';
import { networks, people } from '../modules/networks/schema.ts';
import { deployments, supportOffers } from '../modules/support/brokerage-schema.ts';
import { BLUE_SKY, seedDemo } from './demo.ts';

let t: TestApp;
let networkId: string;
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ config, database: t.database });
  networkId = (await t.db.select().from(networks).where(eq(networks.name, BLUE_SKY)))[0]!.id;
});
afterAll(() => t.close());

it('designates 15 SLEs from 6 schools in the first cohort, as Ashton-on-Mersey did', async () => {
  const [cohort] = rowsOf<{ sles: number; schools: number }>(
    await t.db.execute(sql`select count(*)::int as sles, count(distinct p.school_urn)::int as schools
      from designations d join people p on p.id = d.person_id
      where d.network_id = ${networkId} and d.kind = 'sle' and d.starts_on = '2025-09-01'`),
  );
  expect(cohort).toEqual({ sles: 15, schools: 6 });
  // They were designated through the first round, and all attended its induction.
  const [round] = rowsOf<{ designated: number; attended: number; reviews: number }>(
    await t.db.execute(sql`select
      (select count(*)::int from designation_applications a where a.round_id = r.id and a.status = 'designated' and a.designation_id is not null) as designated,
      (select count(*)::int from designation_training_attendance x join designation_trainings tr on tr.id = x.training_id where tr.round_id = r.id) as attended,
      (select count(*)::int from designation_round_reviews v where v.round_id = r.id) as reviews
      from designation_rounds r where r.network_id = ${networkId} and r.title = 'SLE designation: first cohort'`),
  );
  expect(round).toEqual({ designated: 15, attended: 15, reviews: 1 });
  // Every deployed leader of that year is one of the cohort.
  const [outside] = rowsOf<{ n: number }>(
    await t.db.execute(sql`select count(*)::int as n from deployments x join designations d on d.id = x.designation_id
      where x.network_id = ${networkId} and x.school_year = 2025 and (d.kind <> 'sle' or d.starts_on <> '2025-09-01')`),
  );
  expect(outside!.n).toBe(0);
});

it('deploys SLEs as Ashton-on-Mersey did: 12 leaders, just under 80 days, a one-day diagnostic to a 19-day maths deployment, evaluated', async () => {
  const [last] = rowsOf<{ leaders: number; days: string; longest: string; shortest: string; evaluated: number }>(
    await t.db.execute(sql`select count(distinct leader_id)::int as leaders, sum(days)::text as days, max(days)::text as longest,
      min(days)::text as shortest, count(*) filter (where status = 'evaluated')::int as evaluated
      from deployments where network_id = ${networkId} and school_year = 2025`),
  );
  expect(last!.leaders).toBe(12);
  expect(Number(last!.days)).toBeGreaterThan(75);
  expect(Number(last!.days)).toBeLessThan(80);
  expect(Number(last!.longest)).toBe(19);
  expect(Number(last!.shortest)).toBe(1);
  expect(last!.evaluated).toBeGreaterThan(8);
});

it('gives Priya Sharma deployments, one waiting for her consent, and the broker an unmatched request', async () => {
  const [priya] = await t.db.select().from(people).where(eq(people.fullName, 'Priya Sharma'));
  const hers = await t.db.select().from(deployments).where(eq(deployments.leaderId, priya!.id));
  expect(hers.map((d) => d.status).sort()).toEqual(['agreed', 'evaluated', 'proposed']);
  // Her agreed diagnostic carries the price agreed, and the school's marketplace voucher was spent on it.
  const agreed = hers.find((d) => d.status === 'agreed')!;
  expect(agreed).toMatchObject({ dayRatePence: 40000, feeKind: 'percent', feeValue: 1000, vatBasisPoints: 2000 });
  const [voucher] = rowsOf<{ deployment_id: string; redeemed_pence: number }>(
    await t.db.execute(sql`select deployment_id, redeemed_pence from support_vouchers where network_id = ${networkId}`),
  );
  expect(voucher).toEqual({ deployment_id: agreed.id, redeemed_pence: 13333 });
  const [admin] = await t.db.select().from(people).where(eq(people.fullName, 'Helen Barker'));
  const session = await t.signIn(admin!.id);
  const list = await (await t.app.request(`/networks/${networkId}/support/requests?status=open`, { headers: session.headers })).text();
  const ids = [...list.matchAll(/support\/requests\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const pages = await Promise.all(
    ids.map(async (id) => (await t.app.request(`/networks/${networkId}/support/requests/${id}`, { headers: session.headers })).text()),
  );
  expect(pages.some((p) => p.includes('Unmatched: Nobody in the network holds a designation in'))).toBe(true);
  expect(pages.some((p) => p.includes('Propose this leader'))).toBe(true);
});

it('adds nothing when seeded again', async () => {
  const before = (await t.db.select({ n: count() }).from(supportOffers))[0]!.n;
  await seedDemo({ config, database: t.database });
  expect((await t.db.select({ n: count() }).from(supportOffers))[0]!.n).toBe(before);
});
