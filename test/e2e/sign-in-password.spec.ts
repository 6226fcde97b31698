import { afterAll, beforeAll, expect, it } from 'vitest';
import { BLUE_SKY, DEMO_PASSWORD, type Persona, seedDemo } from '../../src/seed/demo.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let personas: Persona[];

beforeAll(async () => {
  e2e = await startE2E();
  personas = await seedDemo(e2e.deps);
});
afterAll(() => e2e?.close());

it('signs a demo persona in with the demo password, after a wrong password is refused', async () => {
  const helen = personas.find((p) => p.role === 'network_admin' && p.network === BLUE_SKY)!;
  const page = await e2e.newPage();
  await page.goto('/sign-in');
  await e2e.checkPage(page);

  const passwordForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign in', exact: true }) });
  await passwordForm.getByLabel('Email address').fill(helen.email);
  await passwordForm.getByLabel('Password', { exact: true }).fill('not the password');
  await passwordForm.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The error summary names the problem and links to the field.
  const summary = page.getByRole('alert');
  await summary.getByText('There is a problem').waitFor();
  await expect(page.title()).resolves.toMatch(/^Error: /);
  await e2e.checkPage(page);

  const again = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign in', exact: true }) });
  await again.getByLabel('Email address').fill(helen.email);
  await again.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: BLUE_SKY }).waitFor();
  await e2e.checkPage(page);
  await page.getByText(/You are here as: Network admin/).waitFor();

  // The network home counts the demo's member schools and people.
  const main = await page.getByRole('main').textContent();
  expect(main).toMatch(/\b30\s*member schools/);
  e2e.assertAllPagesChecked();
});
