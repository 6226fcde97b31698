import { count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { loadConfig } from '../config.ts';
import {
  memberships,
  networkPartnerships,
  networkSchools,
  networks,
  people,
  schools,
  strategicPartners,
} from '../modules/networks/schema.ts';
import { BLUE_SKY, CASTLE_PHOENIX, DEMO_PASSWORD, type Persona, seedDemo, seedDemoIfEmpty } from './demo.ts';

let t: TestApp;
let personas: Persona[];
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

async function counts() {
  const n = async (table: PgTable) => (await t.db.select({ n: count() }).from(table))[0]!.n;
  return {
    schools: await n(schools),
    networks: await n(networks),
    networkSchools: await n(networkSchools),
    partners: await n(strategicPartners),
    partnerships: await n(networkPartnerships),
    people: await n(people),
    memberships: await n(memberships),
  };
}

const networkNamed = async (name: string) => (await t.db.select().from(networks).where(eq(networks.name, name)))[0]!;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo seed', () => {
  it('refuses to run when NODE_ENV is production, writing nothing', async () => {
    const production = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    await expect(seedDemo({ config: production, database: t.database })).rejects.toThrow(/NODE_ENV is production/);
    expect((await counts()).networks).toBe(0);
  });

  it('seeds once into an empty database, and re-running changes nothing', async () => {
    personas = (await seedDemoIfEmpty({ config, database: t.database }, () => {}))!;
    const first = await counts();
    expect(first.networks).toBe(2);
    expect(first.people).toBeGreaterThanOrEqual(200);
    expect(first.people).toBeLessThan(600);

    expect(await seedDemoIfEmpty({ config, database: t.database }, () => {})).toBeNull();
    const again = await seedDemo({ config, database: t.database });
    expect(again).toEqual(personas);
    expect(await counts()).toEqual(first);
  });

  it('builds the two alliances with their lead schools, members, a leaver, partners and a partnership', async () => {
    const blueSky = await networkNamed(BLUE_SKY);
    const castle = await networkNamed(CASTLE_PHOENIX);
    expect(blueSky.leadSchoolUrn).toBe(142205);
    expect(castle.leadSchoolUrn).toBe(139292);
    const lead = await t.db.select().from(schools).where(eq(schools.urn, 142205));
    expect(lead[0]?.name).toBe('Sacred Heart Catholic Primary School');

    const members = async (networkId: string) => t.db.select().from(networkSchools).where(eq(networkSchools.networkId, networkId));
    const blueMembers = await members(blueSky.id);
    const current = blueMembers.filter((m) => m.leftOn === null);
    expect(current.length).toBeGreaterThanOrEqual(25);
    expect(current.length).toBeLessThanOrEqual(35);
    expect(blueMembers.filter((m) => m.leftOn !== null)).toHaveLength(1);
    const castleMembers = (await members(castle.id)).length;
    expect(castleMembers).toBeGreaterThanOrEqual(10);
    expect(castleMembers).toBeLessThanOrEqual(15);

    const partners = await t.db.select().from(strategicPartners).where(eq(strategicPartners.networkId, blueSky.id));
    expect(partners.map((p) => p.name).sort()).toEqual(['Coventry City Council', 'Coventry University', 'University of Warwick']);
    const [partnership] = await t.db.select().from(networkPartnerships);
    expect([partnership!.networkA, partnership!.networkB].sort()).toEqual([blueSky.id, castle.id].sort());
    expect(partnership!.networkA < partnership!.networkB).toBe(true);
    expect(partnership).toMatchObject({ status: 'active', startedOn: '2016-09-01', endedOn: null });
  });

  it('creates the personas with their roles, the demo password and an email at their school', async () => {
    const roles = Object.fromEntries(personas.map((p) => [p.name, p.role]));
    expect(roles).toMatchObject({
      'Helen Barker': 'network_admin',
      'Leanne Casey': 'lp_candidate',
      'Priya Sharma': 'system_leader',
      'Tom Whitfield': 'mentor',
      'Ayesha Khan': 'assessor',
      'Jack Reynolds': 'trainee',
    });
    expect(personas.some((p) => p.role === 'school_leader' && p.jobTitle === 'Headteacher')).toBe(true);
    for (const persona of personas) {
      const [row] = await t.db
        .select({ role: memberships.role, network: networks.name, schoolName: schools.name })
        .from(people)
        .innerJoin(memberships, eq(memberships.personId, people.id))
        .innerJoin(networks, eq(networks.id, memberships.networkId))
        .innerJoin(schools, eq(schools.urn, people.schoolUrn))
        .where(sql`lower(${people.email}) = ${persona.email}`);
      expect(row).toEqual({ role: persona.role, network: persona.network, schoolName: persona.school });
      expect(persona.email).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9-]+\.example\.org$/);
    }
    expect(personas.find((p) => p.name === 'Leanne Casey')?.school).toBe("St Michael's Church of England Primary School");
  });

  it('gives the assessor persona a submitted portfolio to assess', async () => {
    const ayesha = personas.find((p) => p.name === 'Ayesha Khan')!;
    const [person] = await t.db.select().from(people).where(sql`lower(${people.email}) = ${ayesha.email}`);
    const s = await t.signIn(person!.id);
    const blueSky = await networkNamed(BLUE_SKY);
    const list = await (await t.app.request(`/networks/${blueSky.id}/accreditation/submissions`, { headers: s.headers })).text();
    const href = /href="(\/networks\/[^"]+\/accreditation\/submissions\/[0-9a-f-]{36})"/.exec(list)![1]!;
    const page = await (await t.app.request(href, { headers: s.headers })).text();
    expect(page).toContain('Finish assessment');
    expect(page).toContain('Ayesha Khan');
  });

  it('shows Leanne an item her small group shares, with its file, on her portfolio', async () => {
    const leanne = personas.find((p) => p.name === 'Leanne Casey')!;
    const [person] = await t.db.select().from(people).where(sql`lower(${people.email}) = ${leanne.email}`);
    const s = await t.signIn(person!.id);
    const blueSky = await networkNamed(BLUE_SKY);
    const home = await (await t.app.request(`/networks/${blueSky.id}/accreditation`, { headers: s.headers })).text();
    const href = /href="(\/networks\/[^"]+\/accreditation\/portfolios\/[0-9a-f-]{36})"/.exec(home)![1]!;
    const page = await (await t.app.request(href, { headers: s.headers })).text();
    expect(page).toContain('Shared by your group');
    expect(page).toContain('Bar model lesson study with the maths group');
    expect(page).toContain('Lesson study notes.pdf');
  });

  it('lets a persona sign in with the demo password and see the network home', async () => {
    const page = await t.app.request('/sign-in');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const helen = personas.find((p) => p.name === 'Helen Barker')!;
    const res = await t.post('/sign-in/password', { cookie, csrf }, { email: helen.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    const session = /alliance_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
    const home = await t.app.request('/', { headers: { cookie: session } });
    const location = home.headers.get('location') ?? '';
    const blueSky = await networkNamed(BLUE_SKY);
    expect(location).toBe(`/networks/${blueSky.id}`);
    const html = await (await t.app.request(location, { headers: { cookie: session } })).text();
    expect(html).toContain(BLUE_SKY);
  });
});
