import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { loadConfig } from '../config.ts';
import { feedback360s, reviewGroups, trioCycles, trios } from '../modules/cpd/development-schema.ts';
import { people } from '../modules/networks/schema.ts';
import { type Persona, seedDemo } from './demo.ts';

let t: TestApp;
let personas: Persona[];
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const personId = async (name: string) =>
  (
    await t.db
      .select()
      .from(people)
      .where(eq(people.email, personas.find((p) => p.name === name)!.email))
  )[0]!.id;

beforeAll(async () => {
  t = await createTestApp();
  personas = await seedDemo({ config, database: t.database });
  await seedDemo({ config, database: t.database });
});
afterAll(() => t.close());

describe('demo collaborative and leadership development', () => {
  it('has one trio with its SLE and cycles, one 360 and one review group, however often it is seeded', async () => {
    const [trio, ...more] = await t.db.select().from(trios);
    expect(more).toEqual([]);
    expect(trio!.sleDesignationId).not.toBeNull();
    expect((await t.db.select().from(trioCycles)).length).toBe(2);
    expect(await t.db.select().from(feedback360s)).toHaveLength(1);
    expect(await t.db.select().from(reviewGroups)).toHaveLength(1);
  });

  it('gives Rachel Hughes a 360 report, and her triad its first visit', async () => {
    const rachel = await t.signIn(await personId('Rachel Hughes'));
    const [feedback] = await t.db.select().from(feedback360s);
    const report = await t.app.request(`/networks/${feedback!.networkId}/cpd/leadership/360/${feedback!.id}/report`, {
      headers: { cookie: rachel.cookie },
    });
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('Based on 4 anonymous answers');
    const list = await (
      await t.app.request(`/networks/${feedback!.networkId}/cpd/peer-review`, { headers: { cookie: rachel.cookie } })
    ).text();
    expect(list).toContain('Coventry primary heads triad');
  });
});
