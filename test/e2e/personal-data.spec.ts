import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPersonByEmail } from '../../src/kernel/auth/sign-in.ts';
import { BLUE_SKY, type Persona, seedDemo } from '../../src/seed/demo.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let personas: Persona[];

beforeAll(async () => {
  e2e = await startE2E();
  personas = await seedDemo(e2e.deps);
});
afterAll(() => e2e?.close());

it('an admin finds a person’s data export and erasure from the directory, and anyone their own from Your account', async () => {
  const helen = personas.find((p) => p.role === 'network_admin' && p.network === BLUE_SKY)!;
  const page = await e2e.newPageSignedInAs((await findPersonByEmail(e2e.db, helen.email))!.id);
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: BLUE_SKY }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Support' }).click();
  await page.getByRole('heading', { level: 1, name: 'Requests for support' }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('navigation', { name: 'School-to-school support' }).getByRole('link', { name: 'Directory' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await e2e.checkPage(page);

  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: BLUE_SKY }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('heading', { level: 2, name: 'Personal data' }).waitFor();
  await e2e.checkPage(page);
  await expect(page.getByRole('link', { name: /^Erase / }).count()).resolves.toBe(1);
  await page.getByRole('link', { name: /^Erase / }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await e2e.checkPage(page);

  await page.goto('/account');
  await page.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
  await e2e.checkPage(page);
  e2e.assertAllPagesChecked();
});
