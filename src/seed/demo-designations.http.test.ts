import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { loadConfig } from '../config.ts';
import { networks, people } from '../modules/networks/schema.ts';
import { designations } from '../modules/support/schema.ts';
import { BLUE_SKY, CASTLE_PHOENIX, seedDemo } from './demo.ts';

let t: TestApp;
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const total = async () => (await t.db.select({ n: count() }).from(designations))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ config, database: t.database });
});
afterAll(() => t.close());

it('designates the demo’s system leaders: Priya Sharma is a maths SLE in the directory, seen from the partner network too', async () => {
  const [priya] = await t.db.select().from(people).where(eq(people.fullName, 'Priya Sharma'));
  const [held] = await t.db.select().from(designations).where(eq(designations.personId, priya!.id));
  expect(held).toMatchObject({ kind: 'sle', phase: 'secondary', releaseDays: '15.0', status: 'active' });
  const blueSky = (await t.db.select().from(networks).where(eq(networks.name, BLUE_SKY)))[0]!;
  expect((await t.db.select().from(designations).where(eq(designations.networkId, blueSky.id))).length).toBeGreaterThan(3);
  const [gareth] = await t.db.select().from(people).where(eq(people.fullName, 'Gareth Lloyd'));
  const session = await t.signIn(gareth!.id);
  const res = await t.app.request(`/api/v1/networks/${blueSky.id}/directory?q=Priya`, { headers: session.headers });
  const body = (await res.json()) as { data: { fullName: string; specialisms: string[] }[] };
  expect(body.data).toEqual([
    expect.objectContaining({ fullName: 'Priya Sharma', specialisms: ['Leadership of curriculum', 'Mathematics'] }),
  ]);
  expect((await t.db.select().from(networks).where(eq(networks.name, CASTLE_PHOENIX))).length).toBe(1);
});

it('adds no designation when seeded again', async () => {
  const before = await total();
  await seedDemo({ config, database: t.database });
  expect(await total()).toBe(before);
});
