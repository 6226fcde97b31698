import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPersonByEmail } from '../../src/kernel/auth/sign-in.ts';
import { BLUE_SKY, type Persona, seedDemo } from '../../src/seed/demo.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let helen: Persona;

beforeAll(async () => {
  e2e = await startE2E();
  const personas = await seedDemo(e2e.deps);
  helen = personas.find((p) => p.role === 'network_admin' && p.network === BLUE_SKY)!;
});
afterAll(() => e2e?.close());

it('finds a school by name and by URN, and opens its page', async () => {
  const person = await findPersonByEmail(e2e.db, helen.email);
  const page = await e2e.newPageSignedInAs(person!.id);
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: BLUE_SKY }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Schools' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();
  await e2e.checkPage(page);

  // By name, among the alliance's member schools.
  await page.getByLabel('School name or URN').fill('sacred heart');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('status').getByText('Showing 1 to 1 of 1 school').waitFor();
  await e2e.checkPage(page);
  await expect(page.getByRole('link', { name: 'Sacred Heart Catholic Primary School' }).count()).resolves.toBe(1);

  // Caludon Castle belongs to the partner alliance: found among all schools, by URN.
  await page.getByLabel('School name or URN').fill('139292');
  await page.getByRole('radio', { name: 'All schools' }).check();
  await page.getByRole('button', { name: 'Search' }).click();
  const link = page.getByRole('link', { name: 'Caludon Castle School' });
  await link.waitFor();
  await e2e.checkPage(page);
  await link.click();

  await page.getByRole('heading', { level: 1, name: 'Caludon Castle School' }).waitFor();
  await e2e.checkPage(page);
  const details = await page.getByRole('main').textContent();
  expect(details).toContain('139292');
  expect(details).toContain('Secondary');
  expect(details).toContain('Good');
  e2e.assertAllPagesChecked();
});
