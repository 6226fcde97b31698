import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';

// School-to-school support is one item of the network's menu, and every page of the area carries the same
// sub-navigation (expertise, brokerage and money), showing each person only what they may open.

let t: TestApp;
let network: { id: string };
let admin: Awaited<ReturnType<TestApp['signIn']>>;
let teacher: Awaited<ReturnType<TestApp['signIn']>>;

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.db);
  admin = await t.signIn((await makeMember(t.db, network.id, 'network_admin')).id);
  teacher = await t.signIn((await makeMember(t.db, network.id, 'participant')).id);
});
afterAll(() => t?.close());

const page = async (path: string, s: typeof admin) =>
  (await t.app.request(`/networks/${network.id}${path}`, { headers: s.headers })).text();
const subNav = (html: string) => /aria-label="School-to-school support"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
const menu = (html: string) => /aria-label="Menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
const links = (nav: string) => [...nav.matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

it('shows one Support item in the menu, current on every page of the area', async () => {
  for (const path of ['/directory', '/designations', '/rounds', '/support/requests', '/support/statements']) {
    const nav = menu(await page(path, admin));
    expect(links(nav)).toContain('Support');
    expect(links(nav)).not.toContain('Directory');
    expect(links(nav)).not.toContain('Designations');
    expect(nav).toMatch(/aria-current="(page|true)"[^>]*>\s*(<[^>]+>\s*)*Support/);
  }
});

it('gives brokerage and money pages the same sub-navigation, the page’s own item current', async () => {
  const all = [
    'Directory',
    'Designations',
    'Designation rounds',
    'Offers',
    'Requests',
    'Deployments',
    'Allocate',
    'Payment model',
    'Statements',
    'Reports',
  ];
  for (const path of ['/designations', '/support/offers', '/support/deployments', '/support/money', '/support/reports']) {
    const nav = subNav(await page(path, admin));
    expect(links(nav)).toEqual(all);
  }
  expect(subNav(await page('/support/money', admin))).toMatch(
    /href="[^"]*\/support\/money"[^>]*aria-current="page"|aria-current="page"[^>]*href="[^"]*\/support\/money"/,
  );
});

it('shows a member only the parts they may open', async () => {
  expect(links(subNav(await page('/directory', teacher)))).toEqual(['Directory', 'Designations', 'Designation rounds', 'Offers']);
});
